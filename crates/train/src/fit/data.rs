//! Data sets as `fit` reads them: samples that can be counted and gathered into batches.

use shaped_shapes::{Dyn, Shape, StaticDim};
use shaped_tensor::{Element, Tensor, Tokens};

use crate::loss::ClassLabels;

/// A set of samples with a run-time count, from which batches are gathered (inputs and
/// targets of [`fit`](super::Trainer::fit)).
pub trait Samples: Sized {
    /// The number of samples.
    fn count(&self) -> usize;
    /// The samples at `indices`, in that order.
    ///
    /// # Panics
    /// If an index is out of range.
    fn gather(&self, indices: &[usize]) -> Self;
    /// The samples `start..end`, in order.
    fn range(&self, start: usize, end: usize) -> Self {
        self.gather(&(start..end).collect::<Vec<_>>())
    }
}

impl<E: Element, S: Shape<Batch = Dyn>> Samples for Tensor<E, S> {
    fn count(&self) -> usize {
        self.batch()
    }
    fn gather(&self, indices: &[usize]) -> Self {
        let per = S::SAMPLE_DIMS.iter().product::<usize>();
        let mut data = Vec::with_capacity(indices.len() * per);
        for &i in indices {
            data.extend_from_slice(&self.as_slice()[i * per..(i + 1) * per]);
        }
        Tensor::from_vec(data).unwrap_or_else(|e| unreachable!("whole samples: {e}"))
    }
    fn range(&self, start: usize, end: usize) -> Self {
        let per = S::SAMPLE_DIMS.iter().product::<usize>();
        Tensor::from_vec(self.as_slice()[start * per..end * per].to_vec())
            .unwrap_or_else(|e| unreachable!("whole samples: {e}"))
    }
}

/// Token ids (an Embedding's input): whole samples of ids, already checked against `V`.
impl<V: StaticDim, S: Shape<Batch = Dyn>> Samples for Tokens<V, S> {
    fn count(&self) -> usize {
        self.batch()
    }
    fn gather(&self, indices: &[usize]) -> Self {
        let per = S::SAMPLE_LEN;
        let mut ids = Vec::with_capacity(indices.len() * per);
        for &i in indices {
            ids.extend_from_slice(&self.ids()[i * per..(i + 1) * per]);
        }
        Tokens::from_ids(&ids).unwrap_or_else(|e| unreachable!("whole samples of checked ids: {e}"))
    }
}

impl<N: StaticDim> Samples for ClassLabels<Dyn, N> {
    fn count(&self) -> usize {
        self.len()
    }
    fn gather(&self, indices: &[usize]) -> Self {
        ClassLabels::gather(self, indices)
    }
}

/// Joins batches of outputs back into one tensor (what `predict` returns).
pub(crate) fn concat<E: Element, S: Shape<Batch = Dyn>>(parts: Vec<Tensor<E, S>>) -> Tensor<E, S> {
    let mut data = Vec::with_capacity(parts.iter().map(Tensor::len).sum());
    for p in parts {
        data.extend_from_slice(p.as_slice());
    }
    Tensor::from_vec(data).unwrap_or_else(|e| unreachable!("whole samples: {e}"))
}
