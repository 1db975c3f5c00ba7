//! What a classifier's caller does with a batch: split it, put the parts back together, take
//! each sample's class and the accuracy (Keras's `predict(x, batch_size=...)`, `argmax` and
//! `accuracy`).

use shaped_shapes::{Dim, Dyn, Shape, StaticDim};

use crate::{Element, ShapeError, Tensor};

impl<E: Element, S: Shape<Batch = Dyn>> Tensor<E, S> {
    /// The samples in consecutive batches of `batch_size` (the last one may be smaller), each a
    /// tensor of the same type: what `model.predict(x, batch_size=...)` feeds the model.
    ///
    /// ```
    /// use shaped::prelude::*;
    /// let x = Tensor::<f32, shape![Dyn, 4, 1]>::from_fn_with_batch(5, |i| i[0] as f32)?;
    /// let sizes: Vec<usize> = x.batches(2).map(|b| b.batch()).collect();
    /// assert_eq!(sizes, vec![2, 2, 1]);
    /// assert_eq!(Tensor::concat_batches(x.batches(2))?.as_slice(), x.as_slice());
    /// # Ok::<(), ShapeError>(())
    /// ```
    ///
    /// # Panics
    ///
    /// If `batch_size` is 0.
    #[must_use]
    pub fn batches(&self, batch_size: usize) -> impl ExactSizeIterator<Item = Self> + '_ {
        assert!(batch_size > 0, "batch_size must be at least 1");
        let sample = S::SAMPLE_LEN;
        let total = self.batch();
        (0..total.div_ceil(batch_size)).map(move |i| {
            let first = i * batch_size;
            let n = batch_size.min(total - first);
            Self::from_parts(self.as_slice()[first * sample..(first + n) * sample].to_vec(), n)
        })
    }

    /// Runs `f` (a model's `forward`) on consecutive batches of `batch_size` samples and
    /// puts the outputs together, in order: Keras's `model.predict(x, batch_size=...)`, for
    /// inputs too large to run at once (the memory a model needs grows with its batch).
    ///
    /// ```
    /// use shaped::prelude::*;
    /// let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    /// let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_fn_with_batch(100, |i| i[1] as f32)?;
    /// let y: Tensor<f32, shape![Dyn, 18, 4]> = x.map_batches(32, |b| conv.forward(b))?;
    /// assert_eq!(y, conv.forward(&x));
    /// # Ok::<(), ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError::TooLarge`] if the outputs together do not fit in memory's address range.
    ///
    /// # Panics
    ///
    /// If `batch_size` is 0, or if `f` returns another number of samples than it was given.
    pub fn map_batches<F: Element, O: Shape<Batch = Dyn>>(
        &self,
        batch_size: usize,
        mut f: impl FnMut(&Self) -> Tensor<F, O>,
    ) -> Result<Tensor<F, O>, ShapeError> {
        let mut data = Vec::with_capacity(Tensor::<F, O>::len_for_batch(self.batch())?);
        for part in self.batches(batch_size) {
            let out = f(&part);
            assert_eq!(out.batch(), part.batch(), "map_batches: f must return one output per input sample");
            data.extend_from_slice(out.as_slice());
        }
        Ok(Tensor::from_parts(data, self.batch()))
    }

    /// The tensors' samples one after another, in order: the inverse of [`Tensor::batches`].
    ///
    /// # Errors
    ///
    /// [`ShapeError::TooLarge`] if the samples together do not fit in memory's address range.
    pub fn concat_batches(parts: impl IntoIterator<Item = Self>) -> Result<Self, ShapeError> {
        let mut data = Vec::new();
        let mut batch = 0usize;
        for part in parts {
            batch = batch
                .checked_add(part.batch())
                .ok_or(ShapeError::TooLarge { batch, sample_len: S::SAMPLE_LEN })?;
            Self::len_for_batch(batch)?;
            data.extend_from_slice(part.as_slice());
        }
        Ok(Self::from_parts(data, batch))
    }
}

impl<E: Element, B: Dim, C: StaticDim> Tensor<E, (B, C)> {
    /// Each sample's class: the index of its largest value (the first one on ties), as
    /// `np.argmax(p, axis=-1)`. NaN values are never the largest; a row of NaN gives 0.
    ///
    /// ```
    /// use shaped::prelude::*;
    /// let p = Tensor::<f32, shape![Dyn, 3]>::from_rows(&[[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])?;
    /// assert_eq!(p.argmax(), vec![1, 0]);
    /// # Ok::<(), ShapeError>(())
    /// ```
    #[must_use]
    pub fn argmax(&self) -> Vec<usize> {
        self.samples().map(argmax).collect()
    }

    /// The fraction of samples whose [`argmax`](Tensor::argmax) is their label, as Keras's
    /// `accuracy` metric with integer labels (`sparse_categorical_accuracy`); 0 for no samples.
    ///
    /// ```
    /// use shaped::prelude::*;
    /// let p = Tensor::<f32, shape![Dyn, 2]>::from_rows(&[[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])?;
    /// assert_eq!(p.accuracy(&[0, 1, 1])?, 2.0 / 3.0);
    /// assert!(p.accuracy(&[0, 1]).is_err()); // one label per sample
    /// # Ok::<(), ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError::Batch`] if there is not one label per sample.
    pub fn accuracy(&self, labels: &[usize]) -> Result<f64, ShapeError> {
        if labels.len() != self.batch() {
            return Err(ShapeError::Batch { expected: self.batch(), actual: labels.len() });
        }
        if labels.is_empty() {
            return Ok(0.0);
        }
        let right = self.samples().zip(labels).filter(|(row, &label)| argmax(row) == label).count();
        #[allow(clippy::cast_precision_loss)] // counts of samples, far below 2^52
        Ok(right as f64 / labels.len() as f64)
    }
}

/// The index of the largest value, the first on ties, NaN never the largest.
fn argmax<E: Element>(row: &[E]) -> usize {
    let mut best = 0;
    for (i, &v) in row.iter().enumerate() {
        if v > row[best] || row[best].is_nan() && !v.is_nan() {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use shaped_shapes::{Dyn, U};

    use crate::Tensor;

    type X = Tensor<f64, (Dyn, U![3], U![2])>;

    #[test]
    fn batches_cover_the_samples_in_order_and_concatenate_back() {
        let x = X::from_fn_with_batch(7, |i| (i[0] * 100 + i[1] * 10 + i[2]) as f64).unwrap();
        for n in 1..9 {
            let parts: Vec<X> = x.batches(n).collect();
            assert_eq!(parts.len(), 7usize.div_ceil(n));
            assert!(parts.iter().all(|p| p.batch() <= n && p.batch() > 0));
            assert_eq!(X::concat_batches(parts).unwrap(), x);
        }
        assert_eq!(X::zeros_with_batch(0).unwrap().batches(3).count(), 0);
        assert_eq!(X::concat_batches(Vec::new()).unwrap().batch(), 0);
    }

    #[test]
    fn map_batches_gives_what_one_call_gives() {
        let x = X::from_fn_with_batch(10, |i| (i[0] + i[1] * i[2]) as f64).unwrap();
        let double = |t: &X| t.map(|v| 2.0 * v);
        for n in [1, 3, 10, 11] {
            assert_eq!(x.map_batches(n, double).unwrap(), double(&x));
        }
        let sums = x
            .map_batches(4, |t| {
                Tensor::<f64, (Dyn, U![1])>::from_vec(t.samples().map(|s| s.iter().sum()).collect()).unwrap()
            })
            .unwrap();
        assert_eq!(sums.batch(), 10);
    }

    #[test]
    #[should_panic(expected = "batch_size must be at least 1")]
    fn a_zero_batch_size_panics() {
        let _ = X::zeros_with_batch(2).unwrap().batches(0).count();
    }

    #[test]
    fn argmax_takes_the_first_largest_and_skips_nan() {
        let p = Tensor::<f32, (Dyn, U![3])>::from_rows(&[
            [1.0, 3.0, 3.0],
            [f32::NAN, 2.0, 1.0],
            [f32::NAN, f32::NAN, f32::NAN],
            [-1.0, -2.0, f32::NEG_INFINITY],
        ])
        .unwrap();
        assert_eq!(p.argmax(), vec![1, 1, 0, 0]);
    }

    #[test]
    fn accuracy_counts_the_right_classes_and_checks_the_labels() {
        let p = Tensor::<f32, (Dyn, U![2])>::from_rows(&[[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.1, 0.9]])
            .unwrap();
        assert_eq!(p.accuracy(&[0, 1, 1, 1]).unwrap(), 0.75);
        assert_eq!(
            p.accuracy(&[0]).unwrap_err().to_string(),
            crate::ShapeError::Batch { expected: 4, actual: 1 }.to_string()
        );
        assert_eq!(Tensor::<f32, (Dyn, U![2])>::zeros_with_batch(0).unwrap().accuracy(&[]).unwrap(), 0.0);
    }
}
