//! The `keepdims=True` global poolings: the pooling's own gradient, the kept axis dropped.

use shaped_layers::pool::KeepDims;
use shaped_layers::{Float, Layer};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;
use typenum::U1;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<P> for KeepDims<P>;
}

/// `(batch, 1, C)` read as `(batch, C)`: the same elements, in the same order.
fn without_time_axis<E, B, C>(t: Tensor<E, (B, U1, C)>) -> Tensor<E, (B, C)>
where
    E: Float,
    (B, U1, C): Shape,
    (B, C): Shape,
{
    let batch = t.batch();
    Tensor::from_vec(t.into_vec())
        .unwrap_or_else(|e| unreachable!("(batch, C) holds (batch, 1, C)'s {batch} samples: {e}"))
}

/// `GlobalAveragePooling1D(keepdims=True)` and `GlobalMaxPooling1D(keepdims=True)`: the
/// gradient of the pooling without `keepdims`, whose output has the same elements.
impl<E, B, L, C, P> Backward<E, Tensor<E, (B, L, C)>> for KeepDims<P>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, (B, U1, C)>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
    (B, U1, C): Shape<Batch = B>,
    (B, C): Shape<Batch = B>,
    P: Backward<
        E,
        Tensor<E, (B, L, C)>,
        Output = Tensor<E, (B, C)>,
        Tape = (),
        InputGrad = Tensor<E, (B, L, C)>,
    >,
{
    type Tape = ();
    type InputGrad = Tensor<E, (B, L, C)>;

    fn forward_train(
        &mut self,
        x: &Tensor<E, (B, L, C)>,
        ctx: &mut TrainContext,
    ) -> (Tensor<E, (B, U1, C)>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, (B, L, C)>,
        y: &Tensor<E, (B, U1, C)>,
        _tape: (),
        dy: Tensor<E, (B, U1, C)>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, (B, L, C)> {
        crate::backward::check_grads("KeepDims", 0, grads.len());
        let pooled = without_time_axis(ctx.workspace().copy_of(y));
        let dx = self.inner().backward(x, &pooled, (), without_time_axis(dy), grads, ctx);
        ctx.workspace().give(pooled);
        dx
    }
}
