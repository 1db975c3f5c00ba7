//! How masks travel through layers, as Keras's `supports_masking` decides: a layer that
//! supports masking takes a [`Masked`] sequence through [`MaskedLayer::forward_masked`] and
//! passes its mask on (or uses it, as GlobalAveragePooling1D does); a layer that does not
//! (Conv1D, GlobalMaxPooling1D) refuses it at compile time with Keras's words ([`TakesMask`]),
//! where Keras warns and drops the mask. A masked sequence given to [`Layer::forward`] is a
//! type mismatch (`expected Tensor, found Masked`): the mask never disappears silently.
//!
//! A whole chain takes a mask through [`MaskedChain`] (and [`crate::Sequential::new_masked`]):
//! each layer gets the previous one's output with its mask ([`MaskStep`]), a
//! [`crate::graph::Fork`] gives every branch the masked sequence, and the merges of
//! [`crate::merge`] combine masked branches as Keras 3 does (the OR of the masks).
//!
//! ```
//! use shaped::layers::{Activation, Dense, Layer, MaskedLayer, Masking, pool::GlobalAveragePooling1D};
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::{Masked, Tensor};
//! // Keras: Masking(0.0) -> Dense(2, activation="relu") -> GlobalAveragePooling1D
//! let x = Tensor::<f32, shape![Dyn, 3, 1]>::from_vec(vec![1., 2., 0., 4., 0., 0.])?;
//! let masked: Masked<f32, shape![Dyn, 3, 1]> = Masking::new(0.0).forward(&x);
//! let dense = Dense::<f32, shaped::U![1], shaped::U![2]>::new(0).activation(Activation::Relu);
//! let h: Masked<f32, shape![Dyn, 3, 2]> = dense.forward_masked(&masked); // the mask goes through
//! assert_eq!(h.mask(), masked.mask());
//! let pooled: Tensor<f32, shape![Dyn, 2]> = GlobalAveragePooling1D::new().forward_masked(&h);
//! assert_eq!(pooled.batch(), 2);
//! # Ok::<(), shaped::tensor::ShapeError>(())
//! ```

pub use shaped_shapes::mask_rules::{SupportsMasking, TakesMask};
pub use shaped_tensor::{Mask, Masked, StepShape};

use shaped_shapes::Shape;
use shaped_tensor::{Buffers, Tensor, Workspace};

use crate::layer::{Layer, LayerInfo, SummaryRow, TypeShape};
use crate::Float;

/// A layer applied to a masked sequence: Keras's `layer(x)` when `x` carries a mask.
///
/// Implemented by the layers whose Keras `supports_masking` is true (the mask passes through
/// the step-wise ones, GlobalAveragePooling1D averages the kept steps), and, behind the
/// [`TakesMask`] rule, by the layers Keras does not let take a mask, so that calling it on them
/// is a compile error in Keras's words rather than a missing method.
pub trait MaskedLayer<E: Float, S: StepShape>: LayerInfo {
    /// A [`Masked`] sequence for a layer that passes the mask on, a plain tensor for one that
    /// consumes it (a pooling).
    type Output: Buffers;

    /// Applies the layer (inference), taking buffers from `ws`.
    fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output;

    /// Applies the layer (inference) with a fresh workspace.
    fn forward_masked(&self, x: &Masked<E, S>) -> Self::Output {
        self.forward_masked_with(x, &mut Workspace::new())
    }

    /// Appends one summary row per layer (one for a single layer, one per layer of a chain):
    /// name, output shape, parameters.
    fn summarize_masked(&self, rows: &mut Vec<SummaryRow>)
    where
        Self::Output: TypeShape,
    {
        rows.push(SummaryRow {
            layer: self.name(),
            output_shape: <Self::Output as TypeShape>::type_shape(),
            params: self.param_count(),
        });
    }
}

impl<E: Float, S: StepShape> TypeShape for Masked<E, S> {
    /// The values' shape: Keras's summary prints a masked tensor's shape the same way.
    fn type_shape() -> String {
        Tensor::<E, S>::type_shape()
    }
}

/// A layer that supports masking and computes step by step: it applies to the values and
/// passes the mask on unchanged (Keras's default `compute_mask`).
macro_rules! passes_mask {
    ($layer:ty, [$($g:ident),*] $(, [$($extra:ident),*])?) => {
        impl<$($g),*> shaped_shapes::mask_rules::SupportsMasking for $layer {
            type Answer = typenum::B1;
        }

        impl<S, S2, $($g,)* $($($extra,)*)?> MaskedLayer<E, S> for $layer
        where
            E: Float,
            S: StepShape + shaped_shapes::mask_rules::TakesMask<Self>,
            S2: StepShape<Batch = S::Batch, Steps = S::Steps>,
            Self: Layer<Tensor<E, S>, Output = Tensor<E, S2>>,
        {
            type Output = Masked<E, S2>;

            fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
                let y = <Self as Layer<Tensor<E, S>>>::forward_with(self, x.values(), ws);
                Masked::from_checked_parts(y, x.mask().clone())
            }
        }
    };
}

/// A layer that does not support masking (Keras's `supports_masking = False`): a masked
/// sequence into it is a compile error naming [`TakesMask`]; `.without_mask()` first does what
/// Keras does.
macro_rules! refuses_mask {
    ($layer:ty, [$($g:ident),*] $(, [$($extra:ident),*])?) => {
        impl<$($g),*> shaped_shapes::mask_rules::SupportsMasking for $layer {
            type Answer = typenum::B0;
        }

        impl<S, $($g,)* $($($extra,)*)?> MaskedLayer<E, S> for $layer
        where
            E: Float,
            S: StepShape + shaped_shapes::mask_rules::TakesMask<Self>,
            Self: Layer<Tensor<E, S>>,
        {
            type Output = <Self as Layer<Tensor<E, S>>>::Output;

            fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
                <Self as Layer<Tensor<E, S>>>::forward_with(self, x.values(), ws)
            }
        }
    };
}

passes_mask!(crate::Activation, [], [E]);
passes_mask!(crate::Dropout, [], [E]);
passes_mask!(crate::ReLU, [], [E]);
passes_mask!(crate::LeakyReLU, [], [E]);
passes_mask!(crate::SpatialDropout1D, [], [E]);
passes_mask!(crate::PReLU<E, AL, AC>, [E, AL, AC]);
passes_mask!(crate::Dense<E, In, Units>, [E, In, Units]);
passes_mask!(crate::BatchNormalization<E, C, Fmt>, [E, C, Fmt]);
passes_mask!(crate::LayerNormalization<E, C>, [E, C]);
passes_mask!(crate::GroupNormalization<E, C, G>, [E, C, G]);

refuses_mask!(crate::Conv1D<E, Cin, F, K, St, P, D, G, Fmt>, [E, Cin, F, K, St, P, D, G, Fmt]);
refuses_mask!(crate::pool::GlobalMaxPooling1D<Fmt>, [Fmt], [E]);

/// One layer of a masked chain applied to what the layer before it gave: a [`Masked`]
/// sequence goes through [`MaskedLayer::forward_masked_with`] (a layer that does not support
/// masking is refused there, [`TakesMask`]), a tensor (after a pooling consumed the mask) or a
/// tuple (a fork's branches, for a merge) through [`Layer::forward_with`].
///
/// Implemented for every layer; [`MaskedChain`] and [`crate::Sequential::new_masked`] use it.
pub trait MaskStep<X>: LayerInfo {
    /// What the layer gives for `X`.
    type Output: Buffers + TypeShape;
    /// Applies the layer (inference), taking buffers from `ws`.
    fn step_with(&self, x: &X, ws: &mut Workspace) -> Self::Output;
    /// Appends the layer's summary rows.
    fn summarize_step(&self, rows: &mut Vec<SummaryRow>);
}

impl<E: Float, S: StepShape, L: MaskedLayer<E, S>> MaskStep<Masked<E, S>> for L
where
    L::Output: TypeShape,
{
    type Output = L::Output;
    fn step_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
        self.forward_masked_with(x, ws)
    }
    fn summarize_step(&self, rows: &mut Vec<SummaryRow>) {
        self.summarize_masked(rows);
    }
}

impl<E: Float, S: Shape, L: Layer<Tensor<E, S>>> MaskStep<Tensor<E, S>> for L
where
    L::Output: TypeShape,
{
    type Output = L::Output;
    fn step_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Self::Output {
        self.forward_with(x, ws)
    }
    fn summarize_step(&self, rows: &mut Vec<SummaryRow>) {
        self.summarize(rows);
    }
}

macro_rules! tuple_step {
    ($($A:ident),+) => {
        impl<L: Layer<($($A,)+)>, $($A),+> MaskStep<($($A,)+)> for L
        where
            L::Output: TypeShape,
        {
            type Output = L::Output;
            fn step_with(&self, x: &($($A,)+), ws: &mut Workspace) -> Self::Output {
                self.forward_with(x, ws)
            }
            fn summarize_step(&self, rows: &mut Vec<SummaryRow>) {
                self.summarize(rows);
            }
        }
    };
}

tuple_step!(A0, A1);
tuple_step!(A0, A1, A2);
tuple_step!(A0, A1, A2, A3);
tuple_step!(A0, A1, A2, A3, A4);
tuple_step!(A0, A1, A2, A3, A4, A5);
tuple_step!(A0, A1, A2, A3, A4, A5, A6);
tuple_step!(A0, A1, A2, A3, A4, A5, A6, A7);

/// A tuple of layers applied in order to `X` with the mask passed on: each layer takes the
/// previous one's output through [`MaskStep`], so the mask goes through the layers that support
/// masking, is consumed at a masked GlobalAveragePooling1D, and a layer that does not support
/// masking is a compile error in Keras's words ([`TakesMask`]).
///
/// **Keras equivalent:** a `keras.Sequential` whose layers receive `_keras_mask` from
/// `Masking` (or `Embedding(mask_zero=True)`) and pass it on. A tuple of layers is a
/// [`MaskedLayer`] too, so chains nest, and [`crate::graph::Fork`] branches may be chains.
///
/// ```
/// use shaped::layers::{pool::GlobalAveragePooling1D, Dense, MaskedChain, Masking};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![Dyn, 3, 1]>::from_vec(vec![1., 2., 0., 4., 0., 0.])?;
/// let chain = (Masking::new(0.0), Dense::<f32, U![1], U![2]>::new(0), GlobalAveragePooling1D::new());
/// let y: Tensor<f32, shape![Dyn, 2]> = chain.forward_chain(&x);
/// assert_eq!(y.batch(), 2);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub trait MaskedChain<X>: LayerInfo {
    /// The last layer's output.
    type Output: Buffers + TypeShape;
    /// Applies the layers in order (inference), taking buffers from `ws`.
    fn forward_chain_with(&self, x: &X, ws: &mut Workspace) -> Self::Output;
    /// Applies the layers in order (inference) with a fresh workspace.
    fn forward_chain(&self, x: &X) -> Self::Output {
        self.forward_chain_with(x, &mut Workspace::new())
    }
    /// Appends one summary row per layer.
    fn summarize_chain(&self, rows: &mut Vec<SummaryRow>);
}

macro_rules! masked_chain {
    (last = $last:ident; $F:ident $f:ident $(; $L:ident $l:ident $P:ident)*) => {
        impl<X, $F $(, $L)*> MaskedChain<X> for ($F, $($L,)*)
        where
            $F: MaskStep<X>,
            $($L: MaskStep<$P::Output>,)*
        {
            type Output = $last::Output;
            fn forward_chain_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
                let ($f, $($l,)*) = self;
                let y = $f.step_with(x, ws);
                $(let y = {
                    let next = $l.step_with(&y, ws);
                    ws.give(y);
                    next
                };)*
                y
            }
            fn summarize_chain(&self, rows: &mut Vec<SummaryRow>) {
                let ($f, $($l,)*) = self;
                $f.summarize_step(rows);
                $($l.summarize_step(rows);)*
            }
        }

        /// A chain given a masked sequence: its layers one after the other, the mask passed on.
        impl<E: Float, S: StepShape, $F $(, $L)*> MaskedLayer<E, S> for ($F, $($L,)*)
        where
            Self: MaskedChain<Masked<E, S>>,
        {
            type Output = <Self as MaskedChain<Masked<E, S>>>::Output;
            fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
                self.forward_chain_with(x, ws)
            }
            fn summarize_masked(&self, rows: &mut Vec<SummaryRow>) {
                self.summarize_chain(rows);
            }
        }
    };
}

masked_chain!(last = L0; L0 l0);
masked_chain!(last = L1; L0 l0; L1 l1 L0);
masked_chain!(last = L2; L0 l0; L1 l1 L0; L2 l2 L1);
masked_chain!(last = L3; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2);
masked_chain!(last = L4; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3);
masked_chain!(last = L5; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4);
masked_chain!(last = L6; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5);
masked_chain!(last = L7; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6);
masked_chain!(last = L8; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7);
masked_chain!(last = L9; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8);
masked_chain!(last = L10; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8; L10 l10 L9);
masked_chain!(last = L11; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8; L10 l10 L9; L11 l11 L10);

/// A fork given a masked sequence: every branch takes it (with its mask), and the branches'
/// outputs come out together, for a merge (Keras: `[branch(x) for branch in branches]` on a
/// masked `x`).
macro_rules! masked_fork {
    ($($B:ident $b:ident),+) => {
        impl<E: Float, S: StepShape, $($B),+> MaskedLayer<E, S> for crate::graph::Fork<($($B,)+)>
        where
            $($B: MaskStep<Masked<E, S>>,)+
        {
            type Output = ($($B::Output,)+);
            fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
                let ($($b,)+) = self.branches();
                ($($b.step_with(x, ws),)+)
            }
            fn summarize_masked(&self, rows: &mut Vec<SummaryRow>) {
                let ($($b,)+) = self.branches();
                $($b.summarize_step(rows);)+
            }
        }
    };
}

masked_fork!(B0 b0, B1 b1);
masked_fork!(B0 b0, B1 b1, B2 b2);
masked_fork!(B0 b0, B1 b1, B2 b2, B3 b3);
masked_fork!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4);
masked_fork!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5);
masked_fork!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5, B6 b6);
masked_fork!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5, B6 b6, B7 b7);
