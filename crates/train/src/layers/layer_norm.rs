//! `LayerNormalization`: the exact gradient of the normalisation over the last axis.

use crate::trainable::visit_gamma_beta;
use shaped_layers::{Float, Layer, LayerNormalization};
use shaped_shapes::{Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::{Backward, TrainContext, Trainable};

/// Keras's variables, in its order: `gamma` (when `scale=True`), then `beta` (`center=True`).
impl<E: Float, C: StaticDim> Trainable<E> for LayerNormalization<E, C> {
    fn trainable_len(&self) -> usize {
        self.gamma().map_or(0, <[E]>::len) + self.beta().map_or(0, <[E]>::len)
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        visit_gamma_beta(self.gamma(), self.beta(), f);
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        let (gamma, beta) = self.gamma_beta_mut();
        visit_gamma_beta(gamma, beta, f);
    }
}

pub(crate) fn to_f64<E: Float>(v: E) -> f64 {
    v.to_f64().unwrap_or(f64::NAN)
}

pub(crate) fn of_f64<E: Float>(v: f64) -> E {
    E::from(v).unwrap_or_else(E::nan)
}

/// What the backward pass of a normalisation needs: the normalised input `x_hat = (x - mean) *
/// rsqrt(var + epsilon)` and the `rsqrt(var + epsilon)` of each normalised set (a row for
/// LayerNormalization, a group of a sample for GroupNormalization).
#[derive(Debug)]
pub struct NormTape<E: Float, X: Shape> {
    pub(crate) x_hat: Tensor<E, X>,
    pub(crate) inv_std: Vec<f64>,
}

/// Mean and biased variance (`tf.nn.moments`) of `values`, in `f64`.
pub(crate) fn moments_at(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var)
}

/// The gradient of `x_hat` over one normalised set, given `g_hat = dy * gamma` there:
/// `inv_std * (g_hat - mean(g_hat) - x_hat * mean(g_hat * x_hat))`, written over `g_hat`.
pub(crate) fn normalised_set_backward(g_hat: &mut [f64], x_hat: &[f64], inv_std: f64) {
    let n = g_hat.len().max(1) as f64;
    let mean_g = g_hat.iter().sum::<f64>() / n;
    let mean_gx = g_hat.iter().zip(x_hat).map(|(g, h)| g * h).sum::<f64>() / n;
    for (g, h) in g_hat.iter_mut().zip(x_hat) {
        *g = inv_std * (*g - mean_g - h * mean_gx);
    }
}

/// LayerNormalization trains as it infers (Keras has no training-mode difference): each
/// step's features normalised by their own mean and biased variance. The gradient with
/// respect to the input is the exact one of that normalisation (the mean and variance depend
/// on the input), `gamma`'s is `sum(dy * x_hat)` and `beta`'s `sum(dy)` over every step of
/// every sample.
impl<E, C, X> Backward<E, Tensor<E, X>> for LayerNormalization<E, C>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, X>>,
    E: Float,
    C: StaticDim,
    X: Shape,
{
    type Tape = NormTape<E, X>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, X>, Self::Tape) {
        let c = C::USIZE.max(1);
        let y = self.forward_with(x, ctx.workspace());
        let mut x_hat = ctx.workspace().copy_of(x);
        let mut inv_std = Vec::with_capacity(x.len() / c);
        let mut row64 = vec![0.0f64; c];
        for row in x_hat.as_mut_slice().chunks_exact_mut(c) {
            row64.iter_mut().zip(row.iter()).for_each(|(d, &v)| *d = to_f64(v));
            let (mean, var) = moments_at(&row64);
            let r = 1.0 / (var + self.epsilon()).sqrt();
            row.iter_mut().zip(&row64).for_each(|(h, &v)| *h = of_f64((v - mean) * r));
            inv_std.push(r);
        }
        (y, NormTape { x_hat, inv_std })
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
        crate::backward::check_grads("LayerNormalization", self.trainable_len(), grads.len());
        let c = C::USIZE.max(1);
        let NormTape { x_hat, inv_std } = tape;
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |g| to_f64(g[i]))).collect();
        let (mut dgamma, mut dbeta) = (vec![0.0f64; c], vec![0.0f64; c]);
        let (mut g_hat, mut h) = (vec![0.0f64; c], vec![0.0f64; c]);
        for ((g, hr), &r) in
            dy.as_mut_slice().chunks_exact_mut(c).zip(x_hat.as_slice().chunks_exact(c)).zip(&inv_std)
        {
            for i in 0..c {
                let (gi, hi) = (to_f64(g[i]), to_f64(hr[i]));
                dbeta[i] += gi;
                dgamma[i] += gi * hi;
                g_hat[i] = gi * gamma[i];
                h[i] = hi;
            }
            normalised_set_backward(&mut g_hat, &h, r);
            g.iter_mut().zip(&g_hat).for_each(|(o, &v)| *o = of_f64(v));
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
