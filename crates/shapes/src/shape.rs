//! Shapes: tuples of dimensions, batch first.

use core::ops::Mul;
use typenum::{Prod, Unsigned};

use crate::{Dim, StaticDim};

/// A tensor shape: a tuple of dimensions whose first entry is the batch.
///
/// `(B, N)` is a batch of vectors (Dense's input), `(B, L, C)` a batch of sequences in Keras's
/// channels-last order, and [`ChannelsFirstShape<B, C, L>`] a batch of sequences in PyTorch's
/// channels-first order, so that data of one layout cannot enter a layer built for the other.
/// The batch may be [`crate::Dyn`]; the other dimensions are type-level numbers.
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
/// A batch of sequences: `(batch, length, channels)`, channels-last.
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

/// A batch of sequences in channels-first order, `(batch, channels, steps)`: PyTorch's and
/// ONNX's layout, Keras's `data_format="channels_first"`.
///
/// Written `shape![batch, channels, steps; ChannelsFirst]`. It is a type of its own, not the tuple
/// `(B, C, L)`, so that channels-first data cannot enter a channels-last layer (which would read
/// the channels as time steps) and channels-last data cannot enter a channels-first one: the
/// compiler names the two layouts that met. `Tensor::to_channels_first` and
/// `Tensor::to_channels_last` convert between them.
///
/// ```
/// use shaped::shapes::{shape, ChannelsFirstShape, Dyn, Shape, U};
/// type Pt = shape![Dyn, 3, 20; ChannelsFirst];
/// let _same: Option<ChannelsFirstShape<Dyn, U![3], U![20]>> = None::<Pt>;
/// assert_eq!(<Pt as Shape>::SAMPLE_DIMS, &[3, 20]);
/// ```
pub struct ChannelsFirstShape<B, C, L>(core::marker::PhantomData<fn() -> (B, C, L)>);

impl<B, C, L> Clone for ChannelsFirstShape<B, C, L> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<B, C, L> Copy for ChannelsFirstShape<B, C, L> {}
impl<B, C, L> Default for ChannelsFirstShape<B, C, L> {
    fn default() -> Self {
        Self(core::marker::PhantomData)
    }
}
impl<B, C, L> core::fmt::Debug for ChannelsFirstShape<B, C, L> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ChannelsFirstShape")
    }
}
impl<B, C, L> PartialEq for ChannelsFirstShape<B, C, L> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<B, C, L> Eq for ChannelsFirstShape<B, C, L> {}

impl<B: Dim, C: StaticDim, L: StaticDim> Shape for ChannelsFirstShape<B, C, L>
where
    C: Mul<L>,
    Prod<C, L>: Unsigned,
{
    type Batch = B;
    type Sample = Prod<C, L>;
    const RANK: usize = 3;
    const SAMPLE_DIMS: &'static [usize] = &[C::USIZE, L::USIZE];
    const SAMPLE_LEN: usize = C::USIZE * L::USIZE;
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

impl<B: Dim, B2: Dim, C: StaticDim, L: StaticDim> WithBatch<B2> for ChannelsFirstShape<B, C, L>
where
    C: Mul<L>,
    Prod<C, L>: Unsigned,
{
    type Output = ChannelsFirstShape<B2, C, L>;
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
