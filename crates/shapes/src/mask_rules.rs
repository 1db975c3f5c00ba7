//! Rules of masked sequences: a mask fits its sequence's time steps, and a masked sequence only
//! goes into a layer that can take its mask (Keras's `supports_masking`).

use typenum::{Bit, Eq, IsEqual, B1};

use crate::rules::private::IsTrue;

/// Keras's `layer.supports_masking`, as a type: [`typenum::B1`] for a layer that takes a mask
/// (and passes it on, or uses it, as Keras does), [`typenum::B0`] for one that cannot.
///
/// ```
/// use shaped::layers::{Conv1D, Dense};
/// use shaped::shapes::{mask_rules::SupportsMasking, typenum::Bit, U};
/// assert!(!<<Conv1D<f32, U![1], U![8], U![3]> as SupportsMasking>::Answer as Bit>::BOOL);
/// assert!(<<Dense<f32, U![4], U![2]> as SupportsMasking>::Answer as Bit>::BOOL);
/// ```
pub trait SupportsMasking {
    /// `B1` if the layer takes a mask, `B0` if not.
    type Answer: Bit;
}

/// A masked sequence of shape `Self` may go into the layer `L`: `L`'s [`SupportsMasking`]
/// answer is `B1`.
///
/// Keras lets a masked sequence into a layer that does not support masking and drops the mask
/// there with a warning (measured with Keras 3.15.1: the values go through, computed over the
/// masked steps too, and the mask is gone downstream). In shaped that is a compile error; the
/// user who wants Keras's behaviour says so with `.without_mask()`. (The rule is stated on the
/// shape, not the layer, so that the compiler reads the input's type before it judges.)
#[diagnostic::on_unimplemented(
    message = "this layer does not support masking, but was passed a masked sequence",
    label = "a masked sequence cannot go into this layer",
    note = "the layer is `{L}`",
    note = "Keras warns: \"Layer ... was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.\"",
    note = "call `.without_mask()` on the masked sequence to drop the mask as Keras does (after Masking the masked steps' values are zeros), or use a layer that takes a mask (GlobalAveragePooling1D, Dense, activations, dropouts, normalizations)"
)]
pub trait TakesMask<L> {}
#[diagnostic::do_not_recommend]
impl<B, S, C, L> TakesMask<L> for (B, S, C) where L: SupportsMasking<Answer = B1> {}
#[diagnostic::do_not_recommend]
impl<B, C, S, L> TakesMask<L> for crate::ChannelsFirstShape<B, C, S> where L: SupportsMasking<Answer = B1> {}

/// A mask has as many time steps as the sequence it travels with.
#[diagnostic::on_unimplemented(
    message = "the mask does not fit the sequence: its time steps differ from the sequence's",
    label = "this mask's steps are not the sequence's steps",
    note = "the mask has `{Self}` steps, the sequence `{L}`",
    note = "a mask holds one flag per (sample, time step): shape (batch, steps), the first two axes of its sequence, as Keras's masks",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait MaskStepsMatch<L> {}
#[diagnostic::do_not_recommend]
impl<M, L> MaskStepsMatch<L> for M
where
    M: IsEqual<L>,
    Eq<M, L>: IsTrue,
{
}
