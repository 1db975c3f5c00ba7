//! `Dense`: a kernel-1 convolution over the rows, so its gradients run on the Conv1D kernels.

use shaped_kernels::{Conv1dGeometry, Layout};
use shaped_layers::{Dense, Float, Layer};
use shaped_shapes::{Shape, StaticDim};
use shaped_tensor::Tensor;

use super::{activation_backward, needs_input};
use crate::{Backward, TrainContext, Trainable};

impl<E: Float, In: StaticDim, Units: StaticDim> Trainable<E> for Dense<E, In, Units> {
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

/// The rows of `x` as the time steps of one sequence.
fn rows_geometry<In: StaticDim>(len: usize) -> Conv1dGeometry {
    Conv1dGeometry {
        batch: 1,
        length: len / In::USIZE.max(1),
        pad_left: 0,
        pad_right: 0,
        layout: Layout::ChannelsLast,
    }
}

impl<E, In, Units, X, Y> Backward<E, Tensor<E, X>> for Dense<E, In, Units>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    In: StaticDim,
    Units: StaticDim,
    X: Shape,
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
        let mut pre: Tensor<E, Y> = ctx.workspace().tensor_like(x);
        self.kernel_weights()
            .forward_linear(&rows_geometry::<In>(x.len()), x.as_slice(), pre.as_mut_slice())
            .unwrap_or_else(|e| unreachable!("the types fix the sizes: {e}"));
        let mut y = ctx.workspace().copy_of(&pre);
        act.apply_in_place(y.as_mut_slice(), Units::USIZE);
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
        let dy = weight_gradients(self, x, y, tape, dy, grads, ctx);
        let mut dx: Tensor<E, X> = ctx.workspace().tensor_like(x);
        self.kernel_weights()
            .backward_input(&rows_geometry::<In>(x.len()), dy.as_slice(), dx.as_mut_slice())
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
        let dy = weight_gradients(self, x, y, tape, dy, grads, ctx);
        ctx.workspace().give(dy);
    }
}

/// The activation's derivative, then the kernel's and the bias's gradients; returns the
/// gradient with respect to the linear output.
fn weight_gradients<E: Float, In: StaticDim, Units: StaticDim, X: Shape, Y: Shape>(
    dense: &Dense<E, In, Units>,
    x: &Tensor<E, X>,
    y: &Tensor<E, Y>,
    tape: Option<Tensor<E, Y>>,
    mut dy: Tensor<E, Y>,
    grads: &mut [E],
    ctx: &mut TrainContext,
) -> Tensor<E, Y> {
    crate::backward::check_grads("Dense", dense.trainable_len(), grads.len());
    let pre = tape.as_ref().map(Tensor::as_slice);
    activation_backward(dense.activation_kind(), pre, y.as_slice(), dy.as_mut_slice(), Units::USIZE);
    if let Some(t) = tape {
        ctx.workspace().give(t);
    }
    let (gk, gb) = grads.split_at_mut(dense.keras_kernel().len());
    let gb = dense.bias().map(|_| gb);
    dense
        .kernel_weights()
        .backward_weights(&rows_geometry::<In>(x.len()), x.as_slice(), dy.as_slice(), gk, gb)
        .unwrap_or_else(|e| unreachable!("the types fix the sizes: {e}"));
    dy
}
