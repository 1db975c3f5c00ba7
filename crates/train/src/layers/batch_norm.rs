//! `BatchNormalization` in training mode: batch statistics, moving averages, gradients.

use shaped_layers::{BatchNormalization, Float, Layer};
use shaped_shapes::{Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::{Backward, TrainContext, Trainable};

impl<E: Float, C: StaticDim> Trainable<E> for BatchNormalization<E, C> {
    fn trainable_len(&self) -> usize {
        self.gamma().map_or(0, <[E]>::len) + self.beta().map_or(0, <[E]>::len)
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        if let Some(g) = self.gamma() {
            f("gamma", g);
        }
        if let Some(b) = self.beta() {
            f("beta", b);
        }
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        self.update_variables(|v| {
            if let Some(g) = v.gamma {
                f("gamma", g);
            }
            if let Some(b) = v.beta {
                f("beta", b);
            }
        });
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

/// Keras's training-mode BatchNormalization (`training=True`): each channel normalised with
/// the batch's mean and (biased) variance over every other axis, the moving statistics
/// updated as `moving = moving * momentum + batch * (1 - momentum)`.
impl<E, C, X> Backward<E, Tensor<E, X>> for BatchNormalization<E, C>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, X>>,
    E: Float,
    C: StaticDim,
    X: Shape,
{
    type Tape = BatchNormTape<E, X>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, X>, Self::Tape) {
        let c = C::USIZE;
        let rows = x.len() / c.max(1);
        let mut mean = vec![0.0f64; c];
        for row in x.as_slice().chunks_exact(c.max(1)) {
            mean.iter_mut().zip(row).for_each(|(m, &v)| *m += to_f64(v));
        }
        let n = rows.max(1) as f64;
        mean.iter_mut().for_each(|m| *m /= n);
        let mut var = vec![0.0f64; c];
        for row in x.as_slice().chunks_exact(c.max(1)) {
            for ((s, &v), &m) in var.iter_mut().zip(row).zip(&mean) {
                let d = to_f64(v) - m;
                *s += d * d;
            }
        }
        var.iter_mut().for_each(|v| *v /= n);
        let eps = self.epsilon();
        let inv_std: Vec<f64> = var.iter().map(|v| 1.0 / (v + eps).sqrt()).collect();
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |g| to_f64(g[i]))).collect();
        let beta: Vec<f64> = (0..c).map(|i| self.beta().map_or(0.0, |b| to_f64(b[i]))).collect();
        let mut x_hat = ctx.workspace().copy_of(x);
        let mut y = ctx.workspace().copy_of(x);
        for (h, o) in
            x_hat.as_mut_slice().chunks_exact_mut(c.max(1)).zip(y.as_mut_slice().chunks_exact_mut(c.max(1)))
        {
            for i in 0..c {
                let xh = (to_f64(h[i]) - mean[i]) * inv_std[i];
                h[i] = of_f64(xh);
                o[i] = of_f64(xh * gamma[i] + beta[i]);
            }
        }
        if rows > 0 {
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
        let BatchNormTape { x_hat, inv_std } = tape;
        let mut dbeta = vec![0.0f64; c];
        let mut dgamma = vec![0.0f64; c];
        for (g, h) in dy.as_slice().chunks_exact(c.max(1)).zip(x_hat.as_slice().chunks_exact(c.max(1))) {
            for i in 0..c {
                dbeta[i] += to_f64(g[i]);
                dgamma[i] += to_f64(g[i]) * to_f64(h[i]);
            }
        }
        let n = (dy.len() / c.max(1)).max(1) as f64;
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |g| to_f64(g[i]))).collect();
        for (g, h) in
            dy.as_mut_slice().chunks_exact_mut(c.max(1)).zip(x_hat.as_slice().chunks_exact(c.max(1)))
        {
            for i in 0..c {
                let d = to_f64(g[i]) - dbeta[i] / n - to_f64(h[i]) * dgamma[i] / n;
                g[i] = of_f64(gamma[i] * inv_std[i] * d);
            }
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
