//! `Embedding`: the gradient goes into the table rows the ids picked.

use shaped_layers::{Embedding, Float, Layer};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::{Tensor, Tokens};

use crate::{Backward, TrainContext, Trainable};

/// Keras's variable: `embeddings`, `(V, D)` row-major.
impl<E: Float, V: StaticDim, D: StaticDim> Trainable<E> for Embedding<E, V, D> {
    fn trainable_len(&self) -> usize {
        self.embeddings().len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        f("embeddings", self.embeddings());
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        f("embeddings", self.embeddings_mut());
    }
}

/// The table's gradient: row `id` gets the sum of the output gradients of every position
/// holding `id` (repeated ids add up; rows no id picked get 0, the dense form of Keras's
/// `IndexedSlices`).
///
/// The input gradient is `()`: token ids are integers, not differentiable, so there is
/// nothing to return (Keras's GradientTape gives `None` for them). An Embedding is therefore
/// the first layer of a chain, where [`Backward::backward_params`] drops the input gradient.
impl<E, V, D, VT, B, L, Y> Backward<E, Tokens<VT, (B, L)>> for Embedding<E, V, D>
where
    Self: Layer<Tokens<VT, (B, L)>, Output = Tensor<E, Y>>,
    E: Float,
    V: StaticDim,
    D: StaticDim,
    VT: StaticDim,
    B: Dim,
    L: StaticDim,
    Y: Shape,
{
    type Tape = ();
    type InputGrad = ();

    fn forward_train(&mut self, x: &Tokens<VT, (B, L)>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tokens<VT, (B, L)>,
        _y: &Tensor<E, Y>,
        _tape: (),
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) {
        crate::backward::check_grads("Embedding", self.trainable_len(), grads.len());
        let d = D::USIZE;
        grads.iter_mut().for_each(|g| *g = E::zero());
        for (row, &id) in dy.as_slice().chunks_exact(d.max(1)).zip(x.ids()) {
            let start = id as usize * d;
            grads[start..start + d].iter_mut().zip(row).for_each(|(o, &g)| *o = *o + g);
        }
        ctx.workspace().give(dy);
    }
}
