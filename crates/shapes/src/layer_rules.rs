//! Shape rules of the layers around Conv1D (Dense, merges, cropping, reshaping), each with a
//! message in Keras's words.

use typenum::{Eq, Gr, GrEq, IsEqual, IsGreater, IsGreaterOrEqual, IsLess, Le, UInt, UTerm};

use crate::rules::private::IsTrue;
use crate::{Dyn, Same, Valid};

/// The input's last axis is the number of features the Dense layer was built for.
#[diagnostic::on_unimplemented(
    message = "Dense expects another number of input features on the last axis than the input has",
    note = "the layer was built for `{In}` input features; the input's last axis has `{Self}`",
    label = "the last axis of this input does not match the Dense kernel",
    note = "Keras raises: \"Input 0 of layer dense is incompatible with the layer: expected axis -1 of input shape to have value ...\"; after Flatten the width is length*channels",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait FeaturesMatch<In> {}
impl<N> FeaturesMatch<N> for N {}

/// The input's last axis is the number of channels a BatchNormalization layer was built for.
#[diagnostic::on_unimplemented(
    message = "BatchNormalization was built for another number of channels than the input's last axis has",
    note = "the layer was built for `{C}` channels; the input's last axis has `{Self}`",
    label = "the last axis of this input is not the layer's channel count",
    note = "Keras raises: \"Input 0 of layer batch_normalization is incompatible with the layer: expected axis -1 of input shape to have value ...\"; build the layer for the channels of the layer before it (BatchNormalization<f32, U![n]>)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait NormalizedChannelsMatch<C> {}
impl<N> NormalizedChannelsMatch<N> for N {}

/// A shape whose last axis holds the channels or features: `(batch, features)` and channels-last
/// `(batch, steps, channels)`; channels-first data does not implement it.
#[diagnostic::on_unimplemented(
    message = "this layer acts on the last axis, which in channels-first data (batch, channels, steps) holds the time steps, not the channels",
    label = "channels-first data: its channels are axis 1",
    note = "Dense and a default BatchNormalization read the last axis as the features (Keras's Dense, BatchNormalization(axis=-1)); for channels-first data use `BatchNormalization<f32, U![channels], ChannelsFirst>` (Keras's axis=1, PyTorch's BatchNorm1d), convert the data with `.to_channels_last()`, or use a `ChannelsFirst` Conv1D with kernel_size 1 as a per-step Dense"
)]
pub trait LastAxisIsChannels {
    /// The last axis.
    type Last;
}
#[diagnostic::do_not_recommend]
impl<B, N> LastAxisIsChannels for (B, N) {
    type Last = N;
}
#[diagnostic::do_not_recommend]
impl<B, L, C> LastAxisIsChannels for (B, L, C) {
    type Last = C;
}

/// Both inputs of a merge (Add, Multiply, Subtract, Average, Maximum) have the same shape.
///
/// Implemented shape by shape (a pair of equal dimensions at a time) rather than as `S: SameShape<S>`,
/// so that the compiler never infers one branch's shape from the other's: a branch that changes the
/// length is reported by this rule, not as a type mismatch deep in the branch.
#[diagnostic::on_unimplemented(
    message = "merging layers need inputs of the same shape",
    note = "the shapes: `{Self}` and `{Other}`",
    label = "these two branches do not produce the same shape",
    note = "Keras raises: \"Inputs have incompatible shapes\"; a branch that changes the length (padding='valid', strides) or the channels needs a matching change on the other branch (padding='same', a 1x1 Conv1D projection)",
    note = "shapes print as (batch, steps, channels) with type-level numbers in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait SameShape<Other> {}
#[diagnostic::do_not_recommend]
impl<B, N, B2, N2> SameShape<(B2, N2)> for (B, N)
where
    B: private::SameDim<B2>,
    N: private::SameDim<N2>,
{
}
#[diagnostic::do_not_recommend]
impl<B, L, C, B2, L2, C2> SameShape<(B2, L2, C2)> for (B, L, C)
where
    B: private::SameDim<B2>,
    L: private::SameDim<L2>,
    C: private::SameDim<C2>,
{
}
#[diagnostic::do_not_recommend]
impl<U, Bit, Other> SameShape<Other> for UInt<U, Bit> where UInt<U, Bit>: private::SameDim<Other> {}
#[diagnostic::do_not_recommend]
impl<Other> SameShape<Other> for UTerm where UTerm: private::SameDim<Other> {}
#[diagnostic::do_not_recommend]
impl SameShape<Dyn> for Dyn {}

#[doc(hidden)]
pub mod private {
    //! **Ignore me!** Branches of the rules, public only because the rules' bounds name them.
    use super::*;

    /// The length left after cropping, `Self - Crop`, computed only when the cropping leaves
    /// steps (`Leaves = B1`): a longer cropping is then the rule's error alone.
    pub trait CroppedIf<Leaves, Crop> {
        /// `Self - Crop`, or 0 when the cropping does not leave a step.
        type Output;
    }
    impl<L, Crop> CroppedIf<typenum::B0, Crop> for L {
        type Output = UTerm;
    }
    impl<L: core::ops::Sub<Crop>, Crop> CroppedIf<typenum::B1, Crop> for L {
        type Output = typenum::Diff<L, Crop>;
    }

    /// Two dimensions are equal: both `Dyn`, or equal type-level numbers.
    pub trait SameDim<Other> {}
    impl SameDim<Dyn> for Dyn {}
    impl<U, Bit, Other> SameDim<Other> for UInt<U, Bit>
    where
        UInt<U, Bit>: IsEqual<Other>,
        Eq<UInt<U, Bit>, Other>: IsTrue,
    {
    }
    impl<Other> SameDim<Other> for UTerm
    where
        UTerm: IsEqual<Other>,
        Eq<UTerm, Other>: IsTrue,
    {
    }
}

/// Two dimensions are equal (used where Concatenate needs the non-joined axes to agree).
#[diagnostic::on_unimplemented(
    message = "Concatenate needs the inputs to agree on every axis except the one joined",
    note = "the shapes: `{Self}` differs from `{Other}`",
    label = "these branches disagree on an axis that is not concatenated",
    note = "Keras raises: \"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis\"",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait DimsAgree<Other> {}
#[diagnostic::do_not_recommend]
impl<A, B> DimsAgree<B> for A
where
    A: IsEqual<B>,
    Eq<A, B>: IsTrue,
{
}

/// Cropping leaves at least one time step.
#[diagnostic::on_unimplemented(
    message = "Cropping1D removes the whole sequence: cropping must be shorter than the length",
    label = "the cropping removes every step of this sequence",
    note = "the sequence has `{Self}` steps, the cropping removes `{Crop}`",
    note = "Keras raises a ValueError when the cropped length is not positive",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait CroppingLeavesSteps<Crop> {
    /// The length left, `Self - Crop`: computed here, behind the rule, so that a cropping
    /// longer than the sequence is this one error and not also a failed subtraction.
    type Output;
}
#[diagnostic::do_not_recommend]
impl<L, Crop> CroppingLeavesSteps<Crop> for L
where
    L: IsGreater<Crop> + private::CroppedIf<Gr<L, Crop>, Crop>,
    Gr<L, Crop>: IsTrue,
{
    type Output = <L as private::CroppedIf<Gr<L, Crop>, Crop>>::Output;
}

/// An up-sampling or repetition factor of at least 1.
#[diagnostic::on_unimplemented(
    message = "UpSampling1D size must be at least 1",
    label = "this size is 0",
    note = "size=0 would return an empty sequence; repeat each step at least once (size=1 is the identity)"
)]
pub trait SizeAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> SizeAtLeastOne for N
where
    N: IsGreaterOrEqual<typenum::U1>,
    GrEq<N, typenum::U1>: IsTrue,
{
}

/// Conv1DTranspose pads with `"valid"` or `"same"` only.
#[diagnostic::on_unimplemented(
    message = "Conv1DTranspose padding must be 'valid' or 'same'",
    label = "this Conv1DTranspose has padding `{Self}`",
    note = "Keras raises: \"The `padding` argument must be a list/tuple or one of {{'same', 'valid'}}\"; a transposed convolution has no causal form: use `Valid` or `Same` (or a causal Conv1D after an UpSampling1D)"
)]
pub trait TransposePadding {}
impl TransposePadding for Valid {}
impl TransposePadding for Same {}

/// Keras's `output_padding=None` for Conv1DTranspose: the output length is inferred from the
/// padding (`length * strides` for `"same"`, `(length - 1) * strides + max(kernel, strides)` for
/// `"valid"`). A number `U![n]` in its place is Keras's `output_padding=n`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Inferred;

/// Conv1DTranspose's `output_padding` is [`Inferred`] or a number strictly less than the
/// strides `S`.
#[diagnostic::on_unimplemented(
    message = "Conv1DTranspose output_padding must be strictly less than strides",
    label = "this output_padding is not below the strides",
    note = "output_padding: `{Self}`, strides: `{S}`",
    note = "Keras raises: \"`output_padding` must be strictly less than `strides` for all dimensions\"; the steps output_padding adds at the end lie within one stride: use 0 to strides-1, or `Inferred` (Keras's output_padding=None)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait OutputPaddingBelowStrides<S> {}
#[diagnostic::do_not_recommend]
impl<S> OutputPaddingBelowStrides<S> for Inferred {}
#[diagnostic::do_not_recommend]
impl<Op, S> OutputPaddingBelowStrides<S> for Op
where
    Op: typenum::Unsigned + IsLess<S>,
    Le<Op, S>: IsTrue,
{
}

/// Keras's Conv1DTranspose refuses `strides > 1` together with `dilation_rate > 1`: one of
/// them is 1.
#[diagnostic::on_unimplemented(
    message = "Conv1DTranspose cannot combine strides > 1 with dilation_rate > 1",
    label = "both the strides and the dilation_rate of this Conv1DTranspose are above 1",
    note = "strides: `{Self}`, dilation_rate: `{D}`",
    note = "Keras raises: \"`strides > 1` not supported in conjunction with `dilation_rate > 1`\"; set one of them to 1. PyTorch's ConvTranspose1d allows both: `Conv1DTranspose::from_pytorch` takes such a layer with PyTorch's definition",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait StridesOrDilationOne<D> {}
#[diagnostic::do_not_recommend]
impl<S, D> StridesOrDilationOne<D> for S
where
    S: IsEqual<typenum::U1>,
    D: IsEqual<typenum::U1>,
    Eq<S, typenum::U1>: core::ops::BitOr<Eq<D, typenum::U1>>,
    typenum::Or<Eq<S, typenum::U1>, Eq<D, typenum::U1>>: IsTrue,
{
}

/// The input's channel count is the one a Conv1DTranspose was built for (its `Cin`).
#[diagnostic::on_unimplemented(
    message = "Conv1DTranspose input is incompatible with the layer: its channel axis does not have the layer's number of input channels",
    label = "this input's channels are not the Conv1DTranspose's input channels",
    note = "this input has `{Self}` channels, the layer was built for `{Cin}`",
    note = "Keras raises: \"Input 0 of layer conv1d_transpose is incompatible with the layer: expected axis -1 of input shape to have value ...\"; the second type parameter of Conv1DTranspose is the input channels (Keras reads them from the input), the third its filters",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait TransposeChannelsMatch<Cin> {}
impl<C> TransposeChannelsMatch<C> for C {}

/// The paddings PyTorch's `ConvTranspose1d` has: `padding=p` is `Explicit<p, p>` (the output
/// loses `p` steps at each end), `padding=0` is `Valid`.
#[diagnostic::on_unimplemented(
    message = "PyTorch's ConvTranspose1d pads with a number of steps: use `Explicit<p, p>` or `Valid`",
    label = "`{Self}` is not a PyTorch ConvTranspose1d padding",
    note = "PyTorch's `padding=p` removes p steps from each end of the full transposed output: `Explicit<U![p], U![p]>`; `padding=0` is `Valid`. Keras's `\"same\"` is Conv1DTranspose::new/from_keras's"
)]
pub trait PyTorchTransposePadding {}
impl PyTorchTransposePadding for Valid {}
impl<Left, Right> PyTorchTransposePadding for crate::Explicit<Left, Right> {}

/// A tuple chains at most twelve layers (`Sequential::new((a, b, ...))`).
#[diagnostic::on_unimplemented(
    message = "a tuple chains at most 12 layers, this one has more",
    label = "this tuple of layers is too long to chain",
    note = "nest tuples, `((a, b, ..., l), (m, n, ...))` (a tuple of layers is itself a layer), or declare the model with `model!`, which has no length limit"
)]
pub trait ChainsAtMostTwelve {}

/// Tokens checked against a vocabulary of `Self` ids fit an Embedding of `input_dim` `Dim`
/// (`Self <= Dim`), so that every id indexes a row of its table.
#[diagnostic::on_unimplemented(
    message = "these tokens were checked against a vocabulary of `{Self}` ids, more than the Embedding's input_dim `{Dim}`",
    label = "an id of these tokens may be past the last row of this Embedding's table",
    note = "Keras raises at the lookup (\"indices[i,j] = id is not in [0, input_dim)\"); build the Embedding with input_dim equal to the vocabulary the tokens were checked against (`Tokens<V, _>` into `Embedding<_, V, _>`)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait TokensFitVocabulary<Dim> {}
#[diagnostic::do_not_recommend]
impl<V, Dim> TokensFitVocabulary<Dim> for V
where
    V: typenum::IsLessOrEqual<Dim>,
    typenum::LeEq<V, Dim>: IsTrue,
{
}

/// A PReLU `alpha` axis fits the input's: the same size, or 1 (shared over that axis).
#[diagnostic::on_unimplemented(
    message = "PReLU alpha has `{Self}` entries on an axis of `{Input}`: it must be the same size or 1 (shared_axes)",
    label = "this PReLU's alpha shape does not fit the input",
    note = "Keras builds alpha with shape input_shape[1:], the shared_axes set to 1: use `PReLU<E, L, C>` for the input's steps and channels, `U![1]` for an axis in shared_axes",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait AlphaAxisFits<Input> {}
#[diagnostic::do_not_recommend]
impl<A, Input> AlphaAxisFits<Input> for A
where
    A: IsEqual<Input> + IsEqual<typenum::U1>,
    Eq<A, Input>: core::ops::BitOr<Eq<A, typenum::U1>>,
    typenum::Or<Eq<A, Input>, Eq<A, typenum::U1>>: IsTrue,
{
}

/// RepeatVector repeats at least once.
#[diagnostic::on_unimplemented(
    message = "RepeatVector n must be a positive integer",
    label = "this n is `{Self}` (`UTerm` is typenum's 0)",
    note = "Keras raises: \"Argument `n` should be a positive integer. Received: n=0\""
)]
pub trait RepeatsAtLeastOnce {}
#[diagnostic::do_not_recommend]
impl<N> RepeatsAtLeastOnce for N
where
    N: IsGreaterOrEqual<typenum::U1>,
    GrEq<N, typenum::U1>: IsTrue,
{
}

/// GroupNormalization's groups divide the channels (and are at least 1).
#[diagnostic::on_unimplemented(
    message = "GroupNormalization groups must divide the number of channels",
    label = "`{Self}` channels cannot be split into `{G}` groups",
    note = "Keras raises: \"Number of groups (...) must be a multiple of the number of channels (...)\" (or \"cannot be more than the number of channels\"); pick groups dividing the channels (groups = channels is instance normalization, Keras's groups=-1)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait NormGroupsDivideChannels<G> {}
#[diagnostic::do_not_recommend]
impl<C, G> NormGroupsDivideChannels<G> for C
where
    G: IsGreaterOrEqual<typenum::U1>,
    GrEq<G, typenum::U1>: IsTrue,
    C: core::ops::Rem<G>,
    typenum::Mod<C, G>: IsEqual<typenum::U0>,
    Eq<typenum::Mod<C, G>, typenum::U0>: IsTrue,
{
}

/// An adaptive pooling's output size is at least 1.
#[diagnostic::on_unimplemented(
    message = "adaptive pooling output_size must be at least 1",
    label = "this output_size is `{Self}` (`UTerm` is typenum's 0)",
    note = "an output of no step has no bins to pool into; AdaptiveAveragePooling1D(output_size=1) is GlobalAveragePooling1D(keepdims=True)"
)]
pub trait OutputSizeAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> OutputSizeAtLeastOne for N
where
    N: IsGreaterOrEqual<typenum::U1>,
    GrEq<N, typenum::U1>: IsTrue,
{
}

/// The input's last axis is the number of features a LayerNormalization or GroupNormalization
/// was built for (its `gamma` and `beta` have one entry per feature).
#[diagnostic::on_unimplemented(
    message = "this normalization layer was built for `{C}` features on the last axis, but the input has `{Self}`",
    label = "the last axis of this input does not match the layer's gamma and beta",
    note = "Keras builds gamma and beta from the first input's last axis and raises \"Input 0 of layer ... is incompatible with the layer: expected axis -1 of input shape to have value ...\" for another width; build the layer with the previous layer's width (an Embedding's output_dim, a Conv1D's filters)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait NormalizedFeaturesMatch<C> {}
impl<N> NormalizedFeaturesMatch<N> for N {}

/// `depth_multiplier` is at least 1: each input channel gets `depth_multiplier` filters in
/// DepthwiseConv1D and SeparableConv1D.
///
/// The message is Keras's own `ValueError`, word for word (measured with Keras 3.15.1:
/// `keras.layers.DepthwiseConv1D(3, depth_multiplier=0)` and
/// `keras.layers.SeparableConv1D(4, 3, depth_multiplier=0)`). A type-level number below 1 can
/// only be 0, so "Received depth_multiplier=0." is always what was received.
#[diagnostic::on_unimplemented(
    message = "Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.",
    label = "depth_multiplier is 0: each input channel would get no filters",
    note = "DepthwiseConv1D and SeparableConv1D convolve each input channel with depth_multiplier filters (Keras's default is 1, `U![1]`); Keras raises this ValueError when the layer is created",
    note = "PyTorch writes the multiplier as out_channels / groups in `nn.Conv1d(C, C * depth_multiplier, K, groups=C)`"
)]
pub trait DepthMultiplierAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> DepthMultiplierAtLeastOne for N
where
    N: IsGreaterOrEqual<typenum::U1>,
    GrEq<N, typenum::U1>: IsTrue,
{
}

/// The input's channel count is the one the DepthwiseConv1D was built for.
#[diagnostic::on_unimplemented(
    message = "DepthwiseConv1D input is incompatible with the layer: its channel axis does not have the layer's number of input channels",
    label = "this input's channels are not the DepthwiseConv1D's input channels",
    note = "this input has `{Self}` channels, the layer was built for `{Cin}` (its second type parameter)",
    note = "Keras raises: \"Input 0 of layer 'depthwise_conv1d' is incompatible with the layer: expected axis -1 of input shape to have value ...\"; build the layer for this many channels, or fix the data",
    note = "with data_format=\"channels_first\" (`ChannelsFirst`, PyTorch's layout) the channel axis is axis 1: `shape![batch, channels, steps; ChannelsFirst]`",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait DepthwiseChannelsMatch<Cin> {}
impl<C> DepthwiseChannelsMatch<C> for C {}

/// The input's channel count is the one the SeparableConv1D was built for.
#[diagnostic::on_unimplemented(
    message = "SeparableConv1D input is incompatible with the layer: its channel axis does not have the layer's number of input channels",
    label = "this input's channels are not the SeparableConv1D's input channels",
    note = "this input has `{Self}` channels, the layer was built for `{Cin}` (its second type parameter)",
    note = "Keras raises: \"Input 0 of layer 'separable_conv1d' is incompatible with the layer: expected axis -1 of input shape to have value ...\"; build the layer for this many channels, or fix the data",
    note = "with data_format=\"channels_first\" (`ChannelsFirst`, PyTorch's layout) the channel axis is axis 1: `shape![batch, channels, steps; ChannelsFirst]`",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait SeparableChannelsMatch<Cin> {}
impl<C> SeparableChannelsMatch<C> for C {}
