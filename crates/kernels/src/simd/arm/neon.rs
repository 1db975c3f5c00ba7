//! NEON vectors (4 × f32, 2 × f64) and the kernels compiled for them.
//!
//! NEON is part of the AArch64 baseline of every Linux, macOS and Windows target, but the
//! wrappers still enable it and [`Isa::Neon`](crate::Isa::Neon) still detects it, as for the
//! x86-64 paths. AArch64 has 32 vector registers, so the kernels take the register blocking of
//! AVX-512 (the same tiles, narrower vectors).
//!
//! `max`, `min` and `relu` are compares and bitwise selects rather than `fmax`/`fmin`, whose NaN
//! and signed-zero rules differ from the x86 ones the trait specifies (`fmax(0, -0)` is `+0`,
//! `fmax(x, NaN)` is NaN).

use core::arch::aarch64::*;

use crate::depthwise::DepthwiseTask;
use crate::gemm::GemmTask;
use crate::simd::Simd;

/// 4 lanes of `f32` in a `v` register.
#[derive(Clone, Copy, Debug)]
pub struct NeonF32;
/// 2 lanes of `f64` in a `v` register.
#[derive(Clone, Copy, Debug)]
pub struct NeonF64;

macro_rules! neon_impl {
    (
        $ty:ty, $t:ty, $v:ty, $n:literal, $m:ty, $u:ty,
        [$dup:ident, $ld1dup:ident, $ld1:ident, $st1:ident, $fma:ident],
        [$add:ident, $sub:ident, $mul:ident, $div:ident, $abs:ident],
        [$cgt:ident, $clt:ident, $ceq:ident, $bsl:ident, $eor:ident, $dupu:ident],
        [$tosi:ident, $fromsi:ident, $addi:ident, $dupi:ident, $shli:ident],
        $magic:literal, $bias:literal, $shift:literal, $sign:literal
    ) => {
        // SAFETY: every method uses NEON only; the trait's contract makes callers check it.
        unsafe impl Simd for $ty {
            type T = $t;
            type V = $v;
            const LANES: usize = $n;
            const REGISTERS: usize = 32;

            #[inline(always)]
            unsafe fn splat_from(p: *const $t) -> $v {
                // SAFETY: `p` is valid for one read and NEON is available (caller's contract).
                unsafe { $ld1dup(p) }
            }
            #[inline(always)]
            unsafe fn load(p: *const $t) -> $v {
                // SAFETY: `p` is valid for `LANES` reads (no alignment needed) and NEON is
                // available (caller's contract).
                unsafe { $ld1(p) }
            }
            #[inline(always)]
            unsafe fn store(p: *mut $t, v: $v) {
                // SAFETY: `p` is valid for `LANES` writes (no alignment needed) and NEON is
                // available (caller's contract).
                unsafe { $st1(p, v) }
            }
            #[inline(always)]
            unsafe fn fma(a: $v, b: $v, c: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `vfmaq(c, a, b)` is `c + a * b`,
                // rounded once.
                unsafe { $fma(c, a, b) }
            }
            #[inline(always)]
            unsafe fn relu(v: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `0 > v ? 0 : v`: the compare is
                // false for NaN and for `-0.0`, which are kept bit for bit.
                unsafe {
                    let zero = $dup(0.0);
                    $bsl($cgt(zero, v), zero, v)
                }
            }
            type M = $m;
            #[inline(always)]
            unsafe fn splat(x: $t) -> $v {
                // SAFETY: NEON is available (caller's contract).
                unsafe { $dup(x) }
            }
            #[inline(always)]
            unsafe fn add(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract).
                unsafe { $add(a, b) }
            }
            #[inline(always)]
            unsafe fn sub(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract).
                unsafe { $sub(a, b) }
            }
            #[inline(always)]
            unsafe fn mul(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract).
                unsafe { $mul(a, b) }
            }
            #[inline(always)]
            unsafe fn div(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract); `fdiv` is correctly rounded.
                unsafe { $div(a, b) }
            }
            #[inline(always)]
            unsafe fn max(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `a > b ? a : b`, as `maxps`.
                unsafe { $bsl($cgt(a, b), a, b) }
            }
            #[inline(always)]
            unsafe fn min(a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `a < b ? a : b`, as `minps`.
                unsafe { $bsl($clt(a, b), a, b) }
            }
            #[inline(always)]
            unsafe fn pow2i(n: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `n + magic` holds `n` in its low
                // mantissa bits; adding the bias and shifting it into the exponent field drops
                // the magic number's own bits (as the portable and x86 paths do).
                unsafe { $fromsi($shli::<$shift>($addi($tosi($add(n, $dup($magic))), $dupi($bias)))) }
            }
            #[inline(always)]
            unsafe fn abs(a: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). `fabs` only clears the sign
                // bit (NaN payloads are kept).
                unsafe { $abs(a) }
            }
            #[inline(always)]
            unsafe fn copysign(mag: $v, sign: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). The sign bit from `sign`, every
                // other bit from `mag`.
                unsafe { $bsl($dupu($sign), sign, mag) }
            }
            #[inline(always)]
            unsafe fn lt(a: $v, b: $v) -> $m {
                // SAFETY: NEON is available (caller's contract). `fcmgt` is false on NaN.
                unsafe { $clt(a, b) }
            }
            #[inline(always)]
            unsafe fn is_nan(a: $v) -> $m {
                // SAFETY: NEON is available (caller's contract). `a == a` is false exactly for
                // NaN; the exclusive or with all ones negates it.
                unsafe { $eor($ceq(a, a), $dupu(<$u>::MAX)) }
            }
            #[inline(always)]
            unsafe fn select(m: $m, a: $v, b: $v) -> $v {
                // SAFETY: NEON is available (caller's contract). Masks are all ones or all
                // zeros per lane, so the bitwise select picks whole lanes.
                unsafe { $bsl(m, a, b) }
            }
            #[inline(always)]
            fn fma_scalar(a: $t, b: $t, c: $t) -> $t {
                a.mul_add(b, c)
            }
            #[inline(always)]
            fn prefetch(p: *const $t) {
                // SAFETY: `prfm` is only a hint: it never faults and does not access memory in
                // the language's sense, whatever the address (so it takes the address as an
                // integer and is `nomem`); it is part of the AArch64 base instruction set.
                unsafe {
                    core::arch::asm!(
                        "prfm pldl1keep, [{a}]",
                        a = in(reg) p.addr(),
                        options(nostack, preserves_flags, nomem)
                    )
                }
            }
        }
    };
}

neon_impl!(
    NeonF32,
    f32,
    float32x4_t,
    4,
    uint32x4_t,
    u32,
    [vdupq_n_f32, vld1q_dup_f32, vld1q_f32, vst1q_f32, vfmaq_f32],
    [vaddq_f32, vsubq_f32, vmulq_f32, vdivq_f32, vabsq_f32],
    [vcgtq_f32, vcltq_f32, vceqq_f32, vbslq_f32, veorq_u32, vdupq_n_u32],
    [vreinterpretq_s32_f32, vreinterpretq_f32_s32, vaddq_s32, vdupq_n_s32, vshlq_n_s32],
    12_582_912.0,
    127,
    23,
    0x8000_0000
);
neon_impl!(
    NeonF64,
    f64,
    float64x2_t,
    2,
    uint64x2_t,
    u64,
    [vdupq_n_f64, vld1q_dup_f64, vld1q_f64, vst1q_f64, vfmaq_f64],
    [vaddq_f64, vsubq_f64, vmulq_f64, vdivq_f64, vabsq_f64],
    [vcgtq_f64, vcltq_f64, vceqq_f64, vbslq_f64, veorq_u64, vdupq_n_u64],
    [vreinterpretq_s64_f64, vreinterpretq_f64_s64, vaddq_s64, vdupq_n_s64, vshlq_n_s64],
    6_755_399_441_055_744.0,
    1023,
    52,
    0x8000_0000_0000_0000
);

/// The register-blocked kernel compiled for NEON.
///
/// # Safety
/// The CPU must have NEON, and `S` must be a NEON vector type.
#[target_feature(enable = "neon")]
pub(crate) unsafe fn gemm<S: Simd, const MR: usize, const NV: usize>(task: GemmTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::gemm::run::<S, MR, NV>(task) }
}

/// The depthwise kernel compiled for NEON.
///
/// # Safety
/// The CPU must have NEON, and `S` must be a NEON vector type.
#[target_feature(enable = "neon")]
pub(crate) unsafe fn depthwise<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::depthwise::run::<S>(task) }
}

/// The slice activations compiled for NEON.
///
/// # Safety
/// The CPU must have NEON, and `S` must be a NEON vector type.
#[target_feature(enable = "neon")]
pub(crate) unsafe fn activation<S: Simd>(act: crate::Activation, data: &mut [S::T], row_len: usize) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::apply_slice::<S>(act, data, row_len) }
}

/// A test function compiled for NEON.
///
/// # Safety
/// As for [`activation`].
#[cfg(test)]
#[target_feature(enable = "neon")]
pub(crate) unsafe fn func<S: Simd>(f: crate::simd::math::Func, data: &mut [S::T]) {
    // SAFETY: the features `S` needs are enabled here and present (this function's contract).
    unsafe { crate::simd::activation::func_slice::<S>(f, data) }
}
