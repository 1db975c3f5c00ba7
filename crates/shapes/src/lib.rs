//! Type-level dimensions and shape arithmetic for `shaped`.
//!
//! A tensor's shape is a tuple of dimension types, batch first: `(B, L, C)` in Keras's
//! channels-last order. The batch `B` is either a type-level number or [`Dyn`] (known only at run
//! time, because real data ends in a partial batch); every other dimension is a type-level
//! number.
//!
//! # How a number becomes a type
//!
//! Type-level numbers are [typenum] unsigned integers, a binary list of bits
//! (`UInt<UInt<UTerm, B1>, B0>` is 2). typenum's own const bridge `typenum::U<N>` stops at 1024,
//! so [`U!`] turns any integer literal into its typenum type with a procedural macro:
//!
//! ```
//! use shaped::shapes::{U, typenum::Unsigned};
//! assert_eq!(<U![16000] as Unsigned>::USIZE, 16000);
//! assert_eq!(<U![1_048_576] as Unsigned>::USIZE, 1 << 20);
//! ```
//!
//! [`shape!`] writes a whole shape: `shape![Dyn, 20, 1]` is `(Dyn, U![20], U![1])`.
//!
//! # How lengths are computed
//!
//! Shape arithmetic is typenum arithmetic, evaluated by the trait solver on stable Rust. Because
//! typenum numbers are canonical, two paths that compute the same length give the same type.
//! A Conv1D's output length is [`ConvOutLen`], which dispatches on the padding marker
//! ([`Valid`], [`Same`], [`Causal`], [`Explicit`]); when the kernel cannot fit, the bound that
//! fails is one of the rule traits in [`rules`], whose message says what is wrong in Keras's
//! words.
//!
//! ```
//! use shaped::shapes::{ConvOutLen, Same, Valid, U, typenum::Unsigned};
//! // Keras: Conv1D(32, 3) on length 20 -> 18; padding="same", strides=2 -> ceil(20/2) = 10.
//! assert_eq!(<ConvOutLen<Valid, U![20], U![3], U![1], U![1]> as Unsigned>::USIZE, 18);
//! assert_eq!(<ConvOutLen<Same, U![20], U![3], U![2], U![1]> as Unsigned>::USIZE, 10);
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod dim;
pub mod layer_rules;
mod layout;
pub mod mask_rules;
pub mod merge_rules;
mod padding;
pub mod pool_rules;
pub mod rules;
mod shape;
mod window;

pub use dim::{Dim, Dyn, StaticDim};
pub use layer_rules::Inferred;
pub use layout::{ChannelsFirst, ChannelsLast, DataFormat, DataFormatKind, FormatsAgree, SequenceShape};
pub use padding::{Causal, Explicit, Padding, PaddingKind, Same, Valid};
pub use shape::{BatchTimes, ChannelsFirstShape, Rank2, Rank3, SampleCount, Shape, WithBatch};
pub use window::{ConvOutLen, EffectiveKernel, PoolLength, PoolOutLen, WindowLength};

/// typenum, re-exported so that macro expansions and users name the same crate.
pub use typenum;

#[doc(hidden)]
pub use shaped_macros::__typenum_number;

/// A type-level unsigned number written as a literal: `U![16000]`.
///
/// Expands to typenum's binary representation, for any value up to `u64::MAX`; `U![0]` is
/// `UTerm`. Use it wherever a dimension or a layer argument is a type:
///
/// ```
/// use shaped::shapes::{U, typenum::{Unsigned, U20}};
/// let _: U![20] = U20::new(); // the same type as typenum's alias
/// assert_eq!(<U![12345] as Unsigned>::USIZE, 12345);
/// ```
///
/// Anything but an unsigned integer literal is rejected:
///
/// ```compile_fail
/// use shaped::shapes::U;
/// type Negative = U![-3];
/// ```
#[macro_export]
macro_rules! U {
    ($n:literal) => {
        $crate::__typenum_number!($crate::typenum; $n)
    };
}

/// A shape tuple written with plain numbers: `shape![Dyn, 20, 1]` is `(Dyn, U![20], U![1])`.
///
/// Each entry is an integer literal (made a type with [`U!`]) or a type name: [`Dyn`], a typenum
/// alias such as `U20`, or a generic parameter. The batch comes first: Keras's
/// `Input(shape=(20, 1))` is `shape![Dyn, 20, 1]`.
///
/// Sequences are channels-last, `(batch, steps, channels)`, as in Keras. PyTorch-layout data is
/// written with its format, `shape![batch, channels, steps; ChannelsFirst]`, which is the type
/// [`ChannelsFirstShape`]: a layer built for the other layout does not accept it.
///
/// ```
/// use shaped::shapes::{shape, Dyn, Shape, U};
/// type Seed = shape![100, 20, 1];
/// assert_eq!(<Seed as Shape>::SAMPLE_DIMS, &[20, 1]);
/// let _same: Option<(U![100], U![20], U![1])> = None::<Seed>;
/// type Batched = shape![Dyn, 16000, 1];
/// assert_eq!(<Batched as Shape>::SAMPLE_LEN, 16000);
/// type Pytorch = shape![Dyn, 1, 16000; ChannelsFirst];
/// assert_eq!(<Pytorch as Shape>::SAMPLE_DIMS, &[1, 16000]);
/// ```
#[macro_export]
macro_rules! shape {
    ($b:tt $(,)?) => {
        // An error type: the message is reported once, and nothing that uses the shape reports again.
        $crate::typenum::U<{ ::core::compile_error!("shape![..] needs the batch and 1 or 2 more dimensions: shape![batch, features] or shape![batch, steps, channels]") }>
    };
    ($b:tt, $l:tt, $c:tt, $($rest:tt),+ $(,)?) => {
        $crate::typenum::U<{ ::core::compile_error!("shape![..] has at most 3 dimensions, batch first: shape![batch, steps, channels] for Conv1D (Keras's Input(shape=(steps, channels)) does not include the batch)") }>
    };
    ($b:tt, $c:tt, $l:tt ; ChannelsFirst $(,)?) => {
        $crate::ChannelsFirstShape<$crate::__shape_dim!($b), $crate::__shape_dim!($c), $crate::__shape_dim!($l)>
    };
    ($b:tt, $l:tt, $c:tt ; ChannelsLast $(,)?) => {
        ( $crate::__shape_dim!($b), $crate::__shape_dim!($l), $crate::__shape_dim!($c), )
    };
    ($($d:tt),+ ; $($fmt:tt)*) => {
        $crate::typenum::U<{ ::core::compile_error!("shape![..; format] takes 3 dimensions and a data format: shape![batch, channels, steps; ChannelsFirst] (PyTorch's layout) or shape![batch, steps, channels; ChannelsLast] (the default, the same as shape![batch, steps, channels])") }>
    };
    ($($d:tt),+ $(,)?) => {
        ( $( $crate::__shape_dim!($d), )+ )
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __shape_dim {
    ($n:literal) => {
        $crate::U![$n]
    };
    ($t:ty) => {
        $t
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use typenum::Unsigned;

    #[test]
    fn literals_become_the_numbers_they_spell() {
        assert_eq!(<U![0] as Unsigned>::USIZE, 0);
        assert_eq!(<U![1] as Unsigned>::USIZE, 1);
        assert_eq!(<U![20] as Unsigned>::USIZE, 20);
        assert_eq!(<U![1500] as Unsigned>::USIZE, 1500);
        assert_eq!(<U![12345] as Unsigned>::USIZE, 12345);
        assert_eq!(<U![16_000] as Unsigned>::USIZE, 16000);
        assert_eq!(<U![0x100000] as Unsigned>::USIZE, 1 << 20);
        assert_eq!(<U![4294967296] as Unsigned>::U64, 1 << 32);
        assert_eq!(<U![7usize] as Unsigned>::USIZE, 7);
    }

    #[test]
    fn literals_are_typenum_s_own_types() {
        let _: typenum::U1024 = <U![1024]>::new();
        let _: typenum::U0 = <U![0]>::new();
        let _: typenum::U<3600> = <U![3600]>::new();
    }

    #[test]
    fn shapes_report_their_dimensions() {
        type S = shape![Dyn, 16000, 1];
        assert_eq!(<S as Shape>::RANK, 3);
        assert_eq!(<S as Shape>::SAMPLE_DIMS, &[16000, 1]);
        assert_eq!(<<S as Shape>::Batch as Dim>::STATIC, None);
        type T = shape![32, 64];
        assert_eq!(<T as Shape>::SAMPLE_LEN, 64);
        assert_eq!(<<T as Shape>::Batch as Dim>::STATIC, Some(32));
    }
}
