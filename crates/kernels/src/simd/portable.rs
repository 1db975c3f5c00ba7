//! Plain-Rust vectors (arrays) that LLVM vectorizes for the baseline target; the fallback on
//! every CPU and the only path under Miri.

use super::Simd;

/// `N` lanes of `T` in an array; multiply and add are separate (no FMA in the baseline target).
#[derive(Clone, Copy, Debug)]
pub struct Portable<T, const N: usize>(core::marker::PhantomData<T>);

macro_rules! portable_impl {
    ($t:ty, $n:literal) => {
        // SAFETY: plain Rust, no instruction-set requirement; pointer contracts are the trait's.
        unsafe impl Simd for Portable<$t, $n> {
            type T = $t;
            type V = [$t; $n];
            const LANES: usize = $n;
            const REGISTERS: usize = 16;

            #[inline(always)]
            unsafe fn splat_from(p: *const $t) -> [$t; $n] {
                // SAFETY: the caller guarantees `p` is valid for one read.
                [unsafe { *p }; $n]
            }
            #[inline(always)]
            unsafe fn load(p: *const $t) -> [$t; $n] {
                // SAFETY: the caller guarantees `p` is valid for `N` reads; unaligned read.
                unsafe { p.cast::<[$t; $n]>().read_unaligned() }
            }
            #[inline(always)]
            unsafe fn store(p: *mut $t, v: [$t; $n]) {
                // SAFETY: the caller guarantees `p` is valid for `N` writes; unaligned write.
                unsafe { p.cast::<[$t; $n]>().write_unaligned(v) }
            }
            #[inline(always)]
            unsafe fn fma(a: [$t; $n], b: [$t; $n], c: [$t; $n]) -> [$t; $n] {
                let mut r = c;
                for i in 0..$n {
                    r[i] = a[i] * b[i] + c[i];
                }
                r
            }
            #[inline(always)]
            unsafe fn relu(v: [$t; $n]) -> [$t; $n] {
                let mut r = v;
                for x in &mut r {
                    *x = if *x > 0.0 { *x } else { 0.0 };
                }
                r
            }
            #[inline(always)]
            fn fma_scalar(a: $t, b: $t, c: $t) -> $t {
                a * b + c
            }
            #[inline(always)]
            fn prefetch(_p: *const $t) {}
        }
    };
}

portable_impl!(f32, 8);
portable_impl!(f64, 4);

/// The portable vector for `f32`.
pub type PortableF32 = Portable<f32, 8>;
/// The portable vector for `f64`.
pub type PortableF64 = Portable<f64, 4>;
