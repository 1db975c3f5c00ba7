//! Plain-Rust vectors (arrays) that LLVM vectorizes for the baseline target; the fallback on
//! every CPU and the only path under Miri.

use super::Simd;

/// `N` lanes of `T` in an array; multiply and add are separate (no FMA in the baseline target).
#[derive(Clone, Copy, Debug)]
pub struct Portable<T, const N: usize>(core::marker::PhantomData<T>);

/// Applies `f` lane by lane.
macro_rules! lanes {
    ($n:literal, |$i:ident| $e:expr) => {
        core::array::from_fn::<_, $n, _>(|$i| $e)
    };
}

macro_rules! portable_impl {
    ($t:ty, $n:literal, $bits:ty, $magic:literal, $bias:literal, $shift:literal) => {
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
                    *x = if 0.0 > *x { 0.0 } else { *x };
                }
                r
            }

            type M = [bool; $n];
            #[inline(always)]
            unsafe fn splat(x: $t) -> [$t; $n] {
                [x; $n]
            }
            #[inline(always)]
            unsafe fn add(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| a[i] + b[i])
            }
            #[inline(always)]
            unsafe fn sub(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| a[i] - b[i])
            }
            #[inline(always)]
            unsafe fn mul(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| a[i] * b[i])
            }
            #[inline(always)]
            unsafe fn div(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| a[i] / b[i])
            }
            #[inline(always)]
            unsafe fn max(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| if a[i] > b[i] { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn min(a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| if a[i] < b[i] { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn abs(a: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| a[i].abs())
            }
            #[inline(always)]
            unsafe fn copysign(mag: [$t; $n], sign: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| mag[i].copysign(sign[i]))
            }
            #[inline(always)]
            unsafe fn pow2i(n: [$t; $n]) -> [$t; $n] {
                // `n + magic` holds `n` in its low mantissa bits; adding the exponent bias and
                // shifting it into the exponent field drops the magic number's own bits.
                lanes!($n, |i| <$t>::from_bits(((n[i] + $magic).to_bits().wrapping_add($bias)) << $shift))
            }
            #[inline(always)]
            unsafe fn lt(a: [$t; $n], b: [$t; $n]) -> [bool; $n] {
                lanes!($n, |i| a[i] < b[i])
            }
            #[inline(always)]
            unsafe fn is_nan(a: [$t; $n]) -> [bool; $n] {
                lanes!($n, |i| a[i].is_nan())
            }
            #[inline(always)]
            unsafe fn select(m: [bool; $n], a: [$t; $n], b: [$t; $n]) -> [$t; $n] {
                lanes!($n, |i| if m[i] { a[i] } else { b[i] })
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

portable_impl!(f32, 8, u32, 12_582_912.0, 127, 23);
portable_impl!(f64, 4, u64, 6_755_399_441_055_744.0, 1023, 52);

/// The portable vector for `f32`.
pub type PortableF32 = Portable<f32, 8>;
/// The portable vector for `f64`.
pub type PortableF64 = Portable<f64, 4>;
