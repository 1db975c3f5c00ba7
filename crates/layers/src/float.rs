//! The element types layers compute in.

/// An element type the layers support: `f32` or `f64` (a tensor element the kernels compute
/// in).
#[diagnostic::on_unimplemented(
    message = "layers compute in f32 or f64",
    label = "`{Self}` is not a floating-point element type",
    note = "Keras's Conv1D(dtype=\"int32\") fails at its first call; integer data enters a float tensor through `Tensor::from_vec_cast`, which refuses values it cannot hold exactly"
)]
pub trait Float: shaped_tensor::Element + shaped_kernels::Scalar {}
#[diagnostic::do_not_recommend]
impl<T: shaped_tensor::Element + shaped_kernels::Scalar> Float for T {}
