//! Activations over slices: the generic bodies and the dispatch onto an instruction set.

use num_traits::{Float, One, Zero};

use super::math::apply_regs;
use super::Simd;
use crate::{Activation, Isa, Scalar};

/// Most lanes of any vector type (`Avx512F32`).
const MAX_LANES: usize = 16;

/// Runs `f` over `data` a vector at a time; a partial last vector goes through a buffer padded
/// with `pad`, and only its valid lanes are written back.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn each_vector<S: Simd>(data: &mut [S::T], pad: S::T, mut f: impl FnMut(S::V) -> S::V) {
    let l = S::LANES;
    debug_assert!(l <= MAX_LANES);
    let mut chunks = data.chunks_exact_mut(l);
    for c in &mut chunks {
        // SAFETY: `c` holds exactly `LANES` elements; the instruction set is available.
        unsafe { S::store(c.as_mut_ptr(), f(S::load(c.as_ptr()))) };
    }
    let rest = chunks.into_remainder();
    if !rest.is_empty() {
        let mut tmp = [pad; MAX_LANES];
        tmp[..rest.len()].copy_from_slice(rest);
        // SAFETY: `tmp` holds `MAX_LANES >= LANES` elements; the instruction set is available.
        unsafe { S::store(tmp.as_mut_ptr(), f(S::load(tmp.as_ptr()))) };
        rest.copy_from_slice(&tmp[..rest.len()]);
    }
}

/// The lanes of `v`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn lanes<S: Simd>(v: S::V) -> [S::T; MAX_LANES] {
    let mut tmp = [S::T::default(); MAX_LANES];
    // SAFETY: `tmp` holds `MAX_LANES >= LANES` elements; the instruction set is available.
    unsafe { S::store(tmp.as_mut_ptr(), v) };
    tmp
}

/// Softmax of one row: `exp(x - max) / sum`, in place.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn softmax_row<S: Simd>(row: &mut [S::T]) {
    let l = S::LANES;
    let ninf = S::T::neg_infinity();
    // SAFETY: the instruction set is available (this function's contract); every pointer is
    // to `LANES` elements of a full chunk.
    unsafe {
        let mut mv = S::splat(ninf);
        let mut chunks = row.chunks_exact(l);
        for c in &mut chunks {
            mv = S::max(S::load(c.as_ptr()), mv);
        }
        // A NaN may be skipped here: it still makes its own exp, and so the sum, NaN.
        let mut m = chunks.remainder().iter().fold(ninf, |m, &x| if x > m { x } else { m });
        for &x in &lanes::<S>(mv)[..l] {
            if x > m {
                m = x;
            }
        }
        let mvec = S::splat(m);
        let mut sv = S::splat(S::T::zero());
        each_vector::<S>(row, ninf, |v| {
            let e = super::math::exp::<S>(S::sub(v, mvec));
            sv = S::add(sv, e);
            e
        });
        let sum = lanes::<S>(sv)[..l].iter().fold(S::T::zero(), |s, &x| s + x);
        let svec = S::splat(sum);
        each_vector::<S>(row, S::T::one(), |v| S::div(v, svec));
    }
}

/// Applies `act` to `data` (softmax over rows of `row_len`).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn apply_slice<S: Simd>(act: Activation, data: &mut [S::T], row_len: usize) {
    match act {
        Activation::Linear => {}
        Activation::Softmax => {
            for row in data.chunks_mut(row_len.max(1)) {
                // SAFETY: forwarded contract.
                unsafe { softmax_row::<S>(row) };
            }
        }
        _ => {
            // SAFETY: forwarded contract (the padding lanes are computed and dropped).
            unsafe {
                each_vector::<S>(data, S::T::zero(), |v| {
                    let mut r = [v];
                    apply_regs::<S>(act, &mut r);
                    r[0]
                })
            }
        }
    }
}

/// Applies `act` on `isa` (which must be supported by this CPU; checked).
pub(crate) fn apply<T: Scalar>(isa: Isa, act: Activation, data: &mut [T], row_len: usize) {
    assert!(isa.is_supported(), "{isa:?} is not supported by this CPU");
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU supports AVX-512F, AVX2 and FMA (checked above); `T::Avx512` is the
        // AVX-512 vector of `T`.
        Isa::Avx512 => unsafe { super::x86::avx512::activation::<T::Avx512>(act, data, row_len) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU supports AVX2 and FMA (checked above).
        Isa::Avx2 => unsafe { super::x86::avx2::activation::<T::Avx2>(act, data, row_len) },
        // SAFETY: the portable vector needs no instruction-set extension.
        _ => unsafe { apply_slice::<T::Portable>(act, data, row_len) },
    }
}

/// Applies a test function to `data` on `isa` (supported; checked).
#[cfg(test)]
pub(crate) fn apply_func<T: Scalar>(isa: Isa, f: super::math::Func, data: &mut [T]) {
    assert!(isa.is_supported());
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU supports AVX-512F, AVX2 and FMA (checked above).
        Isa::Avx512 => unsafe { super::x86::avx512::func::<T::Avx512>(f, data) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU supports AVX2 and FMA (checked above).
        Isa::Avx2 => unsafe { super::x86::avx2::func::<T::Avx2>(f, data) },
        // SAFETY: the portable vector needs no instruction-set extension.
        _ => unsafe { func_slice::<T::Portable>(f, data) },
    }
}

/// [`apply_func`]'s body.
///
/// # Safety
/// The instruction set of `S` is available.
#[cfg(test)]
#[inline(always)]
pub(crate) unsafe fn func_slice<S: Simd>(f: super::math::Func, data: &mut [S::T]) {
    // SAFETY: forwarded contract.
    unsafe { each_vector::<S>(data, S::T::zero(), |v| super::math::apply_func::<S>(f, v)) }
}
