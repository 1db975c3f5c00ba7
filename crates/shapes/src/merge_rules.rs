//! Shape rules of merges (Add, Multiply, Average, Maximum, Minimum, Subtract, Concatenate) over
//! two to eight inputs, one dimension at a time, each naming the input it speaks of.
//!
//! Input 1 is the reference: the rule for input `n` compares it with input 1 and names the
//! dimension that differs (batch, time steps, channels or features), so that no message needs
//! rustc to print a whole shape.

use core::ops::{Add, Mul};
use typenum::{Prod, Sum, Unsigned};

use crate::layer_rules::private::SameDim;
use crate::{Dim, StaticDim};

macro_rules! input_markers {
    ($($name:ident $n:literal),+) => {$(
        #[doc = concat!("The ", $n, " input of a merge, as named in its shape errors.")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name;
    )+};
}
input_markers!(Input2 "second", Input3 "third", Input4 "fourth", Input5 "fifth", Input6 "sixth", Input7 "seventh", Input8 "eighth");

/// Joining along the channel axis: Keras `Concatenate(axis=-1)` (the last axis: channels of
/// `(batch, steps, channels)`, features of `(batch, features)`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChannelAxis;
/// Joining along the time axis: Keras `Concatenate(axis=1)` on `(batch, steps, channels)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeAxis;

/// Input `I` of a merge has as many samples as input 1: both run-time (`Dyn`, compared when the
/// layer runs) or equal static batches.
#[diagnostic::on_unimplemented(
    message = "the merged branches' batch dimensions differ",
    note = "`{I}` has batch `{Self}`, input 1 has `{First}`",
    label = "this merge joins tensors whose batch dimensions are different types",
    note = "Keras raises: \"Inputs have incompatible shapes\"; feed both branches from the same input, or make both batches run-time with `.into_dyn_batch()`"
)]
pub trait BatchesAgree<First, I> {}
#[diagnostic::do_not_recommend]
impl<B: Dim + SameDim<B0>, B0, I> BatchesAgree<B0, I> for B {}

/// Input `I` of a merge has as many time steps as input 1.
#[diagnostic::on_unimplemented(
    message = "the merged branches' lengths differ",
    note = "`{I}` has `{Self}` time steps, input 1 has `{First}`",
    label = "these branches do not have the same number of time steps",
    note = "Keras raises: \"Inputs have incompatible shapes\" (for Concatenate: \"requires inputs with matching shapes except for the concatenation axis\"); a branch that changes the length (padding='valid', strides, pooling) needs the same change on the other branches, or padding='same'",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait LengthsAgree<First, I> {}
#[diagnostic::do_not_recommend]
impl<L: SameDim<L0>, L0, I> LengthsAgree<L0, I> for L {}

/// Input `I` of a merge has as many channels (or features) as input 1.
#[diagnostic::on_unimplemented(
    message = "the merged branches' channels differ",
    note = "`{I}` has `{Self}` channels, input 1 has `{First}`",
    label = "these branches do not have the same number of channels",
    note = "Keras raises: \"Inputs have incompatible shapes\" (for Concatenate along time: \"requires inputs with matching shapes except for the concatenation axis\"); give the branches the same filters, or project one with a 1x1 Conv1D (a projection shortcut)",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait ChannelsAgree<First, I> {}
#[diagnostic::do_not_recommend]
impl<C: SameDim<C0>, C0, I> ChannelsAgree<C0, I> for C {}

/// Input `I` of an elementwise merge (Add, Multiply, Average, Maximum, Minimum, Subtract) has
/// the shape of input 1, checked one dimension at a time.
#[diagnostic::on_unimplemented(
    message = "an input of the merge does not have the rank or the data format of input 1",
    note = "`{I}` has shape `{Self}`, input 1 has `{First}`",
    label = "an elementwise merge takes inputs of one shape and one layout",
    note = "Keras raises: \"Inputs have incompatible shapes\"; a (batch, features) tensor and a (batch, steps, channels) tensor cannot be merged: pool or flatten the sequence first",
    note = "a channels-first tensor (`ChannelsFirstShape`) merges only with channels-first ones: convert one branch with `.to_channels_last()` or `.to_channels_first()`"
)]
pub trait MergesWith<First, I> {}
impl<B, N, B0, N0, I> MergesWith<(B0, N0), I> for (B, N)
where
    B: BatchesAgree<B0, I>,
    N: ChannelsAgree<N0, I>,
{
}
impl<B, L, C, B0, L0, C0, I> MergesWith<(B0, L0, C0), I> for (B, L, C)
where
    B: BatchesAgree<B0, I>,
    L: LengthsAgree<L0, I>,
    C: ChannelsAgree<C0, I>,
{
}
impl<B, C, L, B0, C0, L0, I> MergesWith<crate::ChannelsFirstShape<B0, C0, L0>, I>
    for crate::ChannelsFirstShape<B, C, L>
where
    B: BatchesAgree<B0, I>,
    C: ChannelsAgree<C0, I>,
    L: LengthsAgree<L0, I>,
{
}

/// Input `I` (shape `Other`) can be joined to the inputs before it (shape `Self`) along `Axis`:
/// every other axis agrees. `Output` is the joined shape.
#[diagnostic::on_unimplemented(
    message = "an input of Concatenate cannot be joined to the others along this axis",
    note = "`{I}` has shape `{Other}`, the inputs before it `{Self}`",
    label = "Concatenate joins inputs of one rank along an axis they have",
    note = "Keras raises: \"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis\"; `TimeAxis` (axis=1) needs (batch, steps, channels) inputs"
)]
pub trait ConcatWith<Other, Axis, I> {
    /// The joined shape.
    type Output;
    /// Elements of one input block along the axis, per outer index, for `Other`: the channels
    /// (channel axis) or steps x channels (time axis).
    const OTHER_BLOCK: usize;
    /// The same for `Self`.
    const SELF_BLOCK: usize;
}
impl<B, N, B2, N2, I> ConcatWith<(B2, N2), ChannelAxis, I> for (B, N)
where
    B: Dim,
    B2: BatchesAgree<B, I>,
    N: StaticDim + Add<N2>,
    N2: StaticDim,
    Sum<N, N2>: StaticDim,
{
    type Output = (B, Sum<N, N2>);
    const OTHER_BLOCK: usize = N2::USIZE;
    const SELF_BLOCK: usize = N::USIZE;
}
impl<B, L, C, B2, L2, C2, I> ConcatWith<(B2, L2, C2), ChannelAxis, I> for (B, L, C)
where
    B: Dim,
    B2: BatchesAgree<B, I>,
    L2: LengthsAgree<L, I>,
    L: StaticDim + Mul<Sum<C, C2>>,
    C: StaticDim + Add<C2>,
    C2: StaticDim,
    Sum<C, C2>: StaticDim,
    Prod<L, Sum<C, C2>>: Unsigned,
{
    type Output = (B, L, Sum<C, C2>);
    const OTHER_BLOCK: usize = C2::USIZE;
    const SELF_BLOCK: usize = C::USIZE;
}
impl<B, L, C, B2, L2, C2, I> ConcatWith<(B2, L2, C2), TimeAxis, I> for (B, L, C)
where
    B: Dim,
    B2: BatchesAgree<B, I>,
    C2: ChannelsAgree<C, I>,
    L: StaticDim + Add<L2>,
    L2: StaticDim,
    C: StaticDim,
    Sum<L, L2>: StaticDim + Mul<C>,
    Prod<Sum<L, L2>, C>: Unsigned,
{
    type Output = (B, Sum<L, L2>, C);
    const OTHER_BLOCK: usize = L2::USIZE * C::USIZE;
    const SELF_BLOCK: usize = L::USIZE * C::USIZE;
}

/// Shapes (a tuple of two to eight) that Concatenate joins along `Axis`, input by input.
///
/// Implemented for every tuple whose inputs agree on the other axes; users never implement it.
pub trait ConcatShapes<Axis> {
    /// The joined shape.
    type Output;
    /// Elements of each input's block along the axis (see [`ConcatWith`]), input by input.
    const BLOCKS: &'static [usize];
}

impl<A, S0, S1> ConcatShapes<A> for (S0, S1)
where
    S0: ConcatWith<S1, A, Input2>,
{
    type Output = <S0 as ConcatWith<S1, A, Input2>>::Output;
    const BLOCKS: &'static [usize] =
        &[<S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK, <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK];
}

impl<A, S0, S1, S2> ConcatShapes<A> for (S0, S1, S2)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
{
    type Output = <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output;
    const BLOCKS: &'static [usize] = &[
        <S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK,
        <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK,
        <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK,
    ];
}

impl<A, S0, S1, S2, S3> ConcatShapes<A> for (S0, S1, S2, S3)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
    <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output:
        ConcatWith<S3, A, Input4>,
{
    type Output =
        <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output;
    const BLOCKS: &'static [usize] = &[
        <S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK,
        <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK,
        <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK,
        <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::OTHER_BLOCK,
    ];
}

impl<A, S0, S1, S2, S3, S4> ConcatShapes<A> for (S0, S1, S2, S3, S4)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
    <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output:
        ConcatWith<S3, A, Input4>,
    <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output: ConcatWith<S4, A, Input5>,
{
    type Output =
        <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output as ConcatWith<S4, A, Input5>>::Output;
    const BLOCKS: &'static [usize] = &[
        <S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK,
        <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK,
        <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK,
        <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::OTHER_BLOCK,
        <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output as ConcatWith<S4, A, Input5>>::OTHER_BLOCK,
    ];
}

impl<A, S0, S1, S2, S3, S4, S5> ConcatShapes<A> for (S0, S1, S2, S3, S4, S5)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
    <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output:
        ConcatWith<S3, A, Input4>,
    <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output: ConcatWith<S4, A, Input5>,
    <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output: ConcatWith<S5, A, Input6>,
{
    type Output =
        <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output;
    const BLOCKS: &'static [usize] = &[
        <S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK,
        <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK,
        <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK,
        <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::OTHER_BLOCK,
        <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output as ConcatWith<S4, A, Input5>>::OTHER_BLOCK,
        <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
            S3,
            A,
            Input4,
        >>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::OTHER_BLOCK,
    ];
}

impl<A, S0, S1, S2, S3, S4, S5, S6> ConcatShapes<A> for (S0, S1, S2, S3, S4, S5, S6)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
    <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output:
        ConcatWith<S3, A, Input4>,
    <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output: ConcatWith<S4, A, Input5>,
    <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output: ConcatWith<S5, A, Input6>,
    <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output:
        ConcatWith<S6, A, Input7>,
{
    type Output = <<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<S6, A, Input7>>::Output;
    const BLOCKS: &'static [usize] = &[<S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK, <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK, <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK, <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::OTHER_BLOCK, <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::OTHER_BLOCK, <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::OTHER_BLOCK, <<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<S6, A, Input7>>::OTHER_BLOCK];
}

impl<A, S0, S1, S2, S3, S4, S5, S6, S7> ConcatShapes<A> for (S0, S1, S2, S3, S4, S5, S6, S7)
where
    S0: ConcatWith<S1, A, Input2>,
    <S0 as ConcatWith<S1, A, Input2>>::Output: ConcatWith<S2, A, Input3>,
    <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output:
        ConcatWith<S3, A, Input4>,
    <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output: ConcatWith<S4, A, Input5>,
    <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output: ConcatWith<S5, A, Input6>,
    <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output:
        ConcatWith<S6, A, Input7>,
    <<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<
        S3,
        A,
        Input4,
    >>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<
        S6,
        A,
        Input7,
    >>::Output: ConcatWith<S7, A, Input8>,
{
    type Output = <<<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<S6, A, Input7>>::Output as ConcatWith<S7, A, Input8>>::Output;
    const BLOCKS: &'static [usize] = &[<S0 as ConcatWith<S1, A, Input2>>::SELF_BLOCK, <S0 as ConcatWith<S1, A, Input2>>::OTHER_BLOCK, <<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::OTHER_BLOCK, <<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::OTHER_BLOCK, <<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::OTHER_BLOCK, <<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::OTHER_BLOCK, <<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<S6, A, Input7>>::OTHER_BLOCK, <<<<<<<S0 as ConcatWith<S1, A, Input2>>::Output as ConcatWith<S2, A, Input3>>::Output as ConcatWith<S3, A, Input4>>::Output as ConcatWith<S4, A, Input5>>::Output as ConcatWith<S5, A, Input6>>::Output as ConcatWith<S6, A, Input7>>::Output as ConcatWith<S7, A, Input8>>::OTHER_BLOCK];
}
