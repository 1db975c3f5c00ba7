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
        /// The NEON vector of this type (the portable one off AArch64).
        type Neon: Simd<T = Self>;
        /// The plain-Rust vector of this type.
        type Portable: Simd<T = Self>;
        /// Whether this is `f64` (the math functions pick their constants by it).
        const IS_F64: bool;
        /// `x` rounded to this type.
        fn from_f64(x: f64) -> Self;
        /// This type's kernels, compiled in this crate ([`crate::compiled`]).
        fn kernels() -> &'static crate::compiled::Kernels<Self>;
    }

    /// The vector types of each instruction set on this target architecture: the portable ones
    /// stand in for the instruction sets of other architectures (never selected, since they are
    /// never supported there).
    mod arch {
        #[cfg(target_arch = "aarch64")]
        pub(super) use crate::simd::arm::neon::{NeonF32, NeonF64};
        #[cfg(not(target_arch = "x86_64"))]
        pub(super) use crate::simd::portable::{
            PortableF32 as Avx2F32, PortableF32 as Avx512F32, PortableF64 as Avx2F64,
            PortableF64 as Avx512F64,
        };
        #[cfg(not(target_arch = "aarch64"))]
        pub(super) use crate::simd::portable::{PortableF32 as NeonF32, PortableF64 as NeonF64};
        #[cfg(target_arch = "x86_64")]
        pub(super) use crate::simd::x86::{
            avx2::{Avx2F32, Avx2F64},
            avx512::{Avx512F32, Avx512F64},
        };
    }

    impl Sealed for f32 {
        type Avx512 = arch::Avx512F32;
        type Avx2 = arch::Avx2F32;
        type Neon = arch::NeonF32;
        type Portable = crate::simd::portable::PortableF32;
        const IS_F64: bool = false;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x as f32
        }
        #[inline(never)]
        fn kernels() -> &'static crate::compiled::Kernels<f32> {
            &crate::compiled::F32
        }
    }
    impl Sealed for f64 {
        type Avx512 = arch::Avx512F64;
        type Avx2 = arch::Avx2F64;
        type Neon = arch::NeonF64;
        type Portable = crate::simd::portable::PortableF64;
        const IS_F64: bool = true;
        #[inline(always)]
        fn from_f64(x: f64) -> Self {
            x
        }
        #[inline(never)]
        fn kernels() -> &'static crate::compiled::Kernels<f64> {
            &crate::compiled::F64
        }
    }
}

/// A floating-point element the kernels support: `f32` or `f64`.
pub trait Scalar: Float + Default + Send + Sync + core::fmt::Debug + 'static + sealed::Sealed {}
impl Scalar for f32 {}
impl Scalar for f64 {}
