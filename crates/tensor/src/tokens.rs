//! Token ids checked once against a vocabulary: what an `Embedding` layer reads.

use core::fmt;
use core::marker::PhantomData;

use num_traits::{PrimInt, ToPrimitive};
use shaped_shapes::{Dim, Shape, StaticDim};

use crate::error::fmt_dims;
use crate::tensor::unravel;
use crate::{Element, ShapeError, Tensor};

/// Integer token ids of shape `S` (batch first, e.g. `(B, L)`: `B` sequences of `L` tokens),
/// each checked when it entered to lie in the vocabulary `0..V`.
///
/// The check happens once, here, with a [`ShapeError::Token`] naming the id, its position and
/// the vocabulary size; a layer that reads tokens (`shaped::layers::Embedding`) then indexes
/// its table without a check that could fail, and an Embedding built for a smaller vocabulary
/// than the tokens' does not compile.
///
/// **Keras equivalent:** the integer array given to a model that starts with
/// `keras.layers.Embedding(input_dim=V, ...)`. Keras checks the ids only when the lookup runs
/// (TensorFlow raises `InvalidArgumentError: indices[2,7] = 57 is not in [0, 50)` on CPU and
/// returns zeros on GPU); here they are checked when they enter.
///
/// ```
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tokens;
/// // Two sequences of four tokens from a vocabulary of 10 ids (0..10).
/// let t = Tokens::<U![10], shape![Dyn, 4]>::from_ids(&[1, 2, 3, 0, 9, 9, 4, 5])?;
/// assert_eq!(t.batch(), 2);
/// assert_eq!(t.get(&[1, 0]), Some(9));
///
/// let err = Tokens::<U![10], shape![Dyn, 4]>::from_ids(&[1, 2, 3, 0, 9, 12, 4, 5]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "token id 12 at sample 1, step 1 is outside the vocabulary: expected an id in 0..10 (Embedding input_dim = 10)"
/// );
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Tokens<V, S> {
    ids: Vec<u32>,
    batch: usize,
    types: PhantomData<fn() -> (V, S)>,
}

impl<V, S> Clone for Tokens<V, S> {
    fn clone(&self) -> Self {
        Self { ids: self.ids.clone(), batch: self.batch, types: PhantomData }
    }
}

impl<V, S> PartialEq for Tokens<V, S> {
    fn eq(&self, other: &Self) -> bool {
        self.batch == other.batch && self.ids == other.ids
    }
}

impl<V: StaticDim, S: Shape> fmt::Debug for Tokens<V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tokens<vocabulary {}, {}>", V::USIZE, Self::type_shape())
    }
}

/// Where the `flat`-th id of a tokens tensor of shape `S` is, in words.
fn position<S: Shape>(flat: usize) -> String {
    let mut index = vec![0usize; S::RANK];
    unravel(flat, S::SAMPLE_DIMS, &mut index);
    match index.as_slice() {
        [b, t] => format!("sample {b}, step {t}"),
        [b, rest @ ..] => format!("sample {b}, index {rest:?}"),
        [] => format!("index {flat}"),
    }
}

impl<V: StaticDim, S: Shape> Tokens<V, S> {
    /// The vocabulary size the ids were checked against (Keras's `input_dim`).
    #[must_use]
    pub fn vocabulary() -> usize {
        V::USIZE
    }

    /// The shape as Keras prints it, `None` standing for a run-time batch: `(None, 20)`.
    #[must_use]
    pub fn type_shape() -> String {
        Tensor::<f32, S>::type_shape()
    }

    /// Checks ids of any integer type (`i32`, `i64`, `u16`, ...) in row-major order: a whole
    /// number of samples (exactly the static batch's, if the batch is static), every id in
    /// `0..V`.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Length`] or [`ShapeError::PartialSample`] for a length that is not the
    /// shape's; [`ShapeError::Token`] naming the first id outside `0..V` (negative ones
    /// included), its position and `V`.
    pub fn from_ids<I: PrimInt + fmt::Display>(ids: &[I]) -> Result<Self, ShapeError> {
        let batch = Tensor::<f32, S>::batch_of_len(ids.len())?;
        let mut out = Vec::with_capacity(ids.len());
        for (flat, &id) in ids.iter().enumerate() {
            match id.to_u64().filter(|&v| v < V::U64).and_then(|v| u32::try_from(v).ok()) {
                Some(v) => out.push(v),
                None => {
                    return Err(ShapeError::Token {
                        at: position::<S>(flat),
                        id: id.to_string(),
                        vocabulary: V::USIZE,
                    })
                }
            }
        }
        Ok(Self { ids: out, batch, types: PhantomData })
    }

    /// Checks ids stored as floats (as Keras accepts `float32` arrays of ids): each must be a
    /// whole number in `0..V`; a fraction, NaN or infinity is refused rather than truncated.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Token`] naming the first value that is not an id in `0..V`.
    pub fn from_tensor<E: Element>(x: &Tensor<E, S>) -> Result<Self, ShapeError> {
        let mut out = Vec::with_capacity(x.len());
        for (flat, &v) in x.as_slice().iter().enumerate() {
            let id = v.to_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < V::USIZE as f64);
            match id.and_then(|f| f.to_u32()) {
                Some(id) => out.push(id),
                None => {
                    return Err(ShapeError::Token {
                        at: position::<S>(flat),
                        id: v.to_string(),
                        vocabulary: V::USIZE,
                    })
                }
            }
        }
        Ok(Self { ids: out, batch: x.batch(), types: PhantomData })
    }

    /// Sequences of equal length given one per row (`from_rows(&[vec![1, 2], vec![3, 4]])`),
    /// each row `L` ids: a row of another length is a ragged-data error, as for
    /// [`Tensor::from_rows`] (pad them first, e.g. with `pad_sequences`).
    ///
    /// # Errors
    ///
    /// [`ShapeError::Ragged`] naming the first row of another length, [`ShapeError::Batch`] for
    /// a row count other than a static batch, else as [`Tokens::from_ids`].
    pub fn from_rows<I: PrimInt + fmt::Display, R: AsRef<[I]>>(rows: &[R]) -> Result<Self, ShapeError> {
        let len = S::SAMPLE_LEN;
        if let Some(b) = <S::Batch as Dim>::STATIC {
            if b != rows.len() {
                return Err(ShapeError::Batch { expected: b, actual: rows.len() });
            }
        }
        let mut flat = Vec::with_capacity(rows.len() * len);
        for (i, row) in rows.iter().enumerate() {
            let row = row.as_ref();
            if row.len() != len {
                return Err(ShapeError::Ragged {
                    at: format!("sample {i}"),
                    what: "tokens",
                    expected: len,
                    actual: row.len(),
                });
            }
            flat.extend_from_slice(row);
        }
        Self::from_ids(&flat)
    }

    /// Samples in the batch.
    #[must_use]
    pub fn batch(&self) -> usize {
        self.batch
    }

    /// The full shape, batch first.
    #[must_use]
    pub fn dims(&self) -> Vec<usize> {
        let mut d = vec![self.batch];
        d.extend_from_slice(S::SAMPLE_DIMS);
        d
    }

    /// Number of ids.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no id (an empty batch).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, row-major, each below `V`.
    #[must_use]
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The id at a multi-index (batch first), `None` outside the shape.
    #[must_use]
    pub fn get(&self, index: &[usize]) -> Option<u32> {
        if index.len() != S::RANK || index[0] >= self.batch {
            return None;
        }
        let mut flat = index[0];
        for (&i, &d) in index[1..].iter().zip(S::SAMPLE_DIMS) {
            if i >= d {
                return None;
            }
            flat = flat * d + i;
        }
        self.ids.get(flat).copied()
    }

    /// The shape as Keras prints it with this batch: `(2, 4)`.
    #[must_use]
    pub fn shape_string(&self) -> String {
        fmt_dims(Some(self.batch), S::SAMPLE_DIMS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{shape, Dyn, U};

    type T = Tokens<U![5], shape![Dyn, 3]>;

    #[test]
    fn every_id_in_range_enters() {
        let t = T::from_ids(&[0i64, 4, 2, 1, 1, 3]).unwrap();
        assert_eq!(t.ids(), &[0, 4, 2, 1, 1, 3]);
        assert_eq!(t.dims(), vec![2, 3]);
        assert_eq!(t.get(&[1, 2]), Some(3));
        assert_eq!(t.get(&[2, 0]), None);
        assert_eq!(t.get(&[0, 3]), None);
    }

    #[test]
    fn an_id_at_the_vocabulary_size_is_refused_with_its_position() {
        let err = T::from_ids(&[0, 4, 2, 1, 5, 3]).unwrap_err();
        assert_eq!(err, ShapeError::Token { at: "sample 1, step 1".into(), id: "5".into(), vocabulary: 5 });
    }

    #[test]
    fn a_negative_id_is_refused() {
        let err = T::from_ids(&[-1i32, 0, 0]).unwrap_err();
        assert!(err.to_string().starts_with("token id -1 at sample 0, step 0"), "{err}");
    }

    #[test]
    fn an_id_beyond_u32_is_refused_not_wrapped() {
        let err = Tokens::<U![5], shape![Dyn, 1]>::from_ids(&[u64::from(u32::MAX) + 2]).unwrap_err();
        assert!(matches!(err, ShapeError::Token { .. }), "{err}");
    }

    #[test]
    fn a_partial_sample_is_a_length_error() {
        assert!(matches!(T::from_ids(&[0, 1]).unwrap_err(), ShapeError::PartialSample { .. }));
        let e = Tokens::<U![5], shape![2, 3]>::from_ids(&[0, 1, 2]).unwrap_err();
        assert!(matches!(e, ShapeError::Length { .. }), "{e}");
    }

    #[test]
    fn ragged_rows_are_refused() {
        let err = T::from_rows(&[vec![1, 2, 3], vec![1, 2]]).unwrap_err();
        assert!(matches!(err, ShapeError::Ragged { ref at, .. } if at == "sample 1"), "{err}");
        assert_eq!(T::from_rows(&[vec![1, 2, 3], vec![4, 0, 0]]).unwrap().ids(), &[1, 2, 3, 4, 0, 0]);
        let e = Tokens::<U![5], shape![3, 1]>::from_rows(&[[1], [2]]).unwrap_err();
        assert_eq!(e, ShapeError::Batch { expected: 3, actual: 2 });
    }

    #[test]
    fn float_ids_must_be_whole_numbers_in_range() {
        let x = Tensor::<f32, shape![Dyn, 3]>::from_vec(vec![0.0, 1.0, 4.0]).unwrap();
        assert_eq!(T::from_tensor(&x).unwrap().ids(), &[0, 1, 4]);
        for bad in [1.5f32, -1.0, 5.0, f32::NAN, f32::INFINITY] {
            let x = Tensor::<f32, shape![Dyn, 3]>::from_vec(vec![0.0, bad, 0.0]).unwrap();
            let err = T::from_tensor(&x).unwrap_err();
            assert!(
                matches!(err, ShapeError::Token { ref at, .. } if at == "sample 0, step 1"),
                "{bad}: {err}"
            );
        }
    }
}
