//! Dimensions: type-level numbers and the run-time batch marker.

use typenum::{UInt, UTerm, Unsigned};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Dyn {}
    impl Sealed for typenum::UTerm {}
    impl<U, B> Sealed for typenum::UInt<U, B> {}
}

/// A dimension of a shape: a type-level number or [`Dyn`].
///
/// Sealed: the implementations are typenum's unsigned numbers and [`Dyn`].
pub trait Dim: sealed::Sealed + Copy + Default + Send + Sync + 'static {
    /// The size when it is known from the type, `None` for [`Dyn`].
    const STATIC: Option<usize>;
}

/// A dimension whose size is part of the type (every typenum unsigned number).
#[diagnostic::on_unimplemented(
    message = "expected a number known at compile time, written `U![n]`",
    label = "`{Self}` is not a type-level number",
    note = "only a tensor's batch may be `Dyn` (Keras's None); steps, channels and layer arguments such as in_channels or kernel_size are numbers, one per argument (a Conv1D kernel is 1-D)",
    note = "Conv1D's type parameters are, in order: element, in_channels, filters, kernel_size, strides, padding, dilation_rate, groups, data_format; the padding (`Valid`, `Same`, `Causal`) comes after strides: `Conv1D<f32, U![1], U![8], U![3], U![1], Same>`",
    note = "a bare number is not a type here: write `U![32]`, not `32`"
)]
pub trait StaticDim: Dim + Unsigned {}

/// A batch size known only at run time.
///
/// Real data ends in a partial batch, so a tensor's batch can be `Dyn`: the tensor stores its
/// batch size, and every operation accepts both a `Dyn` and a static batch.
///
/// ```
/// use shaped::shapes::{Dim, Dyn, U};
/// assert_eq!(<Dyn as Dim>::STATIC, None);
/// assert_eq!(<U![32] as Dim>::STATIC, Some(32));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dyn;

impl Dim for Dyn {
    const STATIC: Option<usize> = None;
}

impl Dim for UTerm {
    const STATIC: Option<usize> = Some(0);
}
#[diagnostic::do_not_recommend]
impl StaticDim for UTerm {}

impl<U: Unsigned + Default + Copy + Send + Sync + 'static, B: Copy + Default + Send + Sync + 'static> Dim
    for UInt<U, B>
where
    UInt<U, B>: Unsigned,
{
    const STATIC: Option<usize> = Some(<UInt<U, B> as Unsigned>::USIZE);
}
#[diagnostic::do_not_recommend]
impl<U, B> StaticDim for UInt<U, B> where UInt<U, B>: Dim + Unsigned {}
