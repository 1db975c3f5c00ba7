//! `Dropout` in training mode: a seeded mask, scaled by `1 / (1 - rate)`.

use shaped_layers::{Dropout, Float};
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<> for Dropout;
}

/// Keras's `Dropout(rate)` with `training=True`: each element is kept with probability
/// `1 - rate` and scaled by `1 / (1 - rate)`, so the expected output is the input. The mask
/// comes from the [`TrainContext`]'s seeded stream: the same seed gives the same masks (Keras's
/// own random stream is not reproduced).
impl<E: Float, S: Shape> Backward<E, Tensor<E, S>> for Dropout {
    /// The mask, scale included (`None` for rate 0).
    type Tape = Option<Tensor<E, S>>;
    type InputGrad = Tensor<E, S>;

    fn forward_train(&mut self, x: &Tensor<E, S>, ctx: &mut TrainContext) -> (Tensor<E, S>, Self::Tape) {
        let rate = self.rate();
        let mut y = ctx.workspace().copy_of(x);
        if rate <= 0.0 {
            return (y, None);
        }
        let keep: E = E::from(1.0 / (1.0 - rate)).unwrap_or_else(E::zero);
        let mut mask = ctx.workspace().copy_of(x);
        for m in mask.as_mut_slice() {
            *m = if ctx.next_unit() >= rate { keep } else { E::zero() };
        }
        y.as_mut_slice().iter_mut().zip(mask.as_slice()).for_each(|(v, &m)| *v = *v * m);
        (y, Some(mask))
    }

    fn backward(
        &self,
        _x: &Tensor<E, S>,
        _y: &Tensor<E, S>,
        tape: Self::Tape,
        mut dy: Tensor<E, S>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, S> {
        crate::backward::check_grads("Dropout", 0, grads.len());
        if let Some(mask) = tape {
            dy.as_mut_slice().iter_mut().zip(mask.as_slice()).for_each(|(g, &m)| *g = *g * m);
            ctx.workspace().give(mask);
        }
        dy
    }
}
