//! Shapes whose last axis holds features: `(B, N)` and `(B, L, C)`.

use core::ops::Mul;
use shaped_shapes::layer_rules::LastAxisIsChannels;
use shaped_shapes::{ChannelsFirstShape, Dim, Shape, StaticDim};
use typenum::{Prod, Unsigned};

/// A shape whose last axis is a feature axis, which a Dense or BatchNormalization layer
/// transforms: `(B, N)` or `(B, L, C)` (Keras applies Dense to the last axis of a 3-D input).
#[diagnostic::on_unimplemented(
    message = "this layer acts on the last axis, which in channels-first data (batch, channels, steps) holds the time steps, not the channels",
    label = "channels-first data: its channels are axis 1",
    note = "Dense and a default BatchNormalization read the last axis as the features (Keras's Dense, BatchNormalization(axis=-1)); for channels-first data use `BatchNormalization<f32, U![channels], ChannelsFirst>` (Keras's axis=1, PyTorch's BatchNorm1d), convert the data with `.to_channels_last()`, or use a `ChannelsFirst` Conv1D with kernel_size 1 as a per-step Dense"
)]
pub trait LastAxis: Shape {
    /// The last axis.
    type Last: StaticDim;
}

/// The shape with its last axis replaced by `U`.
#[diagnostic::on_unimplemented(
    message = "this layer acts on the last axis, which in channels-first data (batch, channels, steps) holds the time steps, not the channels",
    label = "channels-first data: its channels are axis 1",
    note = "Dense and a default BatchNormalization read the last axis as the features (Keras's Dense, BatchNormalization(axis=-1)); for channels-first data use `BatchNormalization<f32, U![channels], ChannelsFirst>` (Keras's axis=1, PyTorch's BatchNorm1d), convert the data with `.to_channels_last()`, or use a `ChannelsFirst` Conv1D with kernel_size 1 as a per-step Dense"
)]
pub trait ReplaceLast<U>: LastAxis {
    /// The new shape.
    type Output: Shape<Batch = Self::Batch>;
}

impl<B: Dim, N: StaticDim> LastAxis for (B, N) {
    type Last = N;
}

impl<B: Dim, N: StaticDim, U: StaticDim> ReplaceLast<U> for (B, N) {
    type Output = (B, U);
}

impl<B: Dim, L: StaticDim, C: StaticDim> LastAxis for (B, L, C)
where
    L: Mul<C>,
    Prod<L, C>: Unsigned,
{
    type Last = C;
}

impl<B: Dim, L: StaticDim, C: StaticDim, U: StaticDim> ReplaceLast<U> for (B, L, C)
where
    L: Mul<C> + Mul<U>,
    Prod<L, C>: Unsigned,
    Prod<L, U>: Unsigned,
{
    type Output = (B, L, U);
}

// Channels-first data has the impls so that the error is `LastAxisIsChannels`'s, which says why
// the last axis is not the channels, rather than "cannot take an input of type ...".
impl<B: Dim, C: StaticDim, L: StaticDim> LastAxis for ChannelsFirstShape<B, C, L>
where
    C: Mul<L>,
    Prod<C, L>: Unsigned,
    ChannelsFirstShape<B, C, L>: LastAxisIsChannels,
    <ChannelsFirstShape<B, C, L> as LastAxisIsChannels>::Last: StaticDim,
{
    // Never resolved (channels-first data does not implement the rule), so that no width rule
    // reports after the layout's.
    type Last = <ChannelsFirstShape<B, C, L> as LastAxisIsChannels>::Last;
}

impl<B: Dim, C: StaticDim, L: StaticDim, U: StaticDim> ReplaceLast<U> for ChannelsFirstShape<B, C, L>
where
    C: Mul<L> + Mul<U>,
    Prod<C, L>: Unsigned,
    Prod<C, U>: Unsigned,
    ChannelsFirstShape<B, C, L>: LastAxisIsChannels,
    <ChannelsFirstShape<B, C, L> as LastAxisIsChannels>::Last: StaticDim,
{
    type Output = ChannelsFirstShape<B, C, U>;
}
