//! AVX-512F vectors (16 × f32, 8 × f64) and the kernels compiled for them.

use core::arch::x86_64::*;

use crate::depthwise::DepthwiseTask;
use crate::gemm::GemmTask;
use crate::simd::Simd;

/// 16 lanes of `f32` in a `zmm` register.
#[derive(Clone, Copy, Debug)]
pub struct Avx512F32;
/// 8 lanes of `f64` in a `zmm` register.
#[derive(Clone, Copy, Debug)]
pub struct Avx512F64;

macro_rules! avx512_impl {
    ($ty:ty, $t:ty, $v:ty, $n:literal, $set1:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $max:ident, $zero:ident) => {
        // SAFETY: every method uses AVX-512F only; the trait's contract makes callers check it.
        unsafe impl Simd for $ty {
            type T = $t;
            type V = $v;
            const LANES: usize = $n;
            const REGISTERS: usize = 32;

            #[inline(always)]
            unsafe fn splat_from(p: *const $t) -> $v {
                // SAFETY: `p` is valid for one read and AVX-512F is available (caller's contract).
                unsafe { $set1(*p) }
            }
            #[inline(always)]
            unsafe fn load(p: *const $t) -> $v {
                // SAFETY: `p` is valid for `LANES` reads and AVX-512F is available (caller's contract).
                unsafe { $loadu(p) }
            }
            #[inline(always)]
            unsafe fn store(p: *mut $t, v: $v) {
                // SAFETY: `p` is valid for `LANES` writes and AVX-512F is available (caller's contract).
                unsafe { $storeu(p, v) }
            }
            #[inline(always)]
            unsafe fn fma(a: $v, b: $v, c: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $fmadd(a, b, c) }
            }
            #[inline(always)]
            unsafe fn relu(v: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $max(v, $zero()) }
            }
            #[inline(always)]
            fn fma_scalar(a: $t, b: $t, c: $t) -> $t {
                a.mul_add(b, c)
            }
            #[inline(always)]
            fn prefetch(p: *const $t) {
                // SAFETY: a prefetch is only a hint: it never faults or dereferences `p` in the
                // language's sense, and SSE is part of the x86-64 baseline.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>()) }
            }
        }
    };
}

avx512_impl!(
    Avx512F32,
    f32,
    __m512,
    16,
    _mm512_set1_ps,
    _mm512_loadu_ps,
    _mm512_storeu_ps,
    _mm512_fmadd_ps,
    _mm512_max_ps,
    _mm512_setzero_ps
);
avx512_impl!(
    Avx512F64,
    f64,
    __m512d,
    8,
    _mm512_set1_pd,
    _mm512_loadu_pd,
    _mm512_storeu_pd,
    _mm512_fmadd_pd,
    _mm512_max_pd,
    _mm512_setzero_pd
);

/// The register-blocked kernel compiled for AVX-512F.
///
/// # Safety
/// The CPU must have AVX-512F, AVX2 and FMA, and `S` must be an AVX-512 vector type.
#[target_feature(enable = "avx512f,avx2,fma")]
pub(crate) unsafe fn gemm<S: Simd, const MR: usize, const NV: usize>(task: GemmTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::gemm::run::<S, MR, NV>(task) }
}

/// The depthwise kernel compiled for AVX-512F.
///
/// # Safety
/// The CPU must have AVX-512F, AVX2 and FMA, and `S` must be an AVX-512 vector type.
#[target_feature(enable = "avx512f,avx2,fma")]
pub(crate) unsafe fn depthwise<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::depthwise::run::<S>(task) }
}
