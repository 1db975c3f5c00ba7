//! The element types layers compute in.

/// An element type the layers support: `f32` or `f64` (a tensor element the kernels compute
/// in).
pub trait Float: shaped_tensor::Element + shaped_kernels::Scalar {}
impl<T: shaped_tensor::Element + shaped_kernels::Scalar> Float for T {}
