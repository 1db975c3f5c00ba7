//! The shape rules, one trait each, named as sentences.
//!
//! When a rule does not hold, the compiler reports the rule's trait with a message in Keras's
//! words (through `#[diagnostic::on_unimplemented]`), instead of the typenum comparison behind
//! it (hidden with `#[diagnostic::do_not_recommend]`). Type-level numbers in these messages print
//! in typenum's binary form, most significant bit first: `UInt<UInt<UInt<UTerm, B1>, B0>, B1>`
//! is 0b101 = 5.
//!
//! The rules are implemented for every type that satisfies them; users never implement them.

use core::ops::{Add, Div, Rem, Sub};
use typenum::{Add1, Diff, GrEq, IsGreaterOrEqual, Quot, Sub1, Sum, UInt, UTerm, Unsigned, B0, B1, U0, U1};

#[doc(hidden)]
pub mod private {
    //! **Ignore me!** Branches of the rules, public only because the rules' bounds name them.
    use super::*;

    /// Output length of a valid window that fits: `(L - eff) / S + 1`; only for `Fits = B1`.
    pub trait ValidLenIf<Fits, Eff, S> {
        /// The output length.
        type Output: Unsigned;
    }
    impl<L, Eff, S> ValidLenIf<B1, Eff, S> for L
    where
        L: Sub<Eff>,
        Diff<L, Eff>: FloorDiv<S>,
        <Diff<L, Eff> as FloorDiv<S>>::Output: Add<B1>,
        Add1<<Diff<L, Eff> as FloorDiv<S>>::Output>: Unsigned,
    {
        type Output = Add1<<Diff<L, Eff> as FloorDiv<S>>::Output>;
    }

    /// `floor(Self / S)` for a stride `S >= 1`: by dropping bits for each factor of two of `S`
    /// (strides 1, 2, 4, 8: no division at all), by typenum's long division for the odd rest.
    ///
    /// The same number as `typenum::Quot`, computed so that rust-analyzer's trait solver, whose
    /// depth is limited, can follow it: typenum's division of a 10-bit length is beyond it, so
    /// the editor showed every valid-padding output as `{unknown}`.
    pub trait FloorDiv<S> {
        /// The quotient.
        type Output: Unsigned;
    }
    impl<N: Unsigned> FloorDiv<UInt<UTerm, B1>> for N {
        type Output = N;
    }
    impl<N, Sh> FloorDiv<UInt<Sh, B0>> for N
    where
        N: Half,
        <N as Half>::Output: FloorDiv<Sh>,
    {
        type Output = <<N as Half>::Output as FloorDiv<Sh>>::Output;
    }
    impl<N, U, B> FloorDiv<UInt<UInt<U, B>, B1>> for N
    where
        N: Div<UInt<UInt<U, B>, B1>>,
        Quot<N, UInt<UInt<U, B>, B1>>: Unsigned,
    {
        type Output = Quot<N, UInt<UInt<U, B>, B1>>;
    }

    /// `floor(Self / 2)`: the number without its lowest bit.
    pub trait Half {
        /// The halved number.
        type Output;
    }
    impl Half for UTerm {
        type Output = UTerm;
    }
    impl<U, B> Half for UInt<U, B> {
        type Output = U;
    }

    /// Holds when the type-level boolean is `B1`.
    pub trait IsTrue {}
    impl IsTrue for B1 {}

    /// `groups` (`Self`) divides `N`. Holds vacuously for 0 (reported by [`super::AtLeastOne`]
    /// instead) and for 1, so that a bad channel count or a zero `groups` gives one error.
    pub trait GroupsDivide<N> {}
    impl<N> GroupsDivide<N> for UTerm {}
    impl<N> GroupsDivide<N> for UInt<UTerm, B1> {}
    impl<N, U, B, B2> GroupsDivide<N> for UInt<UInt<U, B2>, B> where N: Rem<UInt<UInt<U, B2>, B>, Output = U0> {}
}
use private::{GroupsDivide, IsTrue, ValidLenIf};

/// The kernel fits in the sequence without padding: `length >= dilation_rate*(kernel_size-1)+1`.
#[diagnostic::on_unimplemented(
    message = "Conv1D kernel_size does not fit the sequence length with padding='valid'",
    label = "the kernel spans more steps than the sequence has",
    note = "the kernel spans dilation_rate*(kernel_size-1)+1 = `{Eff}` steps, the sequence has `{Self}`",
    note = "Keras raises a ValueError here (negative output dimension); fix it with a smaller kernel_size or dilation_rate, padding='same' or 'causal', or longer sequences (pad_sequences)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait KernelFitsValid<Eff, S> {
    /// The output length `floor((length - eff) / strides) + 1`.
    type Output: Unsigned;
}
#[diagnostic::do_not_recommend]
impl<L, Eff, S> KernelFitsValid<Eff, S> for L
where
    L: IsGreaterOrEqual<Eff>,
    L: ValidLenIf<GrEq<L, Eff>, Eff, S>,
{
    type Output = <L as ValidLenIf<GrEq<L, Eff>, Eff, S>>::Output;
}

/// The kernel fits in the explicitly padded sequence: `left + length + right >= eff`.
#[diagnostic::on_unimplemented(
    message = "Conv1D kernel_size does not fit the sequence length plus its explicit padding",
    label = "the kernel spans more steps than the padded sequence has",
    note = "the kernel spans dilation_rate*(kernel_size-1)+1 = `{Eff}` steps, the padded sequence has `{Self}`",
    note = "use more padding, a smaller kernel_size or dilation_rate, or longer sequences",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait KernelFitsPadded<Eff, S> {
    /// The output length `floor((padded - eff) / strides) + 1`.
    type Output: Unsigned;
}
#[diagnostic::do_not_recommend]
impl<L, Eff, S> KernelFitsPadded<Eff, S> for L
where
    L: IsGreaterOrEqual<Eff>,
    L: ValidLenIf<GrEq<L, Eff>, Eff, S>,
{
    type Output = <L as ValidLenIf<GrEq<L, Eff>, Eff, S>>::Output;
}

/// The sequence has at least one step, so `padding="same"`/`"causal"` produce `ceil(L/S)`
/// outputs.
#[diagnostic::on_unimplemented(
    message = "got a sequence of length 0: with padding='same' or 'causal' the output would be empty",
    label = "this sequence has no time steps",
    note = "Keras raises a ValueError for an empty output (Conv1D, MaxPooling1D, AveragePooling1D); give the layer at least one time step"
)]
pub trait SequenceNotEmpty<S> {
    /// `ceil(length / strides)`.
    type Output: Unsigned;
}
#[diagnostic::do_not_recommend]
impl<L, S> SequenceNotEmpty<S> for L
where
    L: IsGreaterOrEqual<U1>,
    GrEq<L, U1>: IsTrue,
    L: Add<S>,
    Sum<L, S>: Sub<B1>,
    Sub1<Sum<L, S>>: private::FloorDiv<S>,
{
    type Output = <Sub1<Sum<L, S>> as private::FloorDiv<S>>::Output;
}

/// A count that must be at least 1 (kernel_size, strides, dilation_rate, groups, filters).
#[diagnostic::on_unimplemented(
    message = "Conv1D arguments filters, kernel_size, strides, dilation_rate and groups must be at least 1",
    label = "an argument of this layer is 0, not a number of at least 1",
    note = "Keras raises: \"Invalid value for argument `filters`. Expected a strictly positive value\" (likewise for kernel_size, strides, dilation_rate and groups)",
    note = "the `required by this bound` note below names the type parameter: F = filters, K = kernel_size, S = strides, D = dilation_rate, G = groups"
)]
pub trait AtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> AtLeastOne for N
where
    N: IsGreaterOrEqual<U1>,
    GrEq<N, U1>: IsTrue,
{
}

// A padding in a number's slot (`Same` where strides go) is reported by `StaticDim` ("expected
// a number known at compile time"); `AtLeastOne` holds for the padding markers so that the
// mistake is that one error, not a second one saying that an argument is 0. They are not
// recommended: a zero argument's error does not list them as types that would do.
#[diagnostic::do_not_recommend]
impl AtLeastOne for crate::Valid {}
#[diagnostic::do_not_recommend]
impl AtLeastOne for crate::Same {}
#[diagnostic::do_not_recommend]
impl AtLeastOne for crate::Causal {}
#[diagnostic::do_not_recommend]
impl<Left, Right> AtLeastOne for crate::Explicit<Left, Right> {}

/// `groups` divides the number of input channels.
#[diagnostic::on_unimplemented(
    message = "Conv1D groups must divide the number of input channels",
    label = "the input channels are not a multiple of groups",
    note = "input channels: `{Self}`, groups: `{G}`",
    note = "Keras raises: \"The number of input channels must be evenly divisible by the number of groups\"; choose groups that divide the channels",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait GroupsDivideChannels<G> {}
#[diagnostic::do_not_recommend]
impl<C, G> GroupsDivideChannels<G> for C where G: GroupsDivide<C> {}

/// `groups` divides `filters`.
#[diagnostic::on_unimplemented(
    message = "Conv1D groups must divide filters",
    label = "filters are not a multiple of groups",
    note = "filters: `{Self}`, groups: `{G}`",
    note = "Keras raises: \"The number of filters must be evenly divisible by the number of groups\"; choose filters that are a multiple of groups",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait GroupsDivideFilters<G> {}
#[diagnostic::do_not_recommend]
impl<F, G> GroupsDivideFilters<G> for F where G: GroupsDivide<F> {}

/// A reshape keeps the number of elements per sample.
#[diagnostic::on_unimplemented(
    message = "cannot reshape: the new shape holds a different number of elements per sample",
    label = "a sample of the new shape holds another number of elements",
    note = "a sample of the new shape holds `{N}` elements, the tensor's samples hold `{Self}`",
    note = "Keras raises: \"total size of new array must be unchanged\"; the product of the non-batch dimensions must stay the same",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait SameElementCount<N> {}
#[diagnostic::do_not_recommend]
impl<M, N> SameElementCount<N> for M
where
    M: typenum::IsEqual<N>,
    typenum::Eq<M, N>: IsTrue,
{
}

/// The input is a 3-D batch of sequences in the layer's data format.
#[diagnostic::on_unimplemented(
    message = "Conv1D and pooling layers expect a 3-D input (batch, steps, channels): expected min_ndim=3",
    label = "this tensor is not a batch of sequences with a channel axis",
    note = "the batch comes first in `shape![..]`: Keras's Input(shape=(20, 1)) is `shape![Dyn, 20, 1]`, while `shape![20, 1]` is a batch of 20 samples of 1 feature",
    note = "Keras silently adds a missing channel axis (or drops a unit one), or raises \"expected min_ndim=3, found ndim=2\"; here the rank is checked: a univariate series of shape (batch, steps) needs `.add_channel_axis()` to become (batch, steps, 1), and flattened channels need `.reshape()` back to (batch, steps, channels)",
    note = "a (batch, features) tensor, as Flatten, Dense and global pooling return, has no time axis left: put Conv1D, MaxPooling1D, AveragePooling1D and GlobalAveragePooling1D/GlobalMaxPooling1D before it",
    note = "with data_format=\"channels_first\" (`ChannelsFirst`) the input is (batch, channels, steps), written `shape![batch, channels, steps; ChannelsFirst]`"
)]
pub trait SequenceBatch<Fmt>: crate::Shape {
    /// Time steps.
    type Len: crate::StaticDim;
    /// Channels.
    type Channels: crate::StaticDim;
}
#[diagnostic::do_not_recommend]
impl<B: crate::Dim, L: crate::StaticDim, C: crate::StaticDim> SequenceBatch<crate::ChannelsLast> for (B, L, C)
where
    (B, L, C): crate::Shape,
{
    type Len = L;
    type Channels = C;
}
#[diagnostic::do_not_recommend]
impl<B: crate::Dim, C: crate::StaticDim, L: crate::StaticDim> SequenceBatch<crate::ChannelsFirst>
    for crate::ChannelsFirstShape<B, C, L>
where
    crate::ChannelsFirstShape<B, C, L>: crate::Shape,
{
    type Len = L;
    type Channels = C;
}
// Data of one layout meeting a layer of the other: these impls exist so that the error is
// `FormatsAgree`'s, which names both formats, rather than this trait's "expect a 3-D input".
impl<B: crate::Dim, L: crate::StaticDim, C: crate::StaticDim> SequenceBatch<crate::ChannelsFirst>
    for (B, L, C)
where
    (B, L, C): crate::Shape,
    crate::ChannelsLast: crate::FormatsAgree<crate::ChannelsFirst, (B, L, C)>,
{
    type Len = L;
    type Channels = C;
}
impl<B: crate::Dim, C: crate::StaticDim, L: crate::StaticDim> SequenceBatch<crate::ChannelsLast>
    for crate::ChannelsFirstShape<B, C, L>
where
    crate::ChannelsFirstShape<B, C, L>: crate::Shape,
    crate::ChannelsFirst: crate::FormatsAgree<crate::ChannelsLast, crate::ChannelsFirstShape<B, C, L>>,
{
    type Len = L;
    type Channels = C;
}

/// The input's channel count is the one the layer was built for.
#[diagnostic::on_unimplemented(
    message = "Conv1D input is incompatible with the layer: its channel axis does not have the layer's number of input channels",
    label = "this input's channels are not the layer's input channels",
    note = "this input has `{Self}` channels, the layer was built for `{Cin}`",
    note = "Keras raises: \"Input 0 of layer conv1d is incompatible with the layer: expected axis -1 of input shape to have value ...\"; build the layer for this many channels, or fix the data",
    note = "PyTorch-layout data is `shape![batch, channels, steps; ChannelsFirst]`: it goes through `.to_channels_last()` or into a `ChannelsFirst` layer; with data_format=\"channels_first\" the channel axis is axis 1",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait ChannelsMatch<Cin> {}
impl<C> ChannelsMatch<C> for C {}
