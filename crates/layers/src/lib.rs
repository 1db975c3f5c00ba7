//! Keras-style layers whose output shapes are computed at compile time.
//!
//! Each layer's type carries its arguments (filters, kernel size, strides, padding ...) as
//! type-level numbers and markers, so the shape of what it returns is a type, and a layer that
//! cannot apply to its input is a compile error with a message in Keras's words.
#![forbid(unsafe_code)]

pub mod conv1d;
mod float;
mod init;

pub use conv1d::Conv1D;
pub use float::Float;
pub use shaped_kernels::Activation;
