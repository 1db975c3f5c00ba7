//! `Dropout`: the identity at inference; in training (`shaped-train`) a seeded mask.

use shaped_shapes::Shape;
use shaped_tensor::{Tensor, Workspace};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Dropout: the identity at inference; `shaped_train` drops a seeded random fraction `rate`
/// of the inputs in training, scaling the rest by `1 / (1 - rate)`.
///
/// **Keras equivalent:** `keras.layers.Dropout(rate)`; at `predict` time it passes its input
/// through unchanged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dropout {
    rate: f64,
}

impl Dropout {
    /// A dropout layer of the given rate (kept for the summary; it does not act at inference).
    #[must_use]
    pub fn new(rate: f64) -> Self {
        Self { rate }
    }

    /// The fraction of inputs dropped in training.
    pub fn rate(&self) -> f64 {
        self.rate
    }
}

impl LayerInfo for Dropout {
    fn name(&self) -> String {
        format!("Dropout({})", self.rate)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for Dropout {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        ws.copy_of(x)
    }
}
