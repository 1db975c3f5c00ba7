//! The `Backward` trait, the training context, and chains of layers.

use shaped_layers::{Layer, Sequential, TypeShape};
use shaped_tensor::{Buffers, Element, Workspace};

use crate::Trainable;

/// What a training pass carries besides the data: the workspace its buffers come from and
/// the seeded random stream of the dropout layers.
///
/// Held by the caller (or by [`fit`](crate::fit)), like a [`Workspace`] at inference: after
/// one step with a given batch size, later steps with that size reuse its buffers.
#[derive(Debug)]
pub struct TrainContext {
    ws: Workspace,
    rng: SplitMix64,
}

impl TrainContext {
    /// A context whose dropout masks come from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { ws: Workspace::new(), rng: SplitMix64(seed) }
    }

    /// The workspace the passes take their buffers from.
    pub fn workspace(&mut self) -> &mut Workspace {
        &mut self.ws
    }

    /// Starts one step (forward and backward): the workspace replays its plan.
    pub fn begin_step(&mut self) {
        self.ws.begin_pass();
    }

    /// The next 64 random bits of the dropout stream.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next()
    }

    /// A uniform number in `[0, 1)` from the dropout stream (53 random bits).
    pub fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

impl Default for TrainContext {
    fn default() -> Self {
        Self::new(0)
    }
}

/// SplitMix64: a small, fast, well-mixed generator (Steele, Lea and Flood, 2014).
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A layer that trains: its training-mode forward pass and its backward pass.
///
/// `E` is the element type of the gradients, `X` the input (as for [`Layer`]). The forward
/// pass returns the output and a *tape*, what the backward pass needs besides the input and
/// the output (a pre-activation, a dropout mask, normalised values); the backward pass gets
/// the input, the output, the tape and the gradient of the loss with respect to the output,
/// writes the gradients of the layer's parameters into `grads` (laid out as
/// [`Trainable::visit_trainable`] visits them) and returns the gradient with respect to the
/// input, whose type is the input's: a gradient of the wrong shape does not compile.
///
/// Tuples of layers chain as they do for [`Layer`]; [`fit`](crate::fit) drives a whole model
/// through this trait.
///
/// ```
/// use shaped::layers::{Activation, Dense};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// use shaped::train::{Backward, TrainContext, Trainable};
///
/// // Keras: Dense(1) on (None, 2); y = 2 a + 3 b + 1.
/// let mut dense = Dense::<f64, U![2], U![1]>::from_keras(&[2.0, 3.0], Some(&[1.0]))?;
/// let x = Tensor::<f64, shape![1, 2]>::from_vec(vec![1.0, 1.0])?;
/// let mut ctx = TrainContext::new(0);
/// let (y, tape) = dense.forward_train(&x, &mut ctx);
/// assert_eq!(y.as_slice(), &[6.0]);
/// let dy = Tensor::<f64, shape![1, 1]>::from_vec(vec![1.0])?;
/// let mut grads = vec![0.0; dense.trainable_len()];
/// let dx = dense.backward(&x, &y, tape, dy, &mut grads, &mut ctx);
/// assert_eq!(dx.as_slice(), &[2.0, 3.0]); // d y / d x = kernel
/// assert_eq!(grads, [1.0, 1.0, 1.0]);     // kernel (x), then bias
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub trait Backward<E: Element, X>: Layer<X> + Trainable<E> {
    /// What the forward pass keeps for the backward pass.
    type Tape;
    /// The gradient with respect to the input: the input's own type, owned.
    type InputGrad: Buffers;

    /// The training-mode forward pass: dropout drops, BatchNormalization normalises with the
    /// batch's statistics and updates its moving ones (hence `&mut self`).
    fn forward_train(&mut self, x: &X, ctx: &mut TrainContext) -> (Self::Output, Self::Tape);

    /// The backward pass: the parameters' gradients into `grads` (overwritten; exactly
    /// [`Trainable::trainable_len`] elements), the input's gradient returned.
    ///
    /// # Panics
    /// If `grads` does not have [`Trainable::trainable_len`] elements.
    fn backward(
        &self,
        x: &X,
        y: &Self::Output,
        tape: Self::Tape,
        dy: Self::Output,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Self::InputGrad;

    /// The backward pass without the input's gradient (the first layer of a model needs
    /// none); layers whose input gradient costs work skip it.
    fn backward_params(
        &self,
        x: &X,
        y: &Self::Output,
        tape: Self::Tape,
        dy: Self::Output,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) {
        let dx = self.backward(x, y, tape, dy, grads, ctx);
        ctx.workspace().give(dx);
    }
}

/// Checks the length of a layer's gradient slice.
pub(crate) fn check_grads(what: &str, expected: usize, actual: usize) {
    assert_eq!(
        expected, actual,
        "{what}: the gradient slice has {actual} elements, the layer trains {expected}"
    );
}

impl<X, L: Trainable<E>, E, Y> Trainable<E> for Sequential<X, L, Y> {
    fn trainable_len(&self) -> usize {
        self.layers().trainable_len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        self.layers().visit_trainable(f);
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        self.layers_mut().update_trainable(f);
    }
}

impl<E: Element, X, L: Backward<E, X, Output = Y>, Y: Buffers> Backward<E, X> for Sequential<X, L, Y> {
    type Tape = L::Tape;
    type InputGrad = L::InputGrad;
    fn forward_train(&mut self, x: &X, ctx: &mut TrainContext) -> (Self::Output, Self::Tape) {
        self.layers_mut().forward_train(x, ctx)
    }
    fn backward(
        &self,
        x: &X,
        y: &Self::Output,
        tape: Self::Tape,
        dy: Self::Output,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Self::InputGrad {
        self.layers().backward(x, y, tape, dy, grads, ctx)
    }
    fn backward_params(
        &self,
        x: &X,
        y: &Self::Output,
        tape: Self::Tape,
        dy: Self::Output,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) {
        self.layers().backward_params(x, y, tape, dy, grads, ctx);
    }
}

/// Implements `Trainable` and `Backward` for a tuple of layers applied in order.
///
/// `fwd`: each layer with its output's and tape's variable names and the variable of its
/// input; `rev`: the layers from last to second with the variable of their input and output
/// (the last one's output is the `y` argument); `first`: the first layer.
macro_rules! chain {
    (
        x = $x:ident, y = $yarg:ident, last = $last:ident;
        fwd: $F:ident $f:ident $yf:ident $tf:ident $gf:ident $(, $L:ident $l:ident $yl:ident $tl:ident $gl:ident $P:ident $yp:ident)*;
        rev: $($rl:ident $rt:ident $rg:ident $rin:ident $rout:expr),*;
        tape: $($tape:ident),*;
        inter: $($inter:ident),*;
    ) => {
        impl<E, $F $(, $L)*> Trainable<E> for ($F, $($L,)*)
        where
            $F: Trainable<E>,
            $($L: Trainable<E>,)*
        {
            fn trainable_len(&self) -> usize {
                let ($f, $($l,)*) = self;
                $f.trainable_len() $(+ $l.trainable_len())*
            }
            fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
                let ($f, $($l,)*) = self;
                $f.visit_trainable(f);
                $($l.visit_trainable(f);)*
            }
            fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
                let ($f, $($l,)*) = self;
                $f.update_trainable(f);
                $($l.update_trainable(f);)*
            }
        }

        impl<E: Element, X, $F $(, $L)*> Backward<E, X> for ($F, $($L,)*)
        where
            $F: Backward<E, X>,
            $F::Output: TypeShape,
            $($L: Backward<E, $P::Output, InputGrad = $P::Output>, $L::Output: TypeShape,)*
        {
            type Tape = ($F::Tape, $($P::Output, $L::Tape,)*);
            type InputGrad = $F::InputGrad;

            #[allow(unused_variables)]
            fn forward_train(&mut self, $x: &X, ctx: &mut TrainContext) -> (Self::Output, Self::Tape) {
                let ($f, $($l,)*) = self;
                let ($yf, $tf) = $f.forward_train($x, ctx);
                $(let ($yl, $tl) = $l.forward_train(&$yp, ctx);)*
                ($last, ($tf, $($yp, $tl,)*))
            }

            #[allow(unused_mut)]
            fn backward(
                &self,
                $x: &X,
                $yarg: &Self::Output,
                tape: Self::Tape,
                dy: Self::Output,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Self::InputGrad {
                let ($f, $($l,)*) = self;
                crate::backward::check_grads("a chain of layers", self.trainable_len(), grads.len());
                let ($tf, $($yp, $tl,)*) = tape;
                let rest = grads;
                let ($gf, rest) = rest.split_at_mut($f.trainable_len());
                $(let ($gl, rest) = rest.split_at_mut($l.trainable_len());)*
                let _ = rest;
                let d = dy;
                $(
                    let d = $rl.backward(&$rin, $rout, $rt, d, $rg, ctx);
                )*
                let dx = $f.backward($x, chain!(@first_out $yarg $($inter)*), $tf, d, $gf, ctx);
                $(ctx.workspace().give($inter);)*
                dx
            }

            #[allow(unused_mut)]
            fn backward_params(
                &self,
                $x: &X,
                $yarg: &Self::Output,
                tape: Self::Tape,
                dy: Self::Output,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) {
                let ($f, $($l,)*) = self;
                crate::backward::check_grads("a chain of layers", self.trainable_len(), grads.len());
                let ($tf, $($yp, $tl,)*) = tape;
                let rest = grads;
                let ($gf, rest) = rest.split_at_mut($f.trainable_len());
                $(let ($gl, rest) = rest.split_at_mut($l.trainable_len());)*
                let _ = rest;
                let d = dy;
                $(
                    let d = $rl.backward(&$rin, $rout, $rt, d, $rg, ctx);
                )*
                $f.backward_params($x, chain!(@first_out $yarg $($inter)*), $tf, d, $gf, ctx);
                $(ctx.workspace().give($inter);)*
            }
        }
    };
    (@first_out $yarg:ident) => { $yarg };
    (@first_out $yarg:ident $first:ident $($rest:ident)*) => { &$first };
}

include!("chains.rs");
