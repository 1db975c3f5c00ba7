//! The element types the kernels compute in.

use num_traits::Float;

pub(crate) mod sealed {
    use crate::simd::Simd;

    /// Ties each element type to its vector type on every instruction set (crate-internal).
    pub trait Sealed: Sized {
        /// The AVX-512F vector of this type (the portable one off x86-64).
        type Avx512: Simd<T = Self>;
        /// The AVX2+FMA vector of this type (the portable one off x86-64).
        type Avx2: Simd<T = Self>;
        /// The plain-Rust vector of this type.
        type Portable: Simd<T = Self>;
        /// Whether this is `f64` (the math functions pick their constants by it).
        const IS_F64: bool;
        /// `x` rounded to this type.
        fn from_f64(x: f64) -> Self;
    }

    #[cfg(target_arch = "x86_64")]
    impl Sealed for f32 {
        type Avx512 = crate::simd::x86::avx512::Avx512F32;
        type Avx2 = crate::simd::x86::avx2::Avx2F32;
        type Portable = crate::simd::portable::PortableF32;
        const IS_F64: bool = false;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x as f32
        }
    }
    #[cfg(target_arch = "x86_64")]
    impl Sealed for f64 {
        type Avx512 = crate::simd::x86::avx512::Avx512F64;
        type Avx2 = crate::simd::x86::avx2::Avx2F64;
        type Portable = crate::simd::portable::PortableF64;
        const IS_F64: bool = true;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    impl Sealed for f32 {
        type Avx512 = crate::simd::portable::PortableF32;
        type Avx2 = crate::simd::portable::PortableF32;
        type Portable = crate::simd::portable::PortableF32;
        const IS_F64: bool = false;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x as f32
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    impl Sealed for f64 {
        type Avx512 = crate::simd::portable::PortableF64;
        type Avx2 = crate::simd::portable::PortableF64;
        type Portable = crate::simd::portable::PortableF64;
        const IS_F64: bool = true;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x
        }
    }
}

/// A floating-point element the kernels support: `f32` or `f64`.
pub trait Scalar: Float + Default + Send + Sync + core::fmt::Debug + 'static + sealed::Sealed {}
impl Scalar for f32 {}
impl Scalar for f64 {}
