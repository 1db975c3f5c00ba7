//! `GroupNormalization`: the exact gradient of the normalisation over each group.

use crate::trainable::visit_gamma_beta;
use shaped_layers::{Float, GroupNormalization, Layer};
use shaped_shapes::{Shape, StaticDim};
use shaped_tensor::Tensor;

use super::layer_norm::{moments_at, normalised_set_backward, of_f64, to_f64, NormTape};
use crate::{Backward, TrainContext, Trainable};

/// Keras's variables, in its order: `gamma` (when `scale=True`), then `beta` (`center=True`).
impl<E: Float, C: StaticDim, G> Trainable<E> for GroupNormalization<E, C, G> {
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

/// The flat indices, within one sample of `steps * c` values, of group `group` (its `per`
/// channels at every step).
fn group_indices(steps: usize, c: usize, per: usize, group: usize) -> impl Iterator<Item = usize> {
    (0..steps).flat_map(move |t| (group * per..(group + 1) * per).map(move |ch| t * c + ch))
}

/// GroupNormalization trains as it infers (Keras has no training-mode difference): each
/// group of each sample normalised by its own mean and biased variance over all its steps
/// and channels. The input gradient is the exact one of that normalisation; `gamma`'s is
/// `sum(dy * x_hat)` and `beta`'s `sum(dy)` per channel, over steps and samples.
impl<E, C, G, X> Backward<E, Tensor<E, X>> for GroupNormalization<E, C, G>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, X>>,
    E: Float,
    C: StaticDim,
    G: StaticDim,
    X: Shape,
{
    type Tape = NormTape<E, X>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, X>, Self::Tape) {
        let (c, g) = (C::USIZE.max(1), G::USIZE.max(1));
        let per = c / g;
        let steps = X::SAMPLE_LEN / c;
        let y = self.forward_with(x, ctx.workspace());
        let mut x_hat = ctx.workspace().copy_of(x);
        let mut inv_std = Vec::with_capacity(x.batch() * g);
        let mut set = Vec::with_capacity(steps * per);
        for sample in x_hat.as_mut_slice().chunks_exact_mut(X::SAMPLE_LEN.max(1)) {
            for group in 0..g {
                set.clear();
                set.extend(group_indices(steps, c, per, group).map(|i| to_f64(sample[i])));
                let (mean, var) = moments_at(&set);
                let r = 1.0 / (var + self.epsilon()).sqrt();
                for (i, &v) in group_indices(steps, c, per, group).zip(&set) {
                    sample[i] = of_f64((v - mean) * r);
                }
                inv_std.push(r);
            }
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
        crate::backward::check_grads("GroupNormalization", self.trainable_len(), grads.len());
        let (c, g) = (C::USIZE.max(1), G::USIZE.max(1));
        let per = c / g;
        let steps = X::SAMPLE_LEN / c;
        let NormTape { x_hat, inv_std } = tape;
        let gamma: Vec<f64> = (0..c).map(|i| self.gamma().map_or(1.0, |gm| to_f64(gm[i]))).collect();
        let (mut dgamma, mut dbeta) = (vec![0.0f64; c], vec![0.0f64; c]);
        let (mut g_hat, mut h) = (Vec::with_capacity(steps * per), Vec::with_capacity(steps * per));
        let len = X::SAMPLE_LEN.max(1);
        let mut stats = inv_std.iter();
        for (ds, hs) in dy.as_mut_slice().chunks_exact_mut(len).zip(x_hat.as_slice().chunks_exact(len)) {
            for group in 0..g {
                g_hat.clear();
                h.clear();
                for i in group_indices(steps, c, per, group) {
                    let (gi, hi) = (to_f64(ds[i]), to_f64(hs[i]));
                    let ch = i % c;
                    dbeta[ch] += gi;
                    dgamma[ch] += gi * hi;
                    g_hat.push(gi * gamma[ch]);
                    h.push(hi);
                }
                let r = *stats.next().unwrap_or_else(|| unreachable!("one statistic per group"));
                normalised_set_backward(&mut g_hat, &h, r);
                for (i, &v) in group_indices(steps, c, per, group).zip(&g_hat) {
                    ds[i] = of_f64(v);
                }
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
