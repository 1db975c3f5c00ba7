//! AVX2+FMA vectors (8 × f32, 4 × f64) and the kernels compiled for them.

use core::arch::x86_64::*;

use crate::depthwise::DepthwiseTask;
use crate::gemm::GemmTask;
use crate::simd::Simd;

/// 8 lanes of `f32` in a `ymm` register.
#[derive(Clone, Copy, Debug)]
pub struct Avx2F32;
/// 4 lanes of `f64` in a `ymm` register.
#[derive(Clone, Copy, Debug)]
pub struct Avx2F64;

macro_rules! avx2_impl {
    (
        $ty:ty, $t:ty, $v:ty, $n:literal, $set1:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $max:ident, $zero:ident,
        [$add:ident, $sub:ident, $mul:ident, $div:ident, $min:ident, $tosi:ident, $fromsi:ident, $addi:ident, $set1i:ident, $slli:ident],
        $m:ty, $magic:literal, $bias:literal, $shift:literal, $and:ident, $andnot:ident, $or:ident, $cmp:ident, $blendv:ident
    ) => {
        // SAFETY: every method uses AVX and FMA only; the trait's contract makes callers check it.
        unsafe impl Simd for $ty {
            type T = $t;
            type V = $v;
            const LANES: usize = $n;
            const REGISTERS: usize = 16;

            #[inline(always)]
            unsafe fn splat_from(p: *const $t) -> $v {
                // SAFETY: `p` is valid for one read and AVX2 and FMA are available (caller's contract).
                unsafe { $set1(*p) }
            }
            #[inline(always)]
            unsafe fn load(p: *const $t) -> $v {
                // SAFETY: `p` is valid for `LANES` reads and AVX2 and FMA are available (caller's contract).
                unsafe { $loadu(p) }
            }
            #[inline(always)]
            unsafe fn store(p: *mut $t, v: $v) {
                // SAFETY: `p` is valid for `LANES` writes and AVX2 and FMA are available (caller's contract).
                unsafe { $storeu(p, v) }
            }
            #[inline(always)]
            unsafe fn fma(a: $v, b: $v, c: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $fmadd(a, b, c) }
            }
            #[inline(always)]
            unsafe fn relu(v: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $max($zero(), v) }
            }
            type M = $m;
            #[inline(always)]
            unsafe fn splat(x: $t) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $set1(x) }
            }
            #[inline(always)]
            unsafe fn add(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $add(a, b) }
            }
            #[inline(always)]
            unsafe fn sub(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $sub(a, b) }
            }
            #[inline(always)]
            unsafe fn mul(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $mul(a, b) }
            }
            #[inline(always)]
            unsafe fn div(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $div(a, b) }
            }
            #[inline(always)]
            unsafe fn max(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $max(a, b) }
            }
            #[inline(always)]
            unsafe fn min(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $min(a, b) }
            }
            #[inline(always)]
            unsafe fn pow2i(n: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $fromsi($slli::<$shift>($addi($tosi($add(n, $set1($magic))), $set1i($bias)))) }
            }
            #[inline(always)]
            unsafe fn abs(a: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $andnot($set1(-0.0), a) }
            }
            #[inline(always)]
            unsafe fn copysign(mag: $v, sign: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $or($andnot($set1(-0.0), mag), $and($set1(-0.0), sign)) }
            }
            #[inline(always)]
            unsafe fn lt(a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $cmp::<_CMP_LT_OQ>(a, b) }
            }
            #[inline(always)]
            unsafe fn is_nan(a: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $cmp::<_CMP_UNORD_Q>(a, a) }
            }
            #[inline(always)]
            unsafe fn select(m: $v, a: $v, b: $v) -> $v {
                // SAFETY: AVX2 and FMA are available (caller's contract).
                unsafe { $blendv(b, a, m) }
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

avx2_impl!(
    Avx2F32,
    f32,
    __m256,
    8,
    _mm256_set1_ps,
    _mm256_loadu_ps,
    _mm256_storeu_ps,
    _mm256_fmadd_ps,
    _mm256_max_ps,
    _mm256_setzero_ps,
    [
        _mm256_add_ps,
        _mm256_sub_ps,
        _mm256_mul_ps,
        _mm256_div_ps,
        _mm256_min_ps,
        _mm256_castps_si256,
        _mm256_castsi256_ps,
        _mm256_add_epi32,
        _mm256_set1_epi32,
        _mm256_slli_epi32
    ],
    __m256,
    12_582_912.0,
    127,
    23,
    _mm256_and_ps,
    _mm256_andnot_ps,
    _mm256_or_ps,
    _mm256_cmp_ps,
    _mm256_blendv_ps
);
avx2_impl!(
    Avx2F64,
    f64,
    __m256d,
    4,
    _mm256_set1_pd,
    _mm256_loadu_pd,
    _mm256_storeu_pd,
    _mm256_fmadd_pd,
    _mm256_max_pd,
    _mm256_setzero_pd,
    [
        _mm256_add_pd,
        _mm256_sub_pd,
        _mm256_mul_pd,
        _mm256_div_pd,
        _mm256_min_pd,
        _mm256_castpd_si256,
        _mm256_castsi256_pd,
        _mm256_add_epi64,
        _mm256_set1_epi64x,
        _mm256_slli_epi64
    ],
    __m256d,
    6_755_399_441_055_744.0,
    1023,
    52,
    _mm256_and_pd,
    _mm256_andnot_pd,
    _mm256_or_pd,
    _mm256_cmp_pd,
    _mm256_blendv_pd
);

/// The register-blocked kernel compiled for AVX2+FMA.
///
/// # Safety
/// The CPU must have AVX2 and FMA, and `S` must be an AVX2 vector type.
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn gemm<S: Simd, const MR: usize, const NV: usize>(task: GemmTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::gemm::run::<S, MR, NV>(task) }
}

/// The depthwise kernel compiled for AVX2+FMA.
///
/// # Safety
/// The CPU must have AVX2 and FMA, and `S` must be an AVX2 vector type.
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn depthwise<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::depthwise::run::<S>(task) }
}

/// The slice activations compiled for AVX2+FMA.
///
/// # Safety
/// The CPU must have AVX2 and FMA, and `S` must be an AVX2 vector type.
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn activation<S: Simd>(act: crate::Activation, data: &mut [S::T], row_len: usize) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::apply_slice::<S>(act, data, row_len) }
}

/// A test function compiled for AVX2+FMA.
///
/// # Safety
/// As for [`activation`].
#[cfg(test)]
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn func<S: Simd>(f: crate::simd::math::Func, data: &mut [S::T]) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::func_slice::<S>(f, data) }
}
