//! Data formats: which axis of a 3-D tensor holds the channels.

/// The order of the length and channel axes, as Keras's `data_format` argument.
pub trait DataFormat: Copy + Default + Send + Sync + 'static {
    /// The same choice as a value, for kernels that take plain parameters.
    const KIND: DataFormatKind;
    /// Keras's name for it.
    const KERAS_NAME: &'static str;
}

/// `(batch, length, channels)`: Keras's default, `data_format="channels_last"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ChannelsLast;

/// `(batch, channels, length)`: PyTorch's and ONNX's layout, Keras's
/// `data_format="channels_first"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ChannelsFirst;

/// The data format as a run-time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataFormatKind {
    /// `(batch, length, channels)`.
    ChannelsLast,
    /// `(batch, channels, length)`.
    ChannelsFirst,
}

impl DataFormat for ChannelsLast {
    const KIND: DataFormatKind = DataFormatKind::ChannelsLast;
    const KERAS_NAME: &'static str = "channels_last";
}

impl DataFormat for ChannelsFirst {
    const KIND: DataFormatKind = DataFormatKind::ChannelsFirst;
    const KERAS_NAME: &'static str = "channels_first";
}

/// The 3-D shape of a batch of sequences in a data format: `(B, L, C)` for channels-last,
/// [`ChannelsFirstShape<B, C, L>`](crate::ChannelsFirstShape) for channels-first.
pub trait SequenceShape<B, L, C>: DataFormat {
    /// The shape tuple.
    type Output: crate::Shape<Batch = B>;
}
impl<B: crate::Dim, L: crate::StaticDim, C: crate::StaticDim> SequenceShape<B, L, C> for ChannelsLast
where
    L: core::ops::Mul<C>,
    typenum::Prod<L, C>: typenum::Unsigned,
{
    type Output = (B, L, C);
}
impl<B: crate::Dim, L: crate::StaticDim, C: crate::StaticDim> SequenceShape<B, L, C> for ChannelsFirst
where
    C: core::ops::Mul<L>,
    typenum::Prod<C, L>: typenum::Unsigned,
{
    type Output = crate::ChannelsFirstShape<B, C, L>;
}

/// Data in format `Self` meets a layer built for format `Layer`: they must be the same.
///
/// Implemented only when both are the same format. A channels-first tensor
/// ([`ChannelsFirstShape`](crate::ChannelsFirstShape)) entering a channels-last layer (or the
/// reverse) fails here with both formats named.
#[diagnostic::on_unimplemented(
    message = "the input's data format is not the layer's: channels-first data (batch, channels, steps) cannot enter a channels-last layer (batch, steps, channels), nor the reverse",
    label = "this input is `{Self}` data, the layer is built for `{Layer}`",
    note = "Keras does not check this: a layer with the other data_format silently reads (batch, channels, steps) as (batch, steps, channels) and pools or convolves the wrong axis",
    note = "build the layer with the data's format (its last type parameter, `ChannelsFirst` or `ChannelsLast`), or convert the data with `.to_channels_last()` / `.to_channels_first()`; PyTorch-layout data is `shape![batch, channels, steps; ChannelsFirst]`"
)]
///
/// `Data` is the shape of the data, so that the rule can stand in the bounds of impls for each
/// shape.
pub trait FormatsAgree<Layer, Data = ()> {}
impl<F: DataFormat, Data> FormatsAgree<F, Data> for F {}
