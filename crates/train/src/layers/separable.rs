//! DepthwiseConv1D (a Conv1D with groups = channels), SeparableConv1D (a depthwise then a
//! pointwise Conv1D) and Conv1DTranspose.

use core::ops::Mul;

use shaped_layers::{Activation, Conv1D, Conv1DTranspose, DepthwiseConv1D, Float, Layer, SeparableConv1D};
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::Valid;
use shaped_shapes::{DataFormat, DataFormatKind, Shape, StaticDim};
use shaped_tensor::Tensor;
use typenum::{Prod, Unsigned, U1};

use super::{activation_backward, needs_input};
use crate::{Backward, TrainContext, Trainable};

/// Keras's variable names: `kernel` and `bias`, those of the Conv1D inside.
impl<E: Float, C: Mul<Mult>, K, Mult, S, P, D, Fmt> Trainable<E>
    for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
{
    fn trainable_len(&self) -> usize {
        self.conv1d().trainable_len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        self.conv1d().visit_trainable(f);
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        self.conv1d_mut().update_trainable(f);
    }
}

/// The Conv1D's backward pass (groups = channels: the kernels' depthwise path).
impl<E, C, K, Mult, S, P, D, Fmt, X, Y> Backward<E, Tensor<E, X>>
    for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    C: Mul<Mult>,
    X: Shape,
    Y: Shape,
    Conv1D<E, C, Prod<C, Mult>, K, S, P, D, C, Fmt>:
        Backward<E, Tensor<E, X>, Output = Tensor<E, Y>, InputGrad = Tensor<E, X>>,
{
    type Tape = <Conv1D<E, C, Prod<C, Mult>, K, S, P, D, C, Fmt> as Backward<E, Tensor<E, X>>>::Tape;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, Self::Tape) {
        self.conv1d_mut().forward_train(x, ctx)
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
        crate::backward::check_grads("DepthwiseConv1D", self.trainable_len(), grads.len());
        self.conv1d().backward(x, y, tape, dy, grads, ctx)
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
        crate::backward::check_grads("DepthwiseConv1D", self.trainable_len(), grads.len());
        self.conv1d().backward_params(x, y, tape, dy, grads, ctx);
    }
}

impl<E, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> Trainable<E>
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt>: Trainable<E>,
    Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt>: Trainable<E>,
{
    fn trainable_len(&self) -> usize {
        let (d, p) = self.parts();
        d.trainable_len() + p.trainable_len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        let (d, p) = self.parts();
        d.visit_trainable(&mut |_, v| f("depthwise_kernel", v));
        p.visit_trainable(&mut |n, v| f(if n == "kernel" { "pointwise_kernel" } else { n }, v));
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        let (d, p) = self.parts_mut();
        d.update_trainable(&mut |_, v| f("depthwise_kernel", v));
        p.update_trainable(&mut |n, v| f(if n == "kernel" { "pointwise_kernel" } else { n }, v));
    }
}

/// The depthwise convolution's backward pass after the pointwise one's.
impl<E, Cin, F, K, Mult, S, P, D, Fmt, X, H, Y> Backward<E, Tensor<E, X>>
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    Cin: Mul<Mult>,
    X: Shape,
    H: Shape,
    Y: Shape,
    Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt>:
        Backward<E, Tensor<E, X>, Output = Tensor<E, H>, InputGrad = Tensor<E, X>>,
    Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt>:
        Backward<E, Tensor<E, H>, Output = Tensor<E, Y>, InputGrad = Tensor<E, H>>,
{
    type Tape = (
        Tensor<E, H>,
        <Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt> as Backward<E, Tensor<E, X>>>::Tape,
        <Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt> as Backward<E, Tensor<E, H>>>::Tape,
    );
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, Self::Tape) {
        let (d, p) = self.parts_mut();
        let (h, th) = d.forward_train(x, ctx);
        let (y, ty) = p.forward_train(&h, ctx);
        (y, (h, th, ty))
    }

    fn backward(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        (h, th, ty): Self::Tape,
        dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        crate::backward::check_grads("SeparableConv1D", self.trainable_len(), grads.len());
        let (d, p) = self.parts();
        let (gd, gp) = grads.split_at_mut(d.trainable_len());
        let dh = p.backward(&h, y, ty, dy, gp, ctx);
        let dx = d.backward(x, &h, th, dh, gd, ctx);
        ctx.workspace().give(h);
        dx
    }
}

impl<E: Float, Cin, F, K, S, P, D, Op, Fmt> Trainable<E> for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt> {
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
        self.update_weights(|k, b| {
            f("kernel", k);
            if let Some(b) = b {
                f("bias", b);
            }
        });
    }
}

/// Conv1DTranspose's backward pass (plain loops, as its forward pass), in either data format:
/// the input gradient is the convolution of the output gradient with the same kernel, the
/// kernel gradient pairs each input step with the output steps it reached.
impl<E, X, Y, Cin, F, K, S, P, D, Op, Fmt> Backward<E, Tensor<E, X>>
    for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>> + Clone,
    E: Float,
    X: SequenceBatch<Fmt>,
    Y: Shape<Batch = X::Batch>,
    Cin: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    Fmt: DataFormat,
    P: shaped_layers::TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>,
{
    /// The pre-activation, when the activation's derivative reads it.
    type Tape = Option<Tensor<E, Y>>;
    type InputGrad = Tensor<E, X>;

    fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, Self::Tape) {
        let act = self.activation_kind();
        let y = self.forward_with(x, ctx.workspace());
        if !needs_input(act) {
            return (y, None);
        }
        let pre = self.clone().activation(Activation::Linear).forward_with(x, ctx.workspace());
        (y, Some(pre))
    }

    fn backward(
        &self,
        x: &Tensor<E, X>,
        y: &Tensor<E, Y>,
        tape: Self::Tape,
        mut dy: Tensor<E, Y>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, X> {
        crate::backward::check_grads("Conv1DTranspose", self.trainable_len(), grads.len());
        let len = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
        let lout = <<P as shaped_layers::TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>>::Output as Unsigned>::USIZE;
        let (cin, f, k, s, d) = (Cin::USIZE, F::USIZE, K::USIZE, S::USIZE, D::USIZE);
        // Memory strides of (step, channel) in one sample: channels-last (C, 1), channels-first (1, L).
        let cf = Fmt::KIND == DataFormatKind::ChannelsFirst;
        let (xt, xc) = if cf { (1, len) } else { (cin, 1) };
        let (yt, yc) = if cf { (1, lout) } else { (f, 1) };
        activation_backward(
            self.activation_kind(),
            tape.as_ref().map(Tensor::as_slice),
            y.as_slice(),
            dy.as_mut_slice(),
            Y::SAMPLE_DIMS.last().copied().unwrap_or(1),
        );
        if let Some(t) = tape {
            ctx.workspace().give(t);
        }
        let crop = P::crop_left(k, s, d);
        let w = self.keras_kernel();
        let (gk, gb) = grads.split_at_mut(w.len());
        gk.iter_mut().for_each(|g| *g = E::zero());
        gb.iter_mut().for_each(|g| *g = E::zero());
        let mut dx: Tensor<E, X> = ctx.workspace().zeros_like(x);
        for ((xs, gs), dxs) in x
            .as_slice()
            .chunks_exact((len * cin).max(1))
            .zip(dy.as_slice().chunks_exact((lout * f).max(1)))
            .zip(dx.as_mut_slice().chunks_exact_mut((len * cin).max(1)))
        {
            if self.bias().is_some() {
                for j in 0..lout {
                    for (o, b) in gb.iter_mut().enumerate() {
                        *b = *b + gs[j * yt + o * yc];
                    }
                }
            }
            for t in 0..len {
                for tap in 0..k {
                    let Some(j) = (t * s + tap * d).checked_sub(crop) else { continue };
                    if j >= lout {
                        continue;
                    }
                    for o in 0..f {
                        let g = gs[j * yt + o * yc];
                        let at = (tap * f + o) * cin;
                        for c in 0..cin {
                            let xi = t * xt + c * xc;
                            dxs[xi] = dxs[xi] + g * w[at + c];
                            gk[at + c] = gk[at + c] + g * xs[xi];
                        }
                    }
                }
            }
        }
        ctx.workspace().give(dy);
        dx
    }
}
