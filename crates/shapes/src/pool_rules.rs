//! The shape rules of pooling layers, each with a message in Keras's words.

use typenum::{GrEq, IsGreaterOrEqual, Unsigned, U1};

use crate::rules::private::{IsTrue, ValidLenIf};

/// The pooling window fits in the sequence with `padding="valid"`.
#[diagnostic::on_unimplemented(
    message = "pool_size does not fit the sequence length with padding='valid'",
    label = "the pooling window (`{Pool}` steps) is longer than the sequence (`{Self}` steps)",
    note = "Keras raises a ValueError here (negative output dimension); use a smaller pool_size, padding='same', or longer sequences",
    note = "type-level numbers print in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait PoolFitsValid<Pool, S> {
    /// `floor((length - pool_size) / strides) + 1`.
    type Output: Unsigned;
}
#[diagnostic::do_not_recommend]
impl<L, Pool, S> PoolFitsValid<Pool, S> for L
where
    L: IsGreaterOrEqual<Pool>,
    L: ValidLenIf<GrEq<L, Pool>, Pool, S>,
{
    type Output = <L as ValidLenIf<GrEq<L, Pool>, Pool, S>>::Output;
}

/// Pooling arguments `pool_size`, `strides`, `size` and similar counts are at least 1.
#[diagnostic::on_unimplemented(
    message = "pool_size, strides and size must be at least 1",
    label = "this argument is 0",
    note = "Keras raises a ValueError for a zero pool_size or strides"
)]
pub trait PoolArgAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> PoolArgAtLeastOne for N
where
    N: IsGreaterOrEqual<U1>,
    GrEq<N, U1>: IsTrue,
{
}
