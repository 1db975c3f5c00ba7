//! Keras-style layers whose output shapes are computed at compile time.
//!
//! Each layer's type carries its arguments (filters, kernel size, strides, padding ...) as
//! type-level numbers and markers, so the shape of what it returns is a type, and a layer that
//! cannot apply to its input is a compile error with a message in Keras's words.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Pedantic lints (off by default; `cargo clippy -- -W clippy::pedantic` counts them) allowed
// on purpose, each for its reason:
#![allow(
    // Exact float comparisons are deliberate: activation parameters and zero checks.
    clippy::float_cmp,
    // `s += &format!(..)` builds Keras-style layer names and summaries; `write!` to a String
    // would need an ignored `fmt::Result` at each site.
    clippy::format_push_string,
    // Index names follow the formulas (b, t, k, c): longer names read worse.
    clippy::many_single_char_names,
    // Sizes are type-level numbers far below 2^52; seeds and counts wrap on purpose.
    clippy::cast_precision_loss,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
)]
#![forbid(unsafe_code)]

mod activation;
mod argument;
mod batch_norm;
pub mod conv1d;
mod conv1d_transpose;
mod declare;
mod dense;
mod dropout;
mod embedding;
pub mod features;
mod float;
pub mod graph;
mod group_norm;
mod init;
mod layer;
mod layer_norm;
mod leaky_relu;
pub mod mask;
mod masking;
pub mod merge;
pub mod pool;
mod prelu;
mod relu;
pub mod reshaping;
mod separable;
mod sequential;
mod spatial_dropout;
mod variables;
mod weights;

pub use activation::Activation;
pub use argument::ArgumentError;
pub use batch_norm::{BatchNormVariables, BatchNormalization};
pub use conv1d::{Conv1D, Conv1dArgs, ValidConv1dArgs};
pub use conv1d_transpose::{Conv1DTranspose, Conv1dTransposeOutput, OutputPadding, TransposeLength};
pub use declare::{graph_summary_table, GraphRow};
pub use dense::Dense;
pub use dropout::Dropout;
pub use embedding::Embedding;
pub use float::Float;
pub use group_norm::GroupNormalization;
pub use layer::{Layer, LayerInfo, SummaryRow, TypeShape};
pub use layer_norm::LayerNormalization;
pub use leaky_relu::LeakyReLU;
pub use mask::{MaskedChain, MaskedLayer};
pub use masking::Masking;
pub use prelu::PReLU;
pub use relu::ReLU;
pub use separable::{DepthwiseConv1D, SeparableConv1D, ValidDepthwiseArgs, ValidSeparableArgs};
pub use sequential::{summary_table, Sequential};
pub use spatial_dropout::SpatialDropout1D;
pub use variables::{layer_seed, Init, KerasVariables, WeightSink, WeightSource};

#[doc(hidden)]
pub use shaped_macros::__model;

#[doc(hidden)]
pub mod __private {
    //! **Ignore me!** Paths that `model!` expansions name.
    use core::marker::PhantomData;

    pub use shaped_macros::__dropout_literal;
    pub use shaped_tensor::Workspace;

    use crate::{Layer, TypeShape};

    /// The output type of `layer` on inputs of type `X`, as a value the compiler infers (so
    /// that a summary needs no type alias per layer).
    pub fn output_of<L: Layer<X>, X>(_layer: &L, _x: PhantomData<X>) -> PhantomData<L::Output> {
        PhantomData
    }

    /// The shape of a type, as Keras prints it.
    #[must_use]
    pub fn shape_of<T: TypeShape>(_: PhantomData<T>) -> String {
        T::type_shape()
    }

    /// A tuple of phantom types as the phantom of a tuple of references (a merge's input).
    pub trait PhantomRefs {
        /// The tuple of references.
        type Refs;
    }

    /// The phantom of the tuple of references to the given phantom types.
    #[must_use]
    pub fn refs<T: PhantomRefs>(_: T) -> PhantomData<T::Refs> {
        PhantomData
    }

    macro_rules! phantom_refs {
        ($($T:ident),+) => {
            impl<$($T: 'static),+> PhantomRefs for ($(PhantomData<$T>,)+) {
                type Refs = ($(&'static $T,)+);
            }
        };
    }
    phantom_refs!(A, B);
    phantom_refs!(A, B, C);
    phantom_refs!(A, B, C, D);
    phantom_refs!(A, B, C, D, E);
    phantom_refs!(A, B, C, D, E, F);
    phantom_refs!(A, B, C, D, E, F, G);
    phantom_refs!(A, B, C, D, E, F, G, H);
}
