//! `BatchNormalization` in training mode: batch statistics, moving averages, gradients.

use crate::trainable::visit_gamma_beta;
use shaped_layers::{BatchNormalization, Float, Layer};
use shaped_shapes::{DataFormat, DataFormatKind, Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::{Backward, TrainContext, Trainable};

impl<E: Float, C: StaticDim, Fmt> Trainable<E> for BatchNormalization<E, C, Fmt> {
    fn trainable_len(&self) -> usize {
        self.gamma().map_or(0, <[E]>::len) + self.beta().map_or(0, <[E]>::len)
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        visit_gamma_beta(self.gamma(), self.beta(), f);
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        self.update_variables(|v| visit_gamma_beta(v.gamma, v.beta, &mut *f));
    }
}

/// What the backward pass needs: the normalised input and `1 / sqrt(var + epsilon)`.
#[derive(Debug)]
pub struct BatchNormTape<E: Float, X: Shape> {
    x_hat: Tensor<E, X>,
    inv_std: Vec<f64>,
}

fn to_f64<E: Float>(v: E) -> f64 {
    v.to_f64().unwrap_or(f64::NAN)
}

fn of_f64<E: Float>(v: f64) -> E {
    E::from(v).unwrap_or_else(E::nan)
}

/// The channel of each element of a batch: the innermost axis channels-last, blocks of
/// `steps` channels-first.
#[derive(Clone, Copy)]
struct Channels {
    c: usize,
    /// Elements per channel block (1 channels-last, the steps channels-first).
    block: usize,
}

impl Channels {
    fn of<Fmt: DataFormat, X: Shape>(c: usize) -> Self {
        let sample: usize = X::SAMPLE_DIMS.iter().product();
        let block = match Fmt::KIND {
            DataFormatKind::ChannelsFirst => sample / c.max(1),
            _ => 1,
        };
        Self { c: c.max(1), block: block.max(1) }
    }

    fn at(self, k: usize) -> usize {
        (k / self.block) % self.c
    }
}

/// Keras's training-mode BatchNormalization (`training=True`): each channel normalised with
/// the batch's mean and (biased) variance over every other axis, the moving statistics
/// updated as `moving = moving * momentum + batch * (1 - momentum)`. Channels-first
/// (`axis=1`, PyTorch's `BatchNorm1d` in `train()`) normalises each channel over the batch and
/// the steps the same way.
impl<E, C, Fmt, X> Backward<E, Tensor<E, X>> for BatchNormalization<E, C, Fmt>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, X>>,
    E: Float,
    C: StaticDim,
    Fmt: DataFormat,
    X: Shape,
{
    type Tape = BatchNormTape<E, X>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, X>, Self::Tape) {
        let c = C::USIZE;
        let ch = Channels::of::<Fmt, X>(c);
        let n = (x.len() / c.max(1)).max(1) as f64;
        let mut mean = vec![0.0f64; c];
        for (k, &v) in x.as_slice().iter().enumerate() {
            mean[ch.at(k)] += to_f64(v);
        }
        mean.iter_mut().for_each(|m| *m /= n);
        let mut var = vec![0.0f64; c];
        for (k, &v) in x.as_slice().iter().enumerate() {
            let d = to_f64(v) - mean[ch.at(k)];
            var[ch.at(k)] += d * d;
        }
        var.iter_mut().for_each(|v| *v /= n);
        let eps = self.epsilon();
        let inv_std: Vec<f64> = var.iter().map(|v| 1.0 / (v + eps).sqrt()).collect();
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |g| to_f64(g[i]))).collect();
        let beta: Vec<f64> = (0..c).map(|i| self.beta().map_or(0.0, |b| to_f64(b[i]))).collect();
        let mut x_hat = ctx.workspace().copy_of(x);
        let mut y = ctx.workspace().copy_of(x);
        for (k, (h, o)) in x_hat.as_mut_slice().iter_mut().zip(y.as_mut_slice()).enumerate() {
            let i = ch.at(k);
            let xh = (to_f64(*h) - mean[i]) * inv_std[i];
            *h = of_f64(xh);
            *o = of_f64(xh * gamma[i] + beta[i]);
        }
        if !x.as_slice().is_empty() {
            let m = self.momentum();
            self.update_variables(|v| {
                for i in 0..c {
                    v.moving_mean[i] = of_f64(to_f64(v.moving_mean[i]) * m + mean[i] * (1.0 - m));
                    v.moving_variance[i] = of_f64(to_f64(v.moving_variance[i]) * m + var[i] * (1.0 - m));
                }
            });
        }
        (y, BatchNormTape { x_hat, inv_std })
    }

    fn backward(
        &self,
        _x: &Tensor<E, X>,
        _y: &Tensor<E, X>,
        tape: Self::Tape,
        mut dy: Tensor<E, X>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        crate::backward::check_grads("BatchNormalization", self.trainable_len(), grads.len());
        let c = C::USIZE;
        let ch = Channels::of::<Fmt, X>(c);
        let BatchNormTape { x_hat, inv_std } = tape;
        let mut dbeta = vec![0.0f64; c];
        let mut dgamma = vec![0.0f64; c];
        for (k, (g, h)) in dy.as_slice().iter().zip(x_hat.as_slice()).enumerate() {
            let i = ch.at(k);
            dbeta[i] += to_f64(*g);
            dgamma[i] += to_f64(*g) * to_f64(*h);
        }
        let n = (dy.len() / c.max(1)).max(1) as f64;
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |g| to_f64(g[i]))).collect();
        for (k, (g, h)) in dy.as_mut_slice().iter_mut().zip(x_hat.as_slice()).enumerate() {
            let i = ch.at(k);
            let d = to_f64(*g) - dbeta[i] / n - to_f64(*h) * dgamma[i] / n;
            *g = of_f64(gamma[i] * inv_std[i] * d);
        }
        let mut at = 0;
        if self.gamma().is_some() {
            grads[..c].iter_mut().zip(&dgamma).for_each(|(o, &v)| *o = of_f64(v));
            at = c;
        }
        if self.beta().is_some() {
            grads[at..at + c].iter_mut().zip(&dbeta).for_each(|(o, &v)| *o = of_f64(v));
        }
        ctx.workspace().give(x_hat);
        dy
    }
}
