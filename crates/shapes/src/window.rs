//! Output lengths of sliding windows (convolution, pooling) as type-level arithmetic.

use core::ops::{Add, Mul, Sub};
use typenum::{Add1, Prod, Sub1, Sum, Unsigned, B1};

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
/// use shaped_shapes::{Causal, ConvOutLen, Explicit, Same, Valid, U, typenum::Unsigned};
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
