//! Layers that change a sequence's shape without weights: Flatten, Reshape, ZeroPadding1D,
//! UpSampling1D, Cropping1D, Permute, RepeatVector.

mod crop_pad;
mod flatten;
mod permute;
mod repeat_vector;
mod upsampling;

pub use crop_pad::{Cropping1D, ZeroPadding1D};
pub use flatten::{Flatten, Reshape};
pub use permute::{Permute, SequencePermutation};
pub use repeat_vector::RepeatVector;
pub use upsampling::UpSampling1D;

/// Implements the weightless-layer boilerplate: `new`, `Default`, `Clone`, `Debug`.
macro_rules! marker_layer {
    ($name:ident) => {
        marker_layer!($name<>);
    };
    ($name:ident < $($p:ident),* >) => {
        impl<$($p),*> $name<$($p),*> {
            /// The layer (it has no weights).
            pub fn new() -> Self {
                Self(core::marker::PhantomData)
            }
        }
        impl<$($p),*> Default for $name<$($p),*> {
            fn default() -> Self {
                Self::new()
            }
        }
        impl<$($p),*> Clone for $name<$($p),*> {
            fn clone(&self) -> Self {
                Self::new()
            }
        }
        impl<$($p),*> core::fmt::Debug for $name<$($p),*>
        where
            Self: crate::layer::LayerInfo,
        {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&crate::layer::LayerInfo::name(self))
            }
        }
    };
}
pub(crate) use marker_layer;
