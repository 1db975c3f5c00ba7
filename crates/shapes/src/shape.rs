//! Shapes: tuples of dimensions, batch first.

use core::ops::Mul;
use typenum::{Prod, Unsigned};

use crate::{Dim, StaticDim};

/// A tensor shape: a tuple of dimensions whose first entry is the batch.
///
/// `(B, N)` is a batch of vectors (Dense's input), `(B, L, C)` a batch of sequences in Keras's
/// channels-last order (or `(B, C, L)` for a channels-first layer). The batch may be [`crate::Dyn`];
/// the other dimensions are type-level numbers.
pub trait Shape: Copy + Default + Send + Sync + 'static {
    /// The batch dimension.
    type Batch: Dim;
    /// Elements per sample (the product of the non-batch dimensions) as a type-level number.
    type Sample: Unsigned;
    /// Number of axes, the batch included.
    const RANK: usize;
    /// The non-batch dimensions.
    const SAMPLE_DIMS: &'static [usize];
    /// Elements per sample.
    const SAMPLE_LEN: usize;
}

/// A batch of vectors: `(batch, features)`.
pub type Rank2<B, N> = (B, N);
/// A batch of sequences: `(batch, length, channels)` (or `(batch, channels, length)`).
pub type Rank3<B, L, C> = (B, L, C);
/// Elements per sample of a shape, as a type-level number.
pub type SampleCount<S> = <S as Shape>::Sample;

impl<B: Dim, N: StaticDim> Shape for (B, N) {
    type Batch = B;
    type Sample = N;
    const RANK: usize = 2;
    const SAMPLE_DIMS: &'static [usize] = &[N::USIZE];
    const SAMPLE_LEN: usize = N::USIZE;
}

impl<B: Dim, L: StaticDim, C: StaticDim> Shape for (B, L, C)
where
    L: Mul<C>,
    Prod<L, C>: Unsigned,
{
    type Batch = B;
    type Sample = Prod<L, C>;
    const RANK: usize = 3;
    const SAMPLE_DIMS: &'static [usize] = &[L::USIZE, C::USIZE];
    const SAMPLE_LEN: usize = L::USIZE * C::USIZE;
}

/// The same shape with another batch dimension: `(B, L, C)` to `(B2, L, C)`.
///
/// Used to move between a static and a run-time batch.
pub trait WithBatch<B2: Dim>: Shape {
    /// The shape with batch `B2`.
    type Output: Shape<Batch = B2, Sample = Self::Sample>;
}

impl<B: Dim, B2: Dim, N: StaticDim> WithBatch<B2> for (B, N) {
    type Output = (B2, N);
}

impl<B: Dim, B2: Dim, L: StaticDim, C: StaticDim> WithBatch<B2> for (B, L, C)
where
    L: Mul<C>,
    Prod<L, C>: Unsigned,
{
    type Output = (B2, L, C);
}

/// A batch dimension times a per-sample count: static times static is their product,
/// [`crate::Dyn`] times anything stays `Dyn`. Used to merge the batch into another axis.
pub trait BatchTimes<N> {
    /// The merged dimension.
    type Output: Dim;
}

impl<N> BatchTimes<N> for crate::Dyn {
    type Output = crate::Dyn;
}

impl<B: StaticDim, N> BatchTimes<N> for B
where
    B: Mul<N>,
    Prod<B, N>: StaticDim,
{
    type Output = Prod<B, N>;
}
