//! `Conv1D`: gradients with respect to the input, the kernel and the bias, by the kernels.

use shaped_layers::{Activation, Conv1D, Conv1dArgs, Float, Layer};
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use super::{activation_backward, needs_input};
use crate::{Backward, TrainContext, Trainable};

impl<E: Float, Cin, F, K, S, P, D, G, Fmt> Trainable<E> for Conv1D<E, Cin, F, K, S, P, D, G, Fmt> {
    fn trainable_len(&self) -> usize {
        self.keras_kernel().len() + self.bias().map_or(0, <[E]>::len)
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        f("kernel", self.keras_kernel());
        if let Some(b) = self.bias() {
            f("bias", b);
        }
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        self.update_weights(|kernel, bias| {
            f("kernel", kernel);
            if let Some(b) = bias {
                f("bias", b);
            }
        });
    }
}

impl<E, Cin, F, K, S, P, D, G, Fmt, X, Y> Backward<E, Tensor<E, X>> for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    Self: Conv1dArgs,
    X: SequenceBatch<Fmt>,
    Y: Shape<Batch = X::Batch>,
{
    /// The pre-activation, when the activation's derivative reads it.
    type Tape = Option<Tensor<E, Y>>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, Self::Tape) {
        let act = self.activation_kind();
        if !needs_input(act) {
            return (self.forward_with(x, ctx.workspace()), None);
        }
        let geo = Self::geometry::<X>(x.batch());
        let mut pre: Tensor<E, Y> = ctx.workspace().tensor_like(x);
        self.kernel_weights()
            .forward_linear(&geo, x.as_slice(), pre.as_mut_slice())
            .unwrap_or_else(|e| unreachable!("the types fix the sizes: {e}"));
        let mut y = ctx.workspace().copy_of(&pre);
        act.apply_in_place(y.as_mut_slice(), Y::SAMPLE_DIMS.last().copied().unwrap_or(1));
        (y, Some(pre))
    }

    fn backward(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        tape: Self::Tape,
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        let dy = self.weight_gradients(x, y, tape, dy, grads, ctx);
        let mut dx: Tensor<E, X> = ctx.workspace().tensor_like(x);
        let geo = Self::geometry::<X>(x.batch());
        self.kernel_weights()
            .backward_input(&geo, dy.as_slice(), dx.as_mut_slice())
            .unwrap_or_else(|e| unreachable!("the types fix the sizes: {e}"));
        ctx.workspace().give(dy);
        dx
    }

    fn backward_params(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        tape: Self::Tape,
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) {
        let dy = self.weight_gradients(x, y, tape, dy, grads, ctx);
        ctx.workspace().give(dy);
    }
}

/// The part of the backward pass both entry points share.
trait WeightGradients<E: Float, X: Shape, Y: Shape> {
    /// Applies the activation's derivative to `dy` and writes the kernel's and the bias's
    /// gradients; returns the gradient with respect to the linear output.
    fn weight_gradients(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        tape: Option<Tensor<E, Y>>,
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, Y>;
}

impl<E, Cin, F, K, S, P, D, G, Fmt, X, Y> WeightGradients<E, X, Y> for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Self: Conv1dArgs,
    X: SequenceBatch<Fmt>,
    Y: Shape,
{
    fn weight_gradients(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        tape: Option<Tensor<E, Y>>,
        mut dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, Y> {
        crate::backward::check_grads("Conv1D", self.trainable_len(), grads.len());
        let act: Activation = self.activation_kind();
        let last = Y::SAMPLE_DIMS.last().copied().unwrap_or(1);
        activation_backward(act, tape.as_ref().map(Tensor::as_slice), y.as_slice(), dy.as_mut_slice(), last);
        if let Some(t) = tape {
            ctx.workspace().give(t);
        }
        let geo = Self::geometry::<X>(x.batch());
        let (gk, gb) = grads.split_at_mut(self.keras_kernel().len());
        let gb = self.bias().map(|_| gb);
        self.kernel_weights()
            .backward_weights(&geo, x.as_slice(), dy.as_slice(), gk, gb)
            .unwrap_or_else(|e| unreachable!("the types fix the sizes: {e}"));
        dy
    }
}
