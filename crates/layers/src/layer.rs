//! The `Layer` trait: what every layer and every model implements.

use shaped_shapes::Shape;
use shaped_tensor::{Element, Tensor};

/// A layer that applies to inputs of type `X` (a tensor, or a pair of tensors for a merge).
///
/// Implemented by every layer for each input it accepts, and by tuples of layers, which chain
/// (`(A, B)` applies `A`, then `B` to its output): a model whose layers do not fit together
/// does not compile, and the error names the layer that does not fit.
#[diagnostic::on_unimplemented(
    message = "layer `{Self}` cannot take an input of type `{X}`",
    label = "this layer does not accept this input (in a Sequential: the previous layer's output)",
    note = "Keras raises: \"Input 0 of layer ... is incompatible with the layer\"; a layer's expected input comes from its type parameters (rank, channels, features, lengths): check the previous layer's output shape",
    note = "shapes print as (batch, steps, channels) or (batch, features), with type-level numbers in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait Layer<X>: LayerInfo {
    /// What the layer returns.
    type Output;

    /// Applies the layer (inference).
    fn forward(&self, x: &X) -> Self::Output;

    /// Appends one row per layer to a model summary: name, output shape, parameters.
    fn summarize(&self, rows: &mut Vec<SummaryRow>)
    where
        Self::Output: TypeShape,
    {
        rows.push(SummaryRow {
            layer: self.name(),
            output_shape: <Self::Output as TypeShape>::type_shape(),
            params: self.param_count(),
        });
    }
}

/// A layer's name and parameter count, independent of its input.
pub trait LayerInfo {
    /// The Keras class name with its main arguments, e.g. `Conv1D(32, 3)`.
    fn name(&self) -> String;
    /// Parameters (weights and biases; for BatchNormalization also the moving statistics, as
    /// Keras counts them).
    fn param_count(&self) -> usize;
}

/// A value whose shape is known from its type, printable as Keras prints shapes.
pub trait TypeShape {
    /// The shape as Keras prints it, `None` standing for a run-time batch: `(None, 18, 32)`.
    fn type_shape() -> String;
}

impl<E: Element, S: Shape> TypeShape for Tensor<E, S> {
    fn type_shape() -> String {
        Tensor::<E, S>::type_shape()
    }
}

/// One row of a model summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// The layer, e.g. `Conv1D(32, 3)`.
    pub layer: String,
    /// Its output shape, e.g. `(None, 18, 32)`.
    pub output_shape: String,
    /// Its parameters.
    pub params: usize,
}
