//! The tensor type: heap storage, shape in the type, checked entry and exit.

use core::fmt;
use core::marker::PhantomData;

use generic_array::{ArrayLength, GenericArray};
use num_traits::ToPrimitive;
use shaped_shapes::{Dim, Shape, StaticDim, WithBatch};

use crate::error::fmt_dims;
use crate::{Element, ShapeError};

/// A tensor of `E` with shape `S`, stored row-major on the heap.
///
/// `S` is a tuple of dimensions, batch first: `(B, L, C)` for a batch of sequences in Keras's
/// channels-last order. The batch can be a type-level number or [`shaped_shapes::Dyn`]; the
/// tensor stores its batch size either way, and a static batch is checked when data enters.
///
/// ```
/// use shaped::shapes::{shape, Dyn};
/// use shaped::tensor::Tensor;
/// // Keras: x.shape == (2, 3, 1)
/// let x = Tensor::<f64, shape![2, 3, 1]>::from_nested(&[
///     vec![vec![1.0], vec![2.0], vec![3.0]],
///     vec![vec![4.0], vec![5.0], vec![6.0]],
/// ])?;
/// assert_eq!(x.get(&[1, 2, 0]), Some(6.0));
/// assert_eq!(format!("{x:?}").lines().next(), Some("Tensor<float64, (2, 3, 1)>"));
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Tensor<E: Element, S> {
    data: Vec<E>,
    batch: usize,
    shape: PhantomData<S>,
}

impl<E: Element, S> Clone for Tensor<E, S> {
    fn clone(&self) -> Self {
        Self { data: self.data.clone(), batch: self.batch, shape: PhantomData }
    }
}

impl<E: Element, S> PartialEq for Tensor<E, S> {
    fn eq(&self, other: &Self) -> bool {
        self.batch == other.batch && self.data == other.data
    }
}

impl<E: Element, S: Shape> Tensor<E, S> {
    /// The shape as Keras prints it, `None` standing for a run-time batch: `(None, 20, 1)`.
    pub fn type_shape() -> String {
        let dims = S::SAMPLE_DIMS.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        match <S::Batch as Dim>::STATIC {
            Some(b) => format!("({b}, {dims})"),
            None => format!("(None, {dims})"),
        }
    }

    /// Checks a batch size against the type's batch dimension.
    fn check_batch(batch: usize) -> Result<(), ShapeError> {
        match <S::Batch as Dim>::STATIC {
            Some(expected) if expected != batch => Err(ShapeError::Batch { expected, actual: batch }),
            _ => Ok(()),
        }
    }

    /// The batch size a flat buffer of `len` elements holds, or why it does not fit.
    pub(crate) fn batch_of_len(len: usize) -> Result<usize, ShapeError> {
        match <S::Batch as Dim>::STATIC {
            Some(b) => {
                let expected = b * S::SAMPLE_LEN;
                if len == expected {
                    Ok(b)
                } else {
                    Err(ShapeError::Length {
                        expected_shape: fmt_dims(Some(b), S::SAMPLE_DIMS),
                        expected,
                        actual: len,
                    })
                }
            }
            // A sample of no element: only an empty buffer fits, as a batch of none.
            None if S::SAMPLE_LEN == 0 => {
                if len == 0 {
                    Ok(0)
                } else {
                    Err(ShapeError::Length {
                        expected_shape: fmt_dims(None, S::SAMPLE_DIMS),
                        expected: 0,
                        actual: len,
                    })
                }
            }
            None => {
                if len.is_multiple_of(S::SAMPLE_LEN) {
                    Ok(len / S::SAMPLE_LEN)
                } else {
                    Err(ShapeError::PartialSample {
                        sample_shape: fmt_dims(None, S::SAMPLE_DIMS),
                        sample_len: S::SAMPLE_LEN,
                        actual: len,
                    })
                }
            }
        }
    }

    /// Takes a flat row-major buffer. With a static batch its length must be exactly
    /// `batch * sample`; with a run-time batch, a whole number of samples.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Length`] if the length is not the static shape's, or not a whole number of
    /// samples for a run-time batch.
    pub fn from_vec(data: Vec<E>) -> Result<Self, ShapeError> {
        let batch = Self::batch_of_len(data.len())?;
        Ok(Self { data, batch, shape: PhantomData })
    }

    /// Copies a flat row-major slice; see [`Tensor::from_vec`].
    ///
    /// # Errors
    ///
    /// As [`Tensor::from_vec`].
    pub fn from_slice(data: &[E]) -> Result<Self, ShapeError> {
        Self::batch_of_len(data.len())?;
        Self::from_vec(data.to_vec())
    }

    /// Collects an iterator of elements in row-major order; see [`Tensor::from_vec`].
    ///
    /// # Errors
    ///
    /// As [`Tensor::from_vec`], for the number of elements collected.
    pub fn try_from_iter<I: IntoIterator<Item = E>>(iter: I) -> Result<Self, ShapeError> {
        Self::from_vec(iter.into_iter().collect())
    }

    /// Converts other numbers (integers, another float type) element by element, refusing any
    /// value that `E` cannot hold exactly. Nothing is rounded or truncated silently.
    ///
    /// ```
    /// use shaped::shapes::{shape, Dyn};
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![Dyn, 2]>::from_vec_cast(&[1i32, 2, 3, 4])?;
    /// assert_eq!(x.as_slice(), &[1.0, 2.0, 3.0, 4.0]);
    /// // 2^24 + 1 has no f32: an error, not a silent rounding.
    /// let err = Tensor::<f32, shape![Dyn, 1]>::from_vec_cast(&[16_777_217i64]).unwrap_err();
    /// assert_eq!(err.to_string(), "value 16777217 at index 0 is not exactly representable as float32");
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError::NotRepresentable`] naming the first value `E` cannot hold exactly;
    /// otherwise as [`Tensor::from_vec`].
    pub fn from_vec_cast<I>(data: &[I]) -> Result<Self, ShapeError>
    where
        I: ToPrimitive + num_traits::NumCast + Copy + fmt::Display + PartialEq,
    {
        Self::batch_of_len(data.len())?;
        let mut out = Vec::with_capacity(data.len());
        for (index, &v) in data.iter().enumerate() {
            let converted: Option<E> = num_traits::cast(v);
            let exact = converted.filter(|e| exact_round_trip(*e, v));
            match exact {
                Some(e) => out.push(e),
                None => {
                    return Err(ShapeError::NotRepresentable { index, value: v.to_string(), dtype: E::DTYPE })
                }
            }
        }
        Self::from_vec(out)
    }

    /// The number of elements `batch` samples hold, checked against a static batch and
    /// against overflow (a batch whose bytes do not fit in memory's address range).
    ///
    /// # Errors
    ///
    /// A batch error if `batch` differs from a static batch; [`ShapeError::TooLarge`] if the
    /// element count or its size in bytes overflows (above `isize::MAX` bytes).
    pub fn len_for_batch(batch: usize) -> Result<usize, ShapeError> {
        Self::check_batch(batch)?;
        batch
            .checked_mul(S::SAMPLE_LEN)
            .filter(|len| {
                len.checked_mul(core::mem::size_of::<E>()).is_some_and(|b| b <= isize::MAX as usize)
            })
            .ok_or(ShapeError::TooLarge { batch, sample_len: S::SAMPLE_LEN })
    }

    /// A tensor of zeros with `batch` samples (which must match a static batch).
    ///
    /// # Errors
    ///
    /// As [`Tensor::len_for_batch`]: a batch other than a static one, or one too large to
    /// allocate.
    pub fn zeros_with_batch(batch: usize) -> Result<Self, ShapeError> {
        let len = Self::len_for_batch(batch)?;
        Ok(Self { data: vec![E::zero(); len], batch, shape: PhantomData })
    }

    /// A tensor with `batch` samples whose element at each multi-index (batch first) is
    /// `f(index)`.
    ///
    /// # Errors
    ///
    /// As [`Tensor::len_for_batch`].
    pub fn from_fn_with_batch(batch: usize, f: impl FnMut(&[usize]) -> E) -> Result<Self, ShapeError> {
        Self::len_for_batch(batch)?;
        Ok(Self::filled(batch, f))
    }

    /// `batch` samples whose element at each multi-index (batch first) is `f(index)`.
    fn filled(batch: usize, mut f: impl FnMut(&[usize]) -> E) -> Self {
        let mut data = Vec::with_capacity(batch * S::SAMPLE_LEN);
        let mut index = vec![0usize; S::RANK];
        for flat in 0..batch * S::SAMPLE_LEN {
            unravel(flat, S::SAMPLE_DIMS, &mut index);
            data.push(f(&index));
        }
        Self { data, batch, shape: PhantomData }
    }

    /// Samples in the batch.
    #[must_use]
    pub fn batch(&self) -> usize {
        self.batch
    }

    /// All dimensions, batch first: `[100, 20, 1]`.
    #[must_use]
    pub fn dims(&self) -> Vec<usize> {
        let mut d = Vec::with_capacity(S::RANK);
        d.push(self.batch);
        d.extend_from_slice(S::SAMPLE_DIMS);
        d
    }

    /// Total number of elements.
    #[must_use]
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// True when the tensor holds no element (an empty batch).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The elements, row-major.
    #[must_use]
    pub fn as_slice(&self) -> &[E] {
        &self.data
    }

    /// The elements, row-major, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [E] {
        &mut self.data
    }

    /// The elements as a `Vec`, row-major.
    #[must_use]
    pub fn into_vec(self) -> Vec<E> {
        self.data
    }

    /// The element at a multi-index (batch first), or `None` out of bounds.
    #[must_use]
    pub fn get(&self, index: &[usize]) -> Option<E> {
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
        self.data.get(flat).copied()
    }

    /// Sample `i` as a flat slice of `S::SAMPLE_LEN` elements.
    #[must_use]
    pub fn sample_slice(&self, i: usize) -> Option<&[E]> {
        (i < self.batch).then(|| &self.data[i * S::SAMPLE_LEN..(i + 1) * S::SAMPLE_LEN])
    }

    /// Sample `i` as a type-sized array: its length is part of its type.
    #[must_use]
    pub fn sample(&self, i: usize) -> Option<&GenericArray<E, S::Sample>>
    where
        S::Sample: ArrayLength,
    {
        self.sample_slice(i).and_then(|s| GenericArray::try_from_slice(s).ok())
    }

    /// Iterates over the samples as flat slices.
    #[must_use]
    pub fn samples(&self) -> impl ExactSizeIterator<Item = &[E]> + '_ {
        let n = S::SAMPLE_LEN.max(1);
        self.data.chunks_exact(n).take(self.batch)
    }

    /// Applies `f` to every element.
    #[must_use]
    pub fn map(&self, f: impl Fn(E) -> E) -> Self {
        Self { data: self.data.iter().map(|&x| f(x)).collect(), batch: self.batch, shape: PhantomData }
    }

    /// Converts to another element type explicitly (`f32` to `f64` or back, rounding to
    /// nearest as `as` does between floats).
    #[must_use]
    pub fn cast<F: Element>(&self) -> Tensor<F, S> {
        let data = self.data.iter().map(|&x| num_traits::cast(x).unwrap_or_else(F::nan)).collect();
        Tensor { data, batch: self.batch, shape: PhantomData }
    }

    /// The same data with a run-time batch dimension.
    #[must_use]
    pub fn into_dyn_batch(self) -> Tensor<E, <S as WithBatch<shaped_shapes::Dyn>>::Output>
    where
        S: WithBatch<shaped_shapes::Dyn>,
    {
        let batch = self.batch;
        Tensor { data: self.into_vec(), batch, shape: PhantomData }
    }

    /// The same data with a static batch dimension `B2`, checked against the run-time batch.
    ///
    /// # Errors
    ///
    /// A batch error if the run-time batch is not `B2`.
    pub fn into_static_batch<B2: StaticDim>(
        self,
    ) -> Result<Tensor<E, <S as WithBatch<B2>>::Output>, ShapeError>
    where
        S: WithBatch<B2>,
    {
        if self.batch != B2::USIZE {
            return Err(ShapeError::Batch { expected: B2::USIZE, actual: self.batch });
        }
        let batch = self.batch;
        Ok(Tensor { data: self.into_vec(), batch, shape: PhantomData })
    }

    /// Builds a tensor from parts already known to fit (`data.len() == batch * sample`).
    pub(crate) fn from_parts(data: Vec<E>, batch: usize) -> Self {
        debug_assert_eq!(data.len(), batch * S::SAMPLE_LEN);
        Self { data, batch, shape: PhantomData }
    }
}

impl<E: Element, S: Shape> Tensor<E, S>
where
    S::Batch: StaticDim,
{
    /// A tensor of zeros; the batch is static.
    #[must_use]
    pub fn zeros() -> Self {
        let batch = <S::Batch as typenum::Unsigned>::USIZE;
        Self { data: vec![E::zero(); batch * S::SAMPLE_LEN], batch, shape: PhantomData }
    }

    /// A tensor whose element at each multi-index (batch first) is `f(index)`; the batch is
    /// static.
    pub fn from_fn(f: impl FnMut(&[usize]) -> E) -> Self {
        Self::filled(<S::Batch as typenum::Unsigned>::USIZE, f)
    }
}

/// Splits a flat index into a multi-index, batch first.
pub(crate) fn unravel(mut flat: usize, dims: &[usize], index: &mut [usize]) {
    for (slot, &d) in index[1..].iter_mut().zip(dims).rev() {
        *slot = flat % d;
        flat /= d;
    }
    index[0] = flat;
}

/// True when converting `e` back gives the original value `v`.
fn exact_round_trip<E: Element, I: ToPrimitive + Copy>(e: E, v: I) -> bool {
    match (e.to_f64(), v.to_f64()) {
        (Some(a), Some(b)) if a.is_nan() && b.is_nan() => true,
        (Some(a), Some(b)) => {
            a == b
                && match (v.to_i128(), e.to_i128()) {
                    (Some(x), Some(y)) => x == y,
                    (None, _) => true,
                    (Some(_), None) => false,
                }
        }
        _ => false,
    }
}

impl<E: Element, S: Shape> fmt::Debug for Tensor<E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Tensor<{}, {}>", E::DTYPE, fmt_dims(Some(self.batch), S::SAMPLE_DIMS))?;
        write_values(f, &self.data)
    }
}

impl<E: Element, S: Shape> fmt::Display for Tensor<E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tensor<{}, {}> (type shape {})",
            E::DTYPE,
            fmt_dims(Some(self.batch), S::SAMPLE_DIMS),
            Self::type_shape()
        )
    }
}

fn write_values<E: Element>(f: &mut fmt::Formatter<'_>, data: &[E]) -> fmt::Result {
    const SHOW: usize = 6;
    let head: Vec<String> = data.iter().take(SHOW).map(|v| format!("{v:.6}")).collect();
    if data.len() > SHOW {
        let last = data.last().map(|v| format!("{v:.6}")).unwrap_or_default();
        write!(f, "[{}, ..., {}] ({} elements)", head.join(", "), last, data.len())
    } else {
        write!(f, "[{}]", head.join(", "))
    }
}

impl<E: Element, B: Dim, N: StaticDim> Tensor<E, (B, N)> {
    /// Builds a `(batch, features)` tensor from rows. A row of the wrong length is an error
    /// naming the first offending row.
    ///
    /// # Errors
    ///
    /// An error naming the first row whose length is not the type's feature count, or the batch
    /// if it differs from a static one.
    pub fn from_rows<R: AsRef<[E]>>(rows: &[R]) -> Result<Self, ShapeError> {
        Self::check_batch(rows.len())?;
        let mut data = Vec::with_capacity(rows.len() * N::USIZE);
        for (i, row) in rows.iter().enumerate() {
            let row = row.as_ref();
            if row.len() != N::USIZE {
                return Err(ShapeError::Ragged {
                    at: format!("row {i}"),
                    what: "values",
                    expected: N::USIZE,
                    actual: row.len(),
                });
            }
            data.extend_from_slice(row);
        }
        Ok(Self::from_parts(data, rows.len()))
    }
}

impl<E: Element, B: Dim, L: StaticDim, C: StaticDim> Tensor<E, (B, L, C)>
where
    (B, L, C): Shape,
{
    /// Builds a `(batch, length, channels)` tensor from nested data: samples of time steps of
    /// channels (`Vec<Vec<Vec<E>>>`, `Vec<Vec<[E; C]>>`, slices of them). Ragged data is an
    /// error naming the first offending sample (or time step) and its length.
    ///
    /// ```
    /// use shaped::shapes::{shape, Dyn};
    /// use shaped::tensor::Tensor;
    /// // The seed article's Example 2: sequences of 20, 25 and 15 steps.
    /// let data: Vec<Vec<[f32; 1]>> = [20, 25, 15].iter().map(|&n| vec![[0.5]; n]).collect();
    /// let err = Tensor::<f32, shape![Dyn, 20, 1]>::from_nested(&data).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "ragged data: sample 1 has 25 time steps, expected 20 (pad or truncate the sequences first, e.g. with pad_sequences)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An error naming the first sample (or time step) whose length is not the type's, or the
    /// batch if it differs from a static one.
    pub fn from_nested<Seq, Step>(samples: &[Seq]) -> Result<Self, ShapeError>
    where
        Seq: AsRef<[Step]>,
        Step: AsRef<[E]>,
    {
        Self::check_batch(samples.len())?;
        let mut data = Vec::with_capacity(samples.len() * L::USIZE * C::USIZE);
        for (i, seq) in samples.iter().enumerate() {
            let seq = seq.as_ref();
            if seq.len() != L::USIZE {
                return Err(ShapeError::Ragged {
                    at: format!("sample {i}"),
                    what: "time steps",
                    expected: L::USIZE,
                    actual: seq.len(),
                });
            }
            for (t, step) in seq.iter().enumerate() {
                let step = step.as_ref();
                if step.len() != C::USIZE {
                    return Err(ShapeError::Ragged {
                        at: format!("sample {i}, time step {t}"),
                        what: "channels",
                        expected: C::USIZE,
                        actual: step.len(),
                    });
                }
                data.extend_from_slice(step);
            }
        }
        Ok(Self::from_parts(data, samples.len()))
    }
}

impl<E: Element, S: Shape> Tensor<E, S> {
    /// A tensor of zeros with the same batch as `other`, whose batch dimension is the same
    /// type: infallible, used for layer outputs.
    #[must_use]
    pub fn zeros_batch_like<S2: Shape<Batch = S::Batch>>(other: &Tensor<E, S2>) -> Self {
        Self::from_parts(vec![E::zero(); other.batch() * S::SAMPLE_LEN], other.batch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{shape, Dyn, U};

    #[test]
    fn static_batch_needs_the_exact_length() {
        let err = Tensor::<f32, shape![100, 20, 1]>::from_vec(vec![0.0; 1999]).unwrap_err();
        assert_eq!(err.to_string(), "expected 2000 elements for shape (100, 20, 1), got 1999");
        assert!(Tensor::<f32, shape![100, 20, 1]>::from_vec(vec![0.0; 2000]).is_ok());
    }

    #[test]
    fn dyn_batch_takes_whole_samples_only() {
        let x = Tensor::<f64, shape![Dyn, 4, 3]>::from_slice(&[1.0; 24]).unwrap();
        assert_eq!(x.batch(), 2);
        assert_eq!(x.dims(), vec![2, 4, 3]);
        let err = Tensor::<f64, shape![Dyn, 4, 3]>::from_slice(&[1.0; 25]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a whole number of samples of shape (4, 3) (12 elements each), got 25 elements"
        );
        let empty = Tensor::<f64, shape![Dyn, 4, 3]>::from_vec(vec![]).unwrap();
        assert_eq!(empty.batch(), 0);
        assert!(empty.is_empty());
    }

    #[test]
    fn nested_data_names_the_first_ragged_row() {
        let ok = vec![vec![vec![1.0f32, 2.0]; 3]; 2];
        let x = Tensor::<f32, shape![2, 3, 2]>::from_nested(&ok).unwrap();
        assert_eq!(x.get(&[1, 2, 1]), Some(2.0));
        let mut bad_channels = ok.clone();
        bad_channels[1][2] = vec![1.0];
        let err = Tensor::<f32, shape![2, 3, 2]>::from_nested(&bad_channels).unwrap_err();
        assert_eq!(
            err,
            ShapeError::Ragged {
                at: "sample 1, time step 2".into(),
                what: "channels",
                expected: 2,
                actual: 1
            }
        );
        let err = Tensor::<f32, shape![3, 3, 2]>::from_nested(&ok).unwrap_err();
        assert_eq!(err, ShapeError::Batch { expected: 3, actual: 2 });
        let rows = [vec![1.0f32, 2.0], vec![3.0]];
        let err = Tensor::<f32, shape![Dyn, 2]>::from_rows(&rows).unwrap_err();
        assert_eq!(err.to_string(), "ragged data: row 1 has 1 values, expected 2 (pad or truncate the sequences first, e.g. with pad_sequences)");
    }

    #[test]
    fn casts_refuse_inexact_values() {
        let x = Tensor::<f64, shape![Dyn, 2]>::from_vec_cast(&[1u8, 2, 3, 255]).unwrap();
        assert_eq!(x.as_slice(), &[1.0, 2.0, 3.0, 255.0]);
        let err = Tensor::<f32, shape![Dyn, 1]>::from_vec_cast(&[0.1f64]).unwrap_err();
        assert!(matches!(err, ShapeError::NotRepresentable { index: 0, dtype: "float32", .. }));
        let ok = Tensor::<f32, shape![Dyn, 1]>::from_vec_cast(&[0.5f64, -2.0]).unwrap();
        assert_eq!(ok.as_slice(), &[0.5, -2.0]);
        let err = Tensor::<f32, shape![Dyn, 1]>::from_vec_cast(&[i64::MAX]).unwrap_err();
        assert!(matches!(err, ShapeError::NotRepresentable { .. }));
        let wide = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![0.1]).unwrap().cast::<f64>();
        assert_eq!(wide.as_slice(), &[f64::from(0.1f32)]);
    }

    #[test]
    fn samples_are_type_sized_views() {
        let x = Tensor::<f32, shape![3, 2, 2]>::from_fn(|i| (i[0] * 4 + i[1] * 2 + i[2]) as f32);
        let s = x.sample(1).unwrap();
        assert_eq!(s.len(), 4);
        assert_eq!(s.as_slice(), &[4.0, 5.0, 6.0, 7.0]);
        assert!(x.sample(3).is_none());
        assert_eq!(x.samples().count(), 3);
        assert_eq!(x.get(&[2, 1, 1]), Some(11.0));
        assert_eq!(x.get(&[2, 2, 0]), None);
        assert_eq!(x.get(&[0, 0]), None);
    }

    #[test]
    fn batches_move_between_static_and_dynamic() {
        let x = Tensor::<f32, shape![4, 5, 1]>::zeros();
        let d = x.into_dyn_batch();
        assert_eq!(Tensor::<f32, shape![Dyn, 5, 1]>::type_shape(), "(None, 5, 1)");
        let back = d.clone().into_static_batch::<U![4]>().unwrap();
        assert_eq!(back.dims(), vec![4, 5, 1]);
        let err = d.into_static_batch::<U![8]>().unwrap_err();
        assert_eq!(err.to_string(), "expected a batch of 8 samples, got 4");
    }

    #[test]
    fn large_tensors_live_on_the_heap() {
        // 2^20 steps: about 4 MiB, built without touching the stack.
        let x = Tensor::<f32, shape![1, 1048576, 1]>::zeros();
        assert_eq!(x.len(), 1 << 20);
        let y = Tensor::<f32, shape![Dyn, 16000, 1]>::zeros_with_batch(8).unwrap();
        assert_eq!(format!("{y}"), "Tensor<float32, (8, 16000, 1)> (type shape (None, 16000, 1))");
    }

    #[test]
    fn reshapes_keep_the_data_in_order() {
        let x = Tensor::<f32, shape![2, 6]>::from_fn(|i| (i[0] * 6 + i[1]) as f32);
        let y: Tensor<f32, shape![2, 3, 2]> = x.clone().reshape();
        assert_eq!(y.get(&[1, 2, 1]), Some(11.0));
        assert_eq!(y.clone().flatten(), x);
        let t = y.swap_length_channels();
        assert_eq!(t.dims(), vec![2, 2, 3]);
        assert_eq!(t.get(&[1, 1, 2]), Some(11.0));
        assert_eq!(t.get(&[0, 1, 0]), Some(1.0));
        let merged: Tensor<f32, shape![6, 2]> = y.merge_batch();
        let split = merged.split_batch::<U![3]>().unwrap();
        assert_eq!(split.as_slice(), x.as_slice());
        let channel: Tensor<f32, shape![2, 6, 1]> = x.add_channel_axis();
        assert_eq!(channel.dims(), vec![2, 6, 1]);
    }
}
