//! The shape rules of pooling layers, each with a message in Keras's words.

use typenum::{GrEq, IsGreaterOrEqual, Unsigned, U1};

use crate::{Explicit, Same, Valid};

use crate::rules::private::{IsTrue, ValidLenIf};

/// The pooling window fits in the sequence with `padding="valid"`.
#[diagnostic::on_unimplemented(
    message = "pool_size does not fit the sequence length with padding='valid'",
    label = "the pooling window is longer than the sequence",
    note = "the window has `{Pool}` steps, the sequence `{Self}`",
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
    message = "MaxPooling1D and AveragePooling1D pool_size and strides must be at least 1",
    label = "an argument of this layer is 0, not a number of at least 1",
    note = "Keras raises: \"The `pool_size` argument must be a tuple of 1 integers. Received pool_size=0, including values {{0}} that do not satisfy `value > 0`\" (a zero strides fails when the layer runs)",
    note = "the `required by this bound` note below names the type parameter: Pool = pool_size, S = strides"
)]
pub trait PoolArgAtLeastOne {}
#[diagnostic::do_not_recommend]
impl<N> PoolArgAtLeastOne for N
where
    N: IsGreaterOrEqual<U1>,
    GrEq<N, U1>: IsTrue,
{
}

/// MaxPooling1D and AveragePooling1D pad with `"valid"` or `"same"` (or explicit zeros, as
/// PyTorch's pooling does), not `"causal"`.
#[diagnostic::on_unimplemented(
    message = "pooling padding must be 'valid' or 'same'",
    label = "this pooling layer has padding `{Self}`",
    note = "Keras accepts padding='causal' here and fails when the layer runs: \"Value for attr 'padding' of CAUSAL is not in the list of allowed values: SAME, VALID\"; use `Valid` or `Same`, or `Explicit<LEFT, U![0]>` for left-only padding"
)]
pub trait PoolPadding {}
impl PoolPadding for Valid {}
impl PoolPadding for Same {}
impl<Left, Right> PoolPadding for Explicit<Left, Right> {}
