//! Activations over slices: the generic bodies and the dispatch onto an instruction set.

use num_traits::{Float, One, Zero};

use super::math::apply_regs;
use super::Simd;
use crate::{Activation, Isa, Scalar};

/// Most lanes of any vector type (`Avx512F32`).
const MAX_LANES: usize = 16;

/// Vectors per block of [`apply_slice`] (the activation's `match` runs once per block).
const BLOCK: usize = 4;

/// Runs the statement `$body` (which reads and writes the vector registers `$regs`, an array of
/// `BLOCK` vectors) over `$data` a block at a time; a partial last block goes through a buffer
/// padded with `$pad`, and only its valid elements are written back.
///
/// A macro rather than a function taking a closure: a closure would be compiled without the
/// caller's `#[target_feature]`s and call every intrinsic out of line.
macro_rules! each_block {
    ($S:ty, $data:expr, $pad:expr, |$regs:ident| $body:block) => {{
        let l = <$S as Simd>::LANES;
        let bl = l * BLOCK;
        debug_assert!(bl <= BUF);
        let data: &mut [<$S as Simd>::T] = $data;
        let mut chunks = data.chunks_exact_mut(bl);
        for c in &mut chunks {
            let p = c.as_mut_ptr();
            let mut $regs = [<$S as Simd>::splat($pad); BLOCK];
            for (i, r) in $regs.iter_mut().enumerate() {
                *r = <$S as Simd>::load(p.add(i * l));
            }
            $body
            for (i, r) in $regs.iter().enumerate() {
                <$S as Simd>::store(p.add(i * l), *r);
            }
        }
        let rest = chunks.into_remainder();
        if !rest.is_empty() {
            let mut tmp = [$pad; BUF];
            tmp[..rest.len()].copy_from_slice(rest);
            let p = tmp.as_mut_ptr();
            let mut $regs = [<$S as Simd>::splat($pad); BLOCK];
            for (i, r) in $regs.iter_mut().enumerate() {
                *r = <$S as Simd>::load(p.add(i * l));
            }
            $body
            for (i, r) in $regs.iter().enumerate() {
                <$S as Simd>::store(p.add(i * l), *r);
            }
            rest.copy_from_slice(&tmp[..rest.len()]);
        }
    }};
}

/// Elements of the tail buffer: `BLOCK` vectors of the widest type.
const BUF: usize = BLOCK * MAX_LANES;

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
    // to `LANES` elements of a full chunk, or of a block inside `each_block!`'s buffers.
    unsafe {
        let mut mv = S::splat(ninf);
        let mut chunks = row.chunks_exact(l);
        for c in &mut chunks {
            mv = S::max(S::load(c.as_ptr()), mv);
        }
        // A NaN may be skipped here: it still makes its own exp, and so the sum, NaN.
        let mut m = ninf;
        for &x in chunks.remainder() {
            if x > m {
                m = x;
            }
        }
        for &x in &lanes::<S>(mv)[..l] {
            if x > m {
                m = x;
            }
        }
        let mvec = S::splat(m);
        let mut sv = [S::splat(S::T::zero()); BLOCK];
        each_block!(S, row, ninf, |regs| {
            for (r, s) in regs.iter_mut().zip(sv.iter_mut()) {
                *r = super::math::exp::<S>(S::sub(*r, mvec));
                *s = S::add(*s, *r);
            }
        });
        let mut sum = S::T::zero();
        for s in sv {
            for &x in &lanes::<S>(s)[..l] {
                sum = sum + x;
            }
        }
        let svec = S::splat(sum);
        each_block!(S, row, S::T::one(), |regs| {
            for r in &mut regs {
                *r = S::div(*r, svec);
            }
        });
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
        // SAFETY: forwarded contract (the padding lanes are computed and dropped); the
        // pointers are to `BLOCK` vectors of a full chunk or of the tail buffer.
        _ => unsafe { each_block!(S, data, S::T::zero(), |regs| { apply_regs::<S>(act, &mut regs) }) },
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
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the CPU supports NEON (checked above); `T::Neon` is the NEON vector of `T`.
        Isa::Neon => unsafe { super::arm::neon::activation::<T::Neon>(act, data, row_len) },
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
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the CPU supports NEON (checked above).
        Isa::Neon => unsafe { super::arm::neon::func::<T::Neon>(f, data) },
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
    // SAFETY: forwarded contract; the pointers are as in `apply_slice`.
    unsafe {
        each_block!(S, data, S::T::zero(), |regs| {
            for r in &mut regs {
                *r = super::math::apply_func::<S>(f, *r);
            }
        });
    }
}
