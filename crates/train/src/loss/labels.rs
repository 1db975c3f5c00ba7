//! Class indices, checked against the class count once, at the boundary.

use core::marker::PhantomData;

use crate::TrainError;
use shaped_shapes::{Dim, Dyn, StaticDim};

/// One class index per sample, each below `N` (the model's class count), for
/// [`SparseCategoricalCrossentropy`](super::SparseCategoricalCrossentropy) and sparse accuracy.
///
/// Checked when built: an index of `N` or more is an error naming it (Keras finds it only when
/// the loss runs: `Received a label value of 10 which is outside the valid range of [0, 10)`).
///
/// ```
/// use shaped::shapes::{Dyn, U};
/// use shaped::train::loss::ClassLabels;
/// let labels = ClassLabels::<Dyn, U![3]>::new(vec![0, 2, 1])?;
/// assert_eq!(labels.len(), 3);
/// let err = ClassLabels::<Dyn, U![3]>::new(vec![0, 3]).unwrap_err();
/// assert_eq!(err.to_string(), "class label 1: expected a class below 3, got 3");
/// # Ok::<(), shaped::train::TrainError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassLabels<B, N> {
    ids: Vec<usize>,
    types: PhantomData<fn() -> (B, N)>,
}

impl<B: Dim, N: StaticDim> ClassLabels<B, N> {
    /// Labels from class indices; fails if one is `N` or more, or if `B` is static and the
    /// count differs.
    pub fn new(ids: Vec<usize>) -> Result<Self, TrainError> {
        if let Some(b) = B::STATIC {
            if ids.len() != b {
                return Err(TrainError::Batch { expected: b, actual: ids.len() });
            }
        }
        if let Some((index, &class)) = ids.iter().enumerate().find(|(_, &id)| id >= N::USIZE) {
            return Err(TrainError::ClassOutOfRange { index, class, classes: N::USIZE });
        }
        Ok(Self { ids, types: PhantomData })
    }

    /// Labels from integer or float class values (as Keras data sets store them); fails on a
    /// negative, fractional or non-finite value, or one of `N` or more.
    pub fn from_values<V: num_traits::ToPrimitive + Copy + core::fmt::Debug>(
        values: &[V],
    ) -> Result<Self, TrainError> {
        let mut ids = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let id = v
                .to_f64()
                .filter(|x| x.is_finite() && *x >= 0.0 && x.fract() == 0.0)
                .and_then(num_traits::cast::<f64, usize>)
                .ok_or_else(|| TrainError::NotAClass { index: i, value: format!("{v:?}") })?;
            ids.push(id);
        }
        Self::new(ids)
    }

    /// The class indices.
    pub fn ids(&self) -> &[usize] {
        &self.ids
    }

    /// The number of labels.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The same labels with a run-time batch.
    pub fn into_dyn_batch(self) -> ClassLabels<Dyn, N> {
        ClassLabels { ids: self.ids, types: PhantomData }
    }

    /// The labels at `indices`, in that order, with a run-time batch (a batch of a data set).
    ///
    /// # Panics
    /// If an index is out of range.
    pub fn gather(&self, indices: &[usize]) -> ClassLabels<Dyn, N> {
        ClassLabels { ids: indices.iter().map(|&i| self.ids[i]).collect(), types: PhantomData }
    }
}
