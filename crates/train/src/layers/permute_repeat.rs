//! `Permute` and `RepeatVector`: their gradients move values back to where they came from.

use shaped_layers::reshaping::{Permute, RepeatVector};
use shaped_layers::{Float, Layer};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;
use typenum::{U1, U2};

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<Dims> for Permute<Dims>;
    impl<N> for RepeatVector<N>;
}

/// `Permute((2, 1))`'s gradient: the output gradient transposed back, `(channels, steps)` to
/// `(steps, channels)`.
impl<E, B, L, C, Y> Backward<E, Tensor<E, (B, L, C)>> for Permute<(U2, U1)>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, Y>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
    Y: Shape,
{
    type Tape = ();
    type InputGrad = Tensor<E, (B, L, C)>;

    fn forward_train(&mut self, x: &Tensor<E, (B, L, C)>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, (B, L, C)>,
        _y: &Tensor<E, Y>,
        _tape: (),
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, (B, L, C)> {
        crate::backward::check_grads("Permute", 0, grads.len());
        let (l, c) = (L::USIZE, C::USIZE);
        let sample = (l * c).max(1);
        let mut dx: Tensor<E, (B, L, C)> = ctx.workspace().tensor_like(x);
        for (dst, src) in dx.as_mut_slice().chunks_exact_mut(sample).zip(dy.as_slice().chunks_exact(sample)) {
            for t in 0..l {
                for ch in 0..c {
                    dst[t * c + ch] = src[ch * l + t];
                }
            }
        }
        ctx.workspace().give(dy);
        dx
    }
}

/// `Permute((1, 2))` is the identity, and so is its gradient.
impl<E, B, L, C> Backward<E, Tensor<E, (B, L, C)>> for Permute<(U1, U2)>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, (B, L, C)>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
{
    type Tape = ();
    type InputGrad = Tensor<E, (B, L, C)>;

    fn forward_train(
        &mut self,
        x: &Tensor<E, (B, L, C)>,
        ctx: &mut TrainContext,
    ) -> (Tensor<E, (B, L, C)>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        _x: &Tensor<E, (B, L, C)>,
        _y: &Tensor<E, (B, L, C)>,
        _tape: (),
        dy: Tensor<E, (B, L, C)>,
        grads: &mut [E],
        _ctx: &mut TrainContext,
    ) -> Tensor<E, (B, L, C)> {
        crate::backward::check_grads("Permute", 0, grads.len());
        dy
    }
}

/// RepeatVector's gradient: each feature gets the sum over its `N` repeats.
impl<E, B, F, N, Y> Backward<E, Tensor<E, (B, F)>> for RepeatVector<N>
where
    Self: Layer<Tensor<E, (B, F)>, Output = Tensor<E, Y>>,
    E: Float,
    B: Dim,
    F: StaticDim,
    (B, F): Shape<Batch = B>,
    N: StaticDim,
    Y: Shape,
{
    type Tape = ();
    type InputGrad = Tensor<E, (B, F)>;

    fn forward_train(&mut self, x: &Tensor<E, (B, F)>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, (B, F)>,
        _y: &Tensor<E, Y>,
        _tape: (),
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, (B, F)> {
        crate::backward::check_grads("RepeatVector", 0, grads.len());
        let f = F::USIZE.max(1);
        let mut dx: Tensor<E, (B, F)> = ctx.workspace().zeros_like(x);
        for (dst, src) in
            dx.as_mut_slice().chunks_exact_mut(f).zip(dy.as_slice().chunks_exact(f * N::USIZE.max(1)))
        {
            for rep in src.chunks_exact(f) {
                dst.iter_mut().zip(rep).for_each(|(d, &g)| *d = *d + g);
            }
        }
        ctx.workspace().give(dy);
        dx
    }
}
