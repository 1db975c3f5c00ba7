//! The `Layer` trait: what every layer and every model implements.

use shaped_shapes::Shape;
use shaped_tensor::{Buffers, Element, Tensor, Workspace};

/// A layer that applies to inputs of type `X` (a tensor, or a pair of tensors for a merge).
///
/// Implemented by every layer for each input it accepts, and by tuples of layers, which chain
/// (`(A, B)` applies `A`, then `B` to its output): a model whose layers do not fit together
/// does not compile, and the error names the layer that does not fit.
#[diagnostic::on_unimplemented(
    message = "this layer cannot take this input: the shapes do not fit",
    note = "the layer is `{Self}`; the input is `{X}`",
    label = "this layer does not accept this input (in a Sequential: the previous layer's output)",
    note = "Keras raises: \"Input 0 of layer ... is incompatible with the layer\"; a layer's expected input comes from its type parameters (rank, channels, features, lengths): check the previous layer's output shape",
    note = "shapes print as (batch, steps, channels) or (batch, features), with type-level numbers in binary, most significant bit first: UInt<UInt<UTerm, B1>, B0> is 0b10 = 2"
)]
pub trait Layer<X>: LayerInfo {
    /// What the layer returns: a tensor, or a tuple of them (a fork's branches).
    type Output: Buffers;

    /// Applies the layer (inference), taking its output's buffer and any intermediate ones
    /// from `ws` and giving the intermediates back: what models call for each layer.
    fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output;

    /// Applies the layer (inference) with a fresh workspace: every buffer is allocated for
    /// this call. For repeated calls, [`Layer::forward_into`] with a workspace kept by the
    /// caller allocates nothing once warmed up.
    fn forward(&self, x: &X) -> Self::Output {
        self.forward_with(x, &mut Workspace::new())
    }

    /// Applies the layer (or a whole model) and puts the result in `out`, whose old buffers go
    /// to the workspace: after one warm-up call with the same batch, this allocates nothing.
    /// `out` may start with any batch (e.g. an empty one); it ends with the input's.
    ///
    /// ```
    /// use shaped::layers::{Conv1D, Layer};
    /// use shaped::shapes::{shape, Dyn, U};
    /// use shaped::tensor::{Tensor, Workspace};
    /// let conv: Conv1D<f32, U![1], U![8], U![3]> = Conv1D::new(0);
    /// let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(4)?;
    /// let mut out = Tensor::<f32, shape![Dyn, 18, 8]>::zeros_with_batch(0)?;
    /// let mut ws = Workspace::new();
    /// for _ in 0..3 {
    ///     Layer::forward_into(&conv, &x, &mut out, &mut ws);
    /// }
    /// assert_eq!(out.batch(), 4);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    fn forward_into(&self, x: &X, out: &mut Self::Output, ws: &mut Workspace) {
        ws.begin_pass();
        let y = self.forward_with(x, ws);
        ws.give(core::mem::replace(out, y));
    }

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

    /// The Keras class name alone, as `model.summary()` prints it: `Conv1D`.
    fn keras_class(&self) -> String {
        let name = self.name();
        name.split('(').next().unwrap_or_default().to_string()
    }
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

/// No output: what a refused chain of layers (more than twelve in one tuple) produces, so that
/// its one error is the rule that refused it.
impl TypeShape for () {
    fn type_shape() -> String {
        "()".to_string()
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

macro_rules! tuple_type_shape {
    ($($T:ident),+) => {
        impl<$($T: TypeShape),+> TypeShape for ($($T,)+) {
            fn type_shape() -> String {
                let shapes: Vec<String> = vec![$($T::type_shape()),+];
                format!("[{}]", shapes.join(", "))
            }
        }
    };
}

tuple_type_shape!(A, B);
tuple_type_shape!(A, B, C);
tuple_type_shape!(A, B, C, D);
tuple_type_shape!(A, B, C, D, F);
tuple_type_shape!(A, B, C, D, F, G);
tuple_type_shape!(A, B, C, D, F, G, H);
tuple_type_shape!(A, B, C, D, F, G, H, I);
