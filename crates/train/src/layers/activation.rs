//! The `Activation` layer.

use shaped_layers::{Activation, Float, Layer};
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use super::{activation_backward, needs_input};
use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<> for Activation;
}

impl<E: Float, S: Shape> Backward<E, Tensor<E, S>> for Activation {
    /// The input, when the derivative reads it.
    type Tape = Option<Tensor<E, S>>;
    type InputGrad = Tensor<E, S>;

    fn forward_train(&mut self, x: &Tensor<E, S>, ctx: &mut TrainContext) -> (Tensor<E, S>, Self::Tape) {
        let y = self.forward_with(x, ctx.workspace());
        let tape = needs_input(*self).then(|| ctx.workspace().copy_of(x));
        (y, tape)
    }

    fn backward(
        &self,
        _x: &Tensor<E, S>,
        y: &Tensor<E, S>,
        tape: Self::Tape,
        mut dy: Tensor<E, S>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, S> {
        crate::backward::check_grads("Activation", 0, grads.len());
        let last = S::SAMPLE_DIMS.last().copied().unwrap_or(1);
        activation_backward(
            *self,
            tape.as_ref().map(Tensor::as_slice),
            y.as_slice(),
            dy.as_mut_slice(),
            last,
        );
        if let Some(t) = tape {
            ctx.workspace().give(t);
        }
        dy
    }
}
