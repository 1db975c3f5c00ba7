//! Keras-style layers whose output shapes are computed at compile time.
//!
//! Each layer's type carries its arguments (filters, kernel size, strides, padding ...) as
//! type-level numbers and markers, so the shape of what it returns is a type, and a layer that
//! cannot apply to its input is a compile error with a message in Keras's words.
#![forbid(unsafe_code)]

mod activation;
mod batch_norm;
pub mod conv1d;
mod conv1d_transpose;
mod declare;
mod dense;
mod dropout;
pub mod features;
mod float;
pub mod graph;
mod init;
mod layer;
pub mod merge;
pub mod pool;
pub mod reshaping;
mod separable;
mod sequential;
mod variables;
mod weights;

pub use activation::Activation;
pub use batch_norm::BatchNormalization;
pub use conv1d::Conv1D;
pub use conv1d_transpose::{Conv1DTranspose, TransposeLength};
pub use declare::{graph_summary_table, GraphRow};
pub use dense::Dense;
pub use dropout::Dropout;
pub use float::Float;
pub use layer::{Layer, LayerInfo, SummaryRow, TypeShape};
pub use separable::{DepthwiseConv1D, SeparableConv1D};
pub use sequential::{summary_table, Sequential};
pub use variables::{layer_seed, Init, KerasVariables, WeightSink, WeightSource};

#[doc(hidden)]
pub use shaped_macros::__model;

#[doc(hidden)]
pub mod __private {
    //! **Ignore me!** Paths that `model!` expansions name.
    pub use shaped_tensor::Workspace;
}
