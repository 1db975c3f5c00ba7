//! Output lengths of sliding windows (convolution, pooling) as type-level arithmetic.

use core::ops::{Add, Mul, Sub};
use typenum::{Add1, Prod, Sub1, Sum, Unsigned, B1};

use crate::pool_rules::PoolFitsValid;
use crate::rules::{KernelFitsPadded, KernelFitsValid, SequenceNotEmpty};
use crate::{Causal, Explicit, Same, Valid};

/// The span a dilated kernel covers: `dilation_rate * (kernel_size - 1) + 1`.
pub type EffectiveKernel<K, D> = Add1<Prod<D, Sub1<K>>>;

/// The output length of a window of `K` taps spaced by `D`, moved by `S`, over `L` steps, for
/// this padding. Implemented by [`Valid`], [`Same`], [`Causal`] and [`Explicit`].
///
/// When the window cannot produce an output, the unsatisfied bound is a rule from
/// [`crate::rules`] that says why in Keras's terms.
pub trait WindowLength<L, K, S, D> {
    /// The output length.
    type Output: Unsigned;
}

/// The output length of a Conv1D with padding `P` over `L` steps: kernel size `K`, strides
/// `S`, dilation rate `D`.
///
/// ```
/// use shaped::shapes::{Causal, ConvOutLen, Explicit, Same, Valid, U, typenum::Unsigned};
/// assert_eq!(<ConvOutLen<Valid, U![16000], U![80], U![4], U![1]> as Unsigned>::USIZE, 3981);
/// assert_eq!(<ConvOutLen<Same, U![25], U![4], U![2], U![1]> as Unsigned>::USIZE, 13);
/// assert_eq!(<ConvOutLen<Causal, U![1024], U![3], U![1], U![4]> as Unsigned>::USIZE, 1024);
/// assert_eq!(<ConvOutLen<Explicit<U![2], U![0]>, U![10], U![3], U![3], U![2]> as Unsigned>::USIZE, 3);
/// ```
pub type ConvOutLen<P, L, K, S, D> = <P as WindowLength<L, K, S, D>>::Output;

impl<L, K, S, D> WindowLength<L, K, S, D> for Valid
where
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    L: KernelFitsValid<EffectiveKernel<K, D>, S>,
{
    type Output = <L as KernelFitsValid<EffectiveKernel<K, D>, S>>::Output;
}

/// `ceil(L / S)`, for a non-empty sequence.
impl<L, K, S, D> WindowLength<L, K, S, D> for Same
where
    L: SequenceNotEmpty<S>,
{
    type Output = <L as SequenceNotEmpty<S>>::Output;
}

/// `ceil(L / S)`, for a non-empty sequence: the left pad makes every step fit.
impl<L, K, S, D> WindowLength<L, K, S, D> for Causal
where
    L: SequenceNotEmpty<S>,
{
    type Output = <L as SequenceNotEmpty<S>>::Output;
}

impl<L, K, S, D, Left, Right> WindowLength<L, K, S, D> for Explicit<Left, Right>
where
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    L: Add<Left>,
    Sum<L, Left>: Add<Right>,
    Sum<Sum<L, Left>, Right>: KernelFitsPadded<EffectiveKernel<K, D>, S>,
{
    type Output = <Sum<Sum<L, Left>, Right> as KernelFitsPadded<EffectiveKernel<K, D>, S>>::Output;
}

/// The output length of a pooling window of `Pool` steps moved by `S` over `L` steps, for this
/// padding. Implemented by [`Valid`], [`Same`] and [`Explicit`].
pub trait PoolLength<L, Pool, S> {
    /// The output length.
    type Output: Unsigned;
}

/// The output length of MaxPooling1D/AveragePooling1D with padding `P` over `L` steps.
///
/// ```
/// use shaped::shapes::{PoolOutLen, Same, Valid, U, typenum::Unsigned};
/// // Keras: MaxPooling1D(pool_size=3, strides=2) on 144 steps -> 71; padding="same" -> 72.
/// assert_eq!(<PoolOutLen<Valid, U![144], U![3], U![2]> as Unsigned>::USIZE, 71);
/// assert_eq!(<PoolOutLen<Same, U![144], U![3], U![2]> as Unsigned>::USIZE, 72);
/// ```
pub type PoolOutLen<P, L, Pool, S> = <P as PoolLength<L, Pool, S>>::Output;

impl<L, Pool, S> PoolLength<L, Pool, S> for Valid
where
    L: PoolFitsValid<Pool, S>,
{
    type Output = <L as PoolFitsValid<Pool, S>>::Output;
}

impl<L, Pool, S> PoolLength<L, Pool, S> for Same
where
    L: SequenceNotEmpty<S>,
{
    type Output = <L as SequenceNotEmpty<S>>::Output;
}

impl<L, Pool, S, Left, Right> PoolLength<L, Pool, S> for Explicit<Left, Right>
where
    L: Add<Left>,
    Sum<L, Left>: Add<Right>,
    Sum<Sum<L, Left>, Right>: PoolFitsValid<Pool, S>,
{
    type Output = <Sum<Sum<L, Left>, Right> as PoolFitsValid<Pool, S>>::Output;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PaddingKind, U};

    /// The output length by the rules of the golden README, computed at run time.
    fn expected(kind: PaddingKind, l: usize, k: usize, s: usize, d: usize) -> usize {
        let (pl, pr) = kind.pads(l, k, s, d);
        let eff = d * (k - 1) + 1;
        (l + pl + pr - eff) / s + 1
    }

    macro_rules! check_lengths {
        ($($l:literal, $k:literal, $s:literal, $d:literal;)+) => {$(
            assert_eq!(
                <ConvOutLen<Valid, U![$l], U![$k], U![$s], U![$d]> as Unsigned>::USIZE,
                expected(PaddingKind::Valid, $l, $k, $s, $d),
                "valid L={} K={} S={} D={}", $l, $k, $s, $d
            );
            assert_eq!(
                <ConvOutLen<Same, U![$l], U![$k], U![$s], U![$d]> as Unsigned>::USIZE,
                expected(PaddingKind::Same, $l, $k, $s, $d),
                "same L={} K={} S={} D={}", $l, $k, $s, $d
            );
            assert_eq!(
                <ConvOutLen<Causal, U![$l], U![$k], U![$s], U![$d]> as Unsigned>::USIZE,
                expected(PaddingKind::Causal, $l, $k, $s, $d),
                "causal L={} K={} S={} D={}", $l, $k, $s, $d
            );
            assert_eq!(
                <ConvOutLen<Explicit<U![2], U![1]>, U![$l], U![$k], U![$s], U![$d]> as Unsigned>::USIZE,
                expected(PaddingKind::Explicit { left: 2, right: 1 }, $l, $k, $s, $d),
                "explicit(2, 1) L={} K={} S={} D={}", $l, $k, $s, $d
            );
        )+};
    }

    #[test]
    fn type_level_lengths_match_the_padding_rules() {
        check_lengths! {
            20, 3, 1, 1;
            10, 5, 1, 1;
            25, 4, 2, 1;
            32, 3, 2, 1;
            33, 3, 2, 1;
            31, 5, 4, 1;
            37, 1, 2, 1;
            9, 9, 1, 1;
            1024, 3, 1, 4;
            1024, 7, 1, 1;
            16000, 80, 4, 1;
            12345, 7, 3, 2;
            1048576, 3, 2, 1;
        }
    }

    #[test]
    fn same_and_causal_accept_a_kernel_longer_than_the_sequence() {
        assert_eq!(<ConvOutLen<Same, U![5], U![7], U![1], U![1]> as Unsigned>::USIZE, 5);
        assert_eq!(<ConvOutLen<Causal, U![5], U![7], U![2], U![3]> as Unsigned>::USIZE, 3);
    }

    #[test]
    fn two_paths_to_the_same_length_are_the_same_type() {
        // Two valid convolutions of kernel 3 shorten by 4, as one of kernel 5 does.
        type Twice = ConvOutLen<Valid, ConvOutLen<Valid, U![100], U![3], U![1], U![1]>, U![3], U![1], U![1]>;
        type Once = ConvOutLen<Valid, U![100], U![5], U![1], U![1]>;
        let same_type: fn(Twice) -> Once = |x| x;
        let _ = same_type;
        // ... and a dilated kernel of 3 with rate 2 also covers 5 steps.
        let _: fn(Once) -> ConvOutLen<Valid, U![100], U![3], U![1], U![2]> = |x| x;
    }
}
