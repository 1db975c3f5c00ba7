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
    (
        $ty:ty, $t:ty, $v:ty, $n:literal, $set1:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $max:ident, $zero:ident,
        [$add:ident, $sub:ident, $mul:ident, $div:ident, $min:ident, $tosi:ident, $fromsi:ident, $addi:ident, $set1i:ident, $slli:ident],
        $m:ty, $magic:literal, $bias:literal, $shift:literal, $cmpmask:ident, $blend:ident
    ) => {
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
                unsafe { $max($zero(), v) }
            }
            type M = $m;
            #[inline(always)]
            unsafe fn splat(x: $t) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $set1(x) }
            }
            #[inline(always)]
            unsafe fn add(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $add(a, b) }
            }
            #[inline(always)]
            unsafe fn sub(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $sub(a, b) }
            }
            #[inline(always)]
            unsafe fn mul(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $mul(a, b) }
            }
            #[inline(always)]
            unsafe fn div(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $div(a, b) }
            }
            #[inline(always)]
            unsafe fn max(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $max(a, b) }
            }
            #[inline(always)]
            unsafe fn min(a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $min(a, b) }
            }
            #[inline(always)]
            unsafe fn pow2i(n: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $fromsi($slli::<$shift>($addi($tosi($add(n, $set1($magic))), $set1i($bias)))) }
            }
            #[inline(always)]
            unsafe fn abs(a: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $fromsi(_mm512_andnot_si512($tosi($set1(-0.0)), $tosi(a))) }
            }
            #[inline(always)]
            unsafe fn copysign(mag: $v, sign: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe {
                    {
                        let sz = $tosi($set1(-0.0));
                        $fromsi(_mm512_or_si512(
                            _mm512_andnot_si512(sz, $tosi(mag)),
                            _mm512_and_si512(sz, $tosi(sign)),
                        ))
                    }
                }
            }
            #[inline(always)]
            unsafe fn lt(a: $v, b: $v) -> $m {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $cmpmask::<_CMP_LT_OQ>(a, b) }
            }
            #[inline(always)]
            unsafe fn is_nan(a: $v) -> $m {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $cmpmask::<_CMP_UNORD_Q>(a, a) }
            }
            #[inline(always)]
            unsafe fn select(m: $m, a: $v, b: $v) -> $v {
                // SAFETY: AVX-512F is available (caller's contract).
                unsafe { $blend(m, b, a) }
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
    _mm512_setzero_ps,
    [
        _mm512_add_ps,
        _mm512_sub_ps,
        _mm512_mul_ps,
        _mm512_div_ps,
        _mm512_min_ps,
        _mm512_castps_si512,
        _mm512_castsi512_ps,
        _mm512_add_epi32,
        _mm512_set1_epi32,
        _mm512_slli_epi32
    ],
    __mmask16,
    12_582_912.0,
    127,
    23,
    _mm512_cmp_ps_mask,
    _mm512_mask_blend_ps
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
    _mm512_setzero_pd,
    [
        _mm512_add_pd,
        _mm512_sub_pd,
        _mm512_mul_pd,
        _mm512_div_pd,
        _mm512_min_pd,
        _mm512_castpd_si512,
        _mm512_castsi512_pd,
        _mm512_add_epi64,
        _mm512_set1_epi64,
        _mm512_slli_epi64
    ],
    __mmask8,
    6_755_399_441_055_744.0,
    1023,
    52,
    _mm512_cmp_pd_mask,
    _mm512_mask_blend_pd
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

/// The slice activations compiled for AVX-512F.
///
/// # Safety
/// The CPU must have AVX-512F, AVX2 and FMA, and `S` must be an AVX-512F vector type.
#[target_feature(enable = "avx512f,avx2,fma")]
pub(crate) unsafe fn activation<S: Simd>(act: crate::Activation, data: &mut [S::T], row_len: usize) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::apply_slice::<S>(act, data, row_len) }
}

/// A test function compiled for AVX-512F.
///
/// # Safety
/// As for [`activation`].
#[cfg(test)]
#[target_feature(enable = "avx512f,avx2,fma")]
pub(crate) unsafe fn func<S: Simd>(f: crate::simd::math::Func, data: &mut [S::T]) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::func_slice::<S>(f, data) }
}
