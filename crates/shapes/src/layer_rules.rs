//! Shape rules of the layers around Conv1D (Dense, merges, cropping, reshaping), each with a
//! message in Keras's words.

use typenum::{Eq, Gr, GrEq, IsEqual, IsGreater, IsGreaterOrEqual};

use crate::rules::private::IsTrue;

/// The input's last axis is the number of features the Dense layer was built for.
#[diagnostic::on_unimplemented(
    message = "Dense expects `{In}` input features on the last axis, but the input has `{Self}`",
    label = "the last axis of this input does not match the Dense kernel",
    note = "Keras raises: \"Input 0 of layer dense is incompatible with the layer: expected axis -1 of input shape to have value ...\"; after Flatten the width is length*channels",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait FeaturesMatch<In> {}
impl<N> FeaturesMatch<N> for N {}

/// Both inputs of a merge (Add, Multiply, Subtract, Average, Maximum) have the same shape.
#[diagnostic::on_unimplemented(
    message = "merging layers need inputs of the same shape: got `{Self}` and `{Other}`",
    label = "these two branches do not produce the same shape",
    note = "Keras raises: \"Inputs have incompatible shapes\"; a branch that changes the length (padding='valid', strides) or the channels needs a matching change on the other branch (padding='same', a 1x1 Conv1D projection)"
)]
pub trait SameShape<Other> {}
impl<S> SameShape<S> for S {}

/// Two dimensions are equal (used where Concatenate needs the non-joined axes to agree).
#[diagnostic::on_unimplemented(
    message = "Concatenate needs the inputs to agree on every axis except the one joined: `{Self}` differs from `{Other}`",
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
    label = "the sequence has `{Self}` steps, the cropping removes `{Crop}`",
    note = "Keras raises a ValueError when the cropped length is not positive",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait CroppingLeavesSteps<Crop> {}
#[diagnostic::do_not_recommend]
impl<L, Crop> CroppingLeavesSteps<Crop> for L
where
    L: IsGreater<Crop>,
    Gr<L, Crop>: IsTrue,
{
}

/// An up-sampling or repetition factor of at least 1.
#[diagnostic::on_unimplemented(message = "UpSampling1D size must be at least 1", label = "this size is 0")]
pub trait SizeAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> SizeAtLeastOne for N
where
    N: IsGreaterOrEqual<typenum::U1>,
    GrEq<N, typenum::U1>: IsTrue,
{
}
