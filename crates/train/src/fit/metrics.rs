//! Metrics computed during `fit` and `evaluate`.

use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::{Element, Tensor};

use crate::loss::ClassLabels;

/// A metric accumulated over batches, between a model's output `Y` and targets `T`.
pub trait Metric<Y, T> {
    /// The name `fit` logs it under (`"accuracy"`; validation adds `val_`).
    fn name(&self) -> &'static str;
    /// Adds one batch.
    fn update(&mut self, y: &Y, target: &T);
    /// The value over the batches since the last reset.
    fn result(&self) -> f64;
    /// Starts again (each epoch, each evaluation).
    fn reset(&mut self);
}

/// Keras's `"accuracy"`: the fraction of samples whose predicted class is the target's.
///
/// With one-hot (or probability) targets of several classes, the arg-max of output and target
/// are compared (Keras `categorical_accuracy`); with one output unit, the output thresholded
/// at 0.5 is compared with the target (`binary_accuracy`); with [`ClassLabels`], the arg-max
/// with the label (`sparse_categorical_accuracy`). The arg-max takes the first of equal
/// maxima, and a NaN output is never right.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accuracy {
    right: u64,
    total: u64,
}

impl Accuracy {
    /// A fresh accuracy.
    pub fn new() -> Self {
        Self::default()
    }
}

/// The index of the first maximum, `None` if a value is NaN.
pub fn argmax<E: Element>(row: &[E]) -> Option<usize> {
    let mut best: Option<(usize, E)> = None;
    for (i, &v) in row.iter().enumerate() {
        if v.is_nan() {
            return None;
        }
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}

impl<E: Element, S: Shape> Metric<Tensor<E, S>, Tensor<E, S>> for Accuracy {
    fn name(&self) -> &'static str {
        "accuracy"
    }
    fn update(&mut self, y: &Tensor<E, S>, target: &Tensor<E, S>) {
        let row = S::SAMPLE_DIMS.last().copied().unwrap_or(1).max(1);
        for (p, t) in y.as_slice().chunks_exact(row).zip(target.as_slice().chunks_exact(row)) {
            let right = if row == 1 {
                let half = E::from(0.5).unwrap_or_else(E::nan);
                !p[0].is_nan() && ((p[0] > half) == (t[0] > half))
            } else {
                argmax(p).is_some() && argmax(p) == argmax(t)
            };
            self.right += u64::from(right);
            self.total += 1;
        }
    }
    fn result(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

impl<E: Element, B: Dim, N: StaticDim> Metric<Tensor<E, (B, N)>, ClassLabels<B, N>> for Accuracy
where
    (B, N): Shape,
{
    fn name(&self) -> &'static str {
        "accuracy"
    }
    fn update(&mut self, y: &Tensor<E, (B, N)>, target: &ClassLabels<B, N>) {
        for (p, &t) in y.as_slice().chunks_exact(N::USIZE.max(1)).zip(target.ids()) {
            self.right += u64::from(argmax(p) == Some(t));
            self.total += 1;
        }
    }
    fn result(&self) -> f64 {
        <Self as Metric<Tensor<E, (B, N)>, Tensor<E, (B, N)>>>::result(self)
    }
    fn reset(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use shaped_shapes::{shape, Dyn, U};

    use super::*;

    #[test]
    fn accuracy_compares_classes() {
        let y =
            Tensor::<f32, shape![Dyn, 3]>::from_vec(vec![0.1, 0.8, 0.1, 0.5, 0.2, 0.3, f32::NAN, 0.0, 0.0])
                .unwrap();
        let t = Tensor::<f32, shape![Dyn, 3]>::from_vec(vec![0., 1., 0., 0., 0., 1., 1., 0., 0.]).unwrap();
        let mut acc = Accuracy::new();
        acc.update(&y, &t);
        assert!((Metric::<_, Tensor<f32, shape![Dyn, 3]>>::result(&acc) - 1.0 / 3.0).abs() < 1e-12);
        let mut sparse = Accuracy::new();
        sparse.update(&y, &ClassLabels::<Dyn, U![3]>::new(vec![1, 0, 0]).unwrap());
        assert!(
            (Metric::<Tensor<f32, shape![Dyn, 3]>, ClassLabels<Dyn, U![3]>>::result(&sparse) - 2.0 / 3.0)
                .abs()
                < 1e-12
        );
        let b = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![0.7, 0.2, 0.6]).unwrap();
        let bt = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![1.0, 0.0, 0.0]).unwrap();
        let mut bin = Accuracy::new();
        bin.update(&b, &bt);
        assert!((Metric::<_, Tensor<f32, shape![Dyn, 1]>>::result(&bin) - 2.0 / 3.0).abs() < 1e-12);
    }
}
