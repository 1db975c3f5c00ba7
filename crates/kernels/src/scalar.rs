//! The element types the kernels compute in.

use num_traits::Float;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A floating-point element the kernels support: `f32` or `f64`.
pub trait Scalar: Float + Default + Send + Sync + core::fmt::Debug + 'static + sealed::Sealed {}
impl Scalar for f32 {}
impl Scalar for f64 {}
