//! How masks travel through layers, as Keras's `supports_masking` decides: a layer that
//! supports masking takes a [`Masked`] sequence through [`MaskedLayer::forward_masked`] and
//! passes its mask on (or uses it, as GlobalAveragePooling1D does); a layer that does not
//! (Conv1D, GlobalMaxPooling1D) refuses it at compile time with Keras's words ([`TakesMask`]),
//! where Keras warns and drops the mask. A masked sequence given to [`Layer::forward`] is a
//! type mismatch (`expected Tensor, found Masked`): the mask never disappears silently.
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

use shaped_tensor::{Buffers, Tensor, Workspace};

use crate::layer::{Layer, LayerInfo, TypeShape};
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
