//! The reshaping layers: their gradients move values back to where they came from.

use shaped_layers::reshaping::{Cropping1D, Flatten, Reshape, UpSampling1D, ZeroPadding1D};
use shaped_layers::{Float, Layer};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;
use typenum::Unsigned;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<> for Flatten;
    impl<T> for Reshape<T>;
    impl<Left, Right> for ZeroPadding1D<Left, Right>;
    impl<Left, Right> for Cropping1D<Left, Right>;
    impl<Size> for UpSampling1D<Size>;
}

/// The gradient keeps its values, in the input's shape.
impl<E, X, T, Y> Backward<E, Tensor<E, X>> for Reshape<T>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    X: Shape,
    Y: Shape,
{
    type Tape = ();
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, X>,
        _y: &Tensor<E, Y>,
        _tape: (),
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        crate::backward::check_grads("Reshape", 0, grads.len());
        let mut dx: Tensor<E, X> = ctx.workspace().tensor_like(x);
        dx.as_mut_slice().copy_from_slice(dy.as_slice());
        ctx.workspace().give(dy);
        dx
    }
}

/// The gradient keeps its values, in the input's shape.
impl<E, X, Y> Backward<E, Tensor<E, X>> for Flatten
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    X: Shape,
    Y: Shape,
{
    type Tape = ();
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, X>,
        _y: &Tensor<E, Y>,
        _tape: (),
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        crate::backward::check_grads("Flatten", 0, grads.len());
        let mut dx: Tensor<E, X> = ctx.workspace().tensor_like(x);
        dx.as_mut_slice().copy_from_slice(dy.as_slice());
        ctx.workspace().give(dy);
        dx
    }
}

/// ZeroPadding1D's gradient: the output gradient without its padded steps.
impl<E, B, L, C, Left, Right, Y> Backward<E, Tensor<E, (B, L, C)>> for ZeroPadding1D<Left, Right>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, Y>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
    Y: Shape,
    Left: Unsigned,
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
        crate::backward::check_grads("ZeroPadding1D", 0, grads.len());
        let c = C::USIZE;
        let inner = L::USIZE * c;
        let outer = Y::SAMPLE_DIMS.iter().product::<usize>();
        let mut dx: Tensor<E, (B, L, C)> = ctx.workspace().tensor_like(x);
        for (dst, src) in
            dx.as_mut_slice().chunks_exact_mut(inner.max(1)).zip(dy.as_slice().chunks_exact(outer.max(1)))
        {
            dst.copy_from_slice(&src[Left::USIZE * c..Left::USIZE * c + inner]);
        }
        ctx.workspace().give(dy);
        dx
    }
}

/// Cropping1D's gradient: the output gradient back in place, zeros on the cropped steps.
impl<E, B, L, C, Left, Right, Y> Backward<E, Tensor<E, (B, L, C)>> for Cropping1D<Left, Right>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, Y>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
    Y: Shape,
    Left: Unsigned,
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
        crate::backward::check_grads("Cropping1D", 0, grads.len());
        let c = C::USIZE;
        let outer = L::USIZE * c;
        let inner = Y::SAMPLE_DIMS.iter().product::<usize>();
        let mut dx: Tensor<E, (B, L, C)> = ctx.workspace().zeros_like(x);
        for (dst, src) in
            dx.as_mut_slice().chunks_exact_mut(outer.max(1)).zip(dy.as_slice().chunks_exact(inner.max(1)))
        {
            dst[Left::USIZE * c..Left::USIZE * c + inner].copy_from_slice(src);
        }
        ctx.workspace().give(dy);
        dx
    }
}

/// UpSampling1D's gradient: each input step gets the sum over its repeats.
impl<E, B, L, C, Size, Y> Backward<E, Tensor<E, (B, L, C)>> for UpSampling1D<Size>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, Y>>,
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
    Y: Shape,
    Size: Unsigned,
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
        crate::backward::check_grads("UpSampling1D", 0, grads.len());
        let c = C::USIZE.max(1);
        let size = Size::USIZE;
        let mut dx: Tensor<E, (B, L, C)> = ctx.workspace().zeros_like(x);
        for (dst, src) in
            dx.as_mut_slice().chunks_exact_mut(c).zip(dy.as_slice().chunks_exact(c * size.max(1)))
        {
            for rep in src.chunks_exact(c) {
                dst.iter_mut().zip(rep).for_each(|(d, &g)| *d = *d + g);
            }
        }
        ctx.workspace().give(dy);
        dx
    }
}
