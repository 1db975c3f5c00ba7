//! The vector operations the kernels are written against, one implementation per instruction set.
//!
//! Each kernel body is an `#[inline(always)]` function generic over [`Simd`]; a thin
//! `#[target_feature]` wrapper per instruction set (in `x86` on x86-64, `arm` on AArch64)
//! instantiates it, so the intrinsics inline into code compiled for that instruction set.

pub(crate) mod activation;
#[cfg(target_arch = "aarch64")]
pub(crate) mod arm;
pub(crate) mod math;
pub(crate) mod portable;
#[cfg(target_arch = "x86_64")]
pub(crate) mod x86;

use crate::Scalar;

/// A vector of `LANES` elements of `T` and the handful of operations the kernels use.
///
/// # Safety
///
/// Implementations may use instructions of one instruction set: every method may only be called
/// on a CPU that has it (the dispatcher checks this before entering a kernel). Pointer arguments
/// must be valid for `LANES` elements (one for [`Simd::splat_from`]); no alignment is required.
pub unsafe trait Simd: Copy + 'static {
    /// The element type.
    type T: Scalar;
    /// One vector register.
    type V: Copy;
    /// Elements per vector.
    const LANES: usize;
    /// Vector registers the instruction set has (for choosing register-blocking sizes).
    const REGISTERS: usize;

    /// Every lane equal to `*p`.
    ///
    /// # Safety
    /// `p` valid for one read; the instruction set is available.
    unsafe fn splat_from(p: *const Self::T) -> Self::V;
    /// `LANES` elements from `p` (unaligned).
    ///
    /// # Safety
    /// `p` valid for `LANES` reads; the instruction set is available.
    unsafe fn load(p: *const Self::T) -> Self::V;
    /// Writes `LANES` elements at `p` (unaligned).
    ///
    /// # Safety
    /// `p` valid for `LANES` writes; the instruction set is available.
    unsafe fn store(p: *mut Self::T, v: Self::V);
    /// `a * b + c`, fused where the instruction set has FMA.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn fma(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// `max(0, v)` lane by lane with TensorFlow's NaN policy: `0 > v ? 0 : v`, so NaN stays
    /// NaN and `-0.0` stays `-0.0`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn relu(v: Self::V) -> Self::V;

    /// A lane mask (the result of a comparison).
    type M: Copy;
    /// Every lane equal to `x`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn splat(x: Self::T) -> Self::V;
    /// `a + b`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
    /// `a - b`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn sub(a: Self::V, b: Self::V) -> Self::V;
    /// `a * b`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V;
    /// `a / b` (correctly rounded).
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn div(a: Self::V, b: Self::V) -> Self::V;
    /// `a > b ? a : b` lane by lane (x86 `maxps` semantics: `b` when either is NaN).
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn max(a: Self::V, b: Self::V) -> Self::V;
    /// `a < b ? a : b` lane by lane (x86 `minps` semantics: `b` when either is NaN).
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn min(a: Self::V, b: Self::V) -> Self::V;
    /// `|a|` (clears the sign bit).
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn abs(a: Self::V) -> Self::V;
    /// The magnitude of `mag` with the sign bit of `sign`.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn copysign(mag: Self::V, sign: Self::V) -> Self::V;
    /// `2^n` for integer-valued `n` in the normal exponent range (`-126..=127` for `f32`,
    /// `-1022..=1023` for `f64`); other lanes give unspecified (but no undefined) values.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn pow2i(n: Self::V) -> Self::V;
    /// `a < b` (ordered: false when either is NaN).
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn lt(a: Self::V, b: Self::V) -> Self::M;
    /// Whether `a` is NaN.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn is_nan(a: Self::V) -> Self::M;
    /// `m ? a : b` lane by lane.
    ///
    /// # Safety
    /// The instruction set is available.
    unsafe fn select(m: Self::M, a: Self::V, b: Self::V) -> Self::V;
    /// The scalar `a * b + c`, rounded the way [`Simd::fma`] rounds each lane.
    fn fma_scalar(a: Self::T, b: Self::T, c: Self::T) -> Self::T;
    /// A hint to bring the cache line holding `p` into L1 (no-op where unsupported). Never
    /// dereferences `p`: any address is allowed.
    fn prefetch(p: *const Self::T);
}
