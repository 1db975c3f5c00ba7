//! `SpatialDropout1D` in training mode: whole channels dropped per sample.

use shaped_layers::{Float, Layer, SpatialDropout1D};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<> for SpatialDropout1D;
}

/// Keras's `SpatialDropout1D(rate)` with `training=True`: for each sample, each channel is
/// kept (at every step) with probability `1 - rate` and scaled by `1 / (1 - rate)` (Keras's
/// noise shape `(batch, 1, channels)`). The mask comes from the [`TrainContext`]'s seeded
/// stream, one draw per sample and channel, as [`Dropout`](shaped_layers::Dropout)'s; Keras's
/// own random stream is not reproduced. At inference the layer is the identity.
impl<E, B, L, C> Backward<E, Tensor<E, (B, L, C)>> for SpatialDropout1D
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, (B, L, C)>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
{
    /// The `(batch, channels)` mask, scale included (`None` for rate 0).
    type Tape = Option<Vec<E>>;
    type InputGrad = Tensor<E, (B, L, C)>;

    fn forward_train(
        &mut self,
        x: &Tensor<E, (B, L, C)>,
        ctx: &mut TrainContext,
    ) -> (Tensor<E, (B, L, C)>, Self::Tape) {
        let rate = self.rate();
        let mut y = ctx.workspace().copy_of(x);
        if rate <= 0.0 {
            return (y, None);
        }
        let c = C::USIZE.max(1);
        let keep: E = E::from(1.0 / (1.0 - rate)).unwrap_or_else(E::zero);
        let mut mask: Vec<E> = ctx.workspace().buffer(x.batch() * C::USIZE);
        for m in &mut mask {
            *m = if ctx.next_unit() >= rate { keep } else { E::zero() };
        }
        scale_channels(y.as_mut_slice(), &mask, (L::USIZE * C::USIZE).max(1), c);
        (y, Some(mask))
    }

    fn backward(
        &self,
        _x: &Tensor<E, (B, L, C)>,
        _y: &Tensor<E, (B, L, C)>,
        tape: Self::Tape,
        mut dy: Tensor<E, (B, L, C)>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, (B, L, C)> {
        crate::backward::check_grads("SpatialDropout1D", 0, grads.len());
        if let Some(mask) = tape {
            scale_channels(dy.as_mut_slice(), &mask, (L::USIZE * C::USIZE).max(1), C::USIZE.max(1));
            ctx.workspace().give_buffer(mask);
        }
        dy
    }
}

/// Multiplies each step of each sample by that sample's row of the `(batch, channels)` mask.
fn scale_channels<E: Float>(values: &mut [E], mask: &[E], sample: usize, c: usize) {
    for (s, m) in values.chunks_exact_mut(sample).zip(mask.chunks_exact(c)) {
        for step in s.chunks_exact_mut(c) {
            step.iter_mut().zip(m).for_each(|(v, &k)| *v = *v * k);
        }
    }
}
