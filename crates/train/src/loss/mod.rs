//! Losses whose targets are typed against the model's output.
//!
//! A loss is a [`Loss<Y, T>`]: `Y` is the model's output type, `T` the targets' type. Each
//! loss is implemented only for the targets that fit the output: the same shape for
//! [`CategoricalCrossentropy`], [`BinaryCrossentropy`], [`MeanSquaredError`],
//! [`MeanAbsoluteError`] and [`Huber`]; [`ClassLabels`] of the same batch and class count for
//! [`SparseCategoricalCrossentropy`]. Targets of another shape do not compile, where Keras
//! raises at `fit` time:
//!
//! ```compile_fail
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::Tensor;
//! use shaped::train::loss::{CategoricalCrossentropy, Loss};
//! // Keras: ValueError: Shapes (None, 1) and (None, 10) are incompatible
//! let y = Tensor::<f32, shape![Dyn, 10]>::zeros_with_batch(4).unwrap();
//! let labels = Tensor::<f32, shape![Dyn, 1]>::zeros_with_batch(4).unwrap();
//! let loss = CategoricalCrossentropy::new().value(&y, &labels);
//! ```
//!
//! Every loss reduces as Keras's default `"sum_over_batch_size"`: the per-sample (and
//! per-step) losses over the last axis, averaged.

mod crossentropy;
mod labels;
mod regression;

pub use crossentropy::{BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy};
pub use labels::ClassLabels;
pub use regression::{Huber, MeanAbsoluteError, MeanSquaredError};

/// A loss between a model's output of type `Y` and targets of type `T`.
#[diagnostic::on_unimplemented(
    message = "the loss `{Self}` cannot compare these targets with the model's output: their shapes do not fit",
    label = "the targets' shape does not fit the model's output",
    note = "targets `{T}`; the model's output `{Y}`",
    note = "Keras raises at fit time: \"ValueError: Shapes (None, 1) and (None, 10) are incompatible\" or \"Arguments `target` and `output` must have the same shape\"",
    note = "one-hot targets (categorical, binary cross-entropy, MSE, MAE, Huber) have the output's shape; class indices go to SparseCategoricalCrossentropy as `ClassLabels<Batch, Classes>`"
)]
pub trait Loss<Y, T> {
    /// Keras's name of the loss, as `fit` logs it (`"categorical_crossentropy"`).
    fn name(&self) -> &'static str;

    /// The loss, averaged as Keras's `"sum_over_batch_size"`.
    fn value(&self, y: &Y, target: &T) -> f64;

    /// The loss and its gradient with respect to the output, written into `grad`.
    fn value_and_grad(&self, y: &Y, target: &T, grad: &mut Y) -> f64;
}

/// Converts to `f64`.
pub(crate) fn f<E: num_traits::ToPrimitive>(v: E) -> f64 {
    v.to_f64().unwrap_or(f64::NAN)
}

/// Converts from `f64`.
pub(crate) fn e<E: num_traits::NumCast + num_traits::Float>(v: f64) -> E {
    E::from(v).unwrap_or_else(E::nan)
}

/// Keras's `backend.epsilon()`, the clip of probabilities.
pub(crate) const EPSILON: f64 = 1e-7;
