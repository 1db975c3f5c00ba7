//! Keras-style layers whose output shapes are computed at compile time.
//!
//! Each layer's type carries its arguments (filters, kernel size, strides, padding ...) as
//! type-level numbers and markers, so the shape of what it returns is a type, and a layer that
//! cannot apply to its input is a compile error with a message in Keras's words.
#![forbid(unsafe_code)]

mod activation;
mod batch_norm;
pub mod conv1d;
mod dense;
mod dropout;
pub mod features;
mod float;
mod init;
mod layer;
pub mod merge;
pub mod pool;
pub mod reshaping;
mod sequential;

pub use activation::Activation;
pub use batch_norm::BatchNormalization;
pub use conv1d::Conv1D;
pub use dense::Dense;
pub use dropout::Dropout;
pub use float::Float;
pub use layer::{Layer, LayerInfo, SummaryRow, TypeShape};
pub use sequential::Sequential;
