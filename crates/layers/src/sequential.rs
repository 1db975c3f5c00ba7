//! Models: a sequence of layers whose every link is type-checked.
//!
//! A tuple of layers is a layer: `(A, B, C)` applies `A`, then `B` to its output, then `C`.
//! [`Sequential`] wraps such a tuple with the model's input type, a `summary()` like Keras's
//! `model.summary()`, and the parameter count, all computed from the types.

use shaped_tensor::{Buffers, Workspace};

use crate::layer::{Layer, LayerInfo, SummaryRow, TypeShape};

/// A model: layers applied in order to inputs of type `X`.
///
/// **Keras equivalent:** `keras.Sequential([...])` with an `Input(shape)`: the input type is
/// part of the model's type, so `forward` on another shape does not compile, and a layer that
/// does not fit the previous one's output does not compile either.
///
/// `Y` is the model's output type, computed from the layers: name a model `Sequential<X, L>`.
/// The rule that the layers fit `X` and each other is checked once, by [`Sequential::new`].
///
/// ```
/// use shaped::layers::{pool::GlobalAveragePooling1D, Activation, Conv1D, Dense, Sequential};
/// use shaped::shapes::{shape, Dyn, Same, U};
/// use shaped::tensor::{Tensor, Workspace};
///
/// type Input = Tensor<f32, shape![Dyn, 150, 1]>;
/// let model = Sequential::<Input, _>::new((
///     Conv1D::<f32, _, U![8], U![5], U![1], Same>::new(0).activation(Activation::Relu),
///     GlobalAveragePooling1D::new(),
///     Dense::<f32, _, U![2]>::new(1).activation(Activation::Softmax),
/// ));
/// let y: Tensor<f32, shape![Dyn, 2]> = model.forward(&Input::zeros_with_batch(3)?);
/// assert_eq!(model.param_count(), (5 * 8 + 8) + (8 * 2 + 2));
/// assert!(model.summary().contains("(None, 150, 8)"));
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Sequential<X, L, Y = <L as Layer<X>>::Output> {
    layers: L,
    run: Run<X, L, Y>,
}

/// What `Sequential::new` proved about its layers, kept as plain functions: the methods that
/// run the model call these and need no trait bound of their own, so a model that `new`
/// refused is reported once, at `new`, and not again at each `forward` or `summary`.
struct Run<X, L, Y> {
    forward_with: fn(&L, &X, &mut Workspace) -> Y,
    summarize: fn(&L, &mut Vec<SummaryRow>),
}

impl<X, L, Y> Clone for Run<X, L, Y> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<X, L, Y> Copy for Run<X, L, Y> {}

impl<X, L: Clone, Y> Clone for Sequential<X, L, Y> {
    fn clone(&self) -> Self {
        Self { layers: self.layers.clone(), run: self.run }
    }
}

/// The layers (a tuple, each in its own `Debug` form).
impl<X, L: core::fmt::Debug, Y> core::fmt::Debug for Sequential<X, L, Y> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Sequential").field("layers", &self.layers).finish()
    }
}

// The rule that the layers fit `X` and each other is checked once, by `new`, which names the
// output `Y` as a parameter tied by its bound; the other methods carry no bound on the layers.
// A refused model is then one error: `model.forward(&x)` and `model.summary()` after it add
// none (no E0599 restating the bound in typenum form, no second copy of the rule).
impl<X, L, Y> Sequential<X, L, Y> {
    /// A model from a tuple of layers (or a single layer).
    pub fn new(layers: L) -> Self
    where
        L: Layer<X, Output = Y>,
        Y: TypeShape,
    {
        Self { layers, run: Run { forward_with: L::forward_with, summarize: L::summarize } }
    }

    /// A model whose layers pass masks on: a [`Masked`](crate::mask::Masked) input
    /// (or a tensor into a first `Masking`) goes layer by layer through
    /// [`crate::MaskedLayer::forward_masked_with`], the mask passed on by the layers that
    /// support masking and consumed at a masked GlobalAveragePooling1D; the layers after it
    /// take plain tensors. A layer that does not support masking (Conv1D, GlobalMaxPooling1D)
    /// is refused here, once, in Keras's words ([`crate::mask::TakesMask`]).
    ///
    /// Write the model's type with its output left to inference, `Sequential::<X, _, _>`: the
    /// default third parameter is the output of the plain chain, which a masked chain is not.
    ///
    /// **Keras equivalent:** `keras.Sequential([Masking(0.0), ...])`: Keras passes
    /// `_keras_mask` from layer to layer the same way (and, at a layer without mask support,
    /// warns and drops it, where shaped refuses the model).
    ///
    /// ```
    /// use shaped::layers::{pool::GlobalAveragePooling1D, Activation, Dense, Masking, Sequential};
    /// use shaped::shapes::{shape, Dyn, U};
    /// use shaped::tensor::{Masked, Tensor};
    /// type Input = Tensor<f32, shape![Dyn, 4, 1]>;
    /// let model = Sequential::<Input, _, _>::new_masked((
    ///     Masking::new(0.0),
    ///     Dense::<f32, U![1], U![3]>::new(0).activation(Activation::Tanh),
    ///     GlobalAveragePooling1D::new(),
    ///     Dense::<f32, U![3], U![2]>::new(1),
    /// ));
    /// let x = Input::from_vec(vec![1., 2., 0., 0., 3., 0., 0., 0.])?;
    /// let y: Tensor<f32, shape![Dyn, 2]> = model.forward(&x);
    /// assert_eq!(y.batch(), 2);
    /// assert!(model.summary().contains("(None, 4, 3)"));
    ///
    /// // A masked sequence as the input: the mask given is the one used.
    /// let tail = Sequential::<Masked<f32, shape![Dyn, 4, 1]>, _, _>::new_masked((
    ///     Dense::<f32, U![1], U![3]>::new(0).activation(Activation::Tanh),
    ///     GlobalAveragePooling1D::new(),
    /// ));
    /// let masked = Masked::with_flags(x, vec![true, true, false, false, true, false, false, false])?;
    /// let pooled: Tensor<f32, shape![Dyn, 3]> = tail.forward(&masked);
    /// assert_eq!(pooled.batch(), 2);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    pub fn new_masked(layers: L) -> Self
    where
        L: crate::MaskedChain<X, Output = Y>,
    {
        Self { layers, run: Run { forward_with: L::forward_chain_with, summarize: L::summarize_chain } }
    }

    /// The layers.
    #[must_use]
    pub fn layers(&self) -> &L {
        &self.layers
    }

    /// The layers, mutably (to load weights, or to train).
    pub fn layers_mut(&mut self) -> &mut L {
        &mut self.layers
    }

    /// Runs the model (inference), with a fresh workspace: every buffer is allocated for this
    /// call (see [`Sequential::forward_into`] for repeated calls).
    pub fn forward(&self, x: &X) -> Y {
        (self.run.forward_with)(&self.layers, x, &mut Workspace::new())
    }

    /// Runs the model into `out` with buffers from `ws`: allocation-free once warmed up (see
    /// [`Layer::forward_into`]).
    pub fn forward_into(&self, x: &X, out: &mut Y, ws: &mut Workspace)
    where
        Y: Buffers,
    {
        ws.begin_pass();
        let y = (self.run.forward_with)(&self.layers, x, ws);
        ws.give(core::mem::replace(out, y));
    }

    /// Parameters of all layers, as Keras's `count_params()`.
    pub fn param_count(&self) -> usize
    where
        L: LayerInfo,
    {
        self.layers.param_count()
    }

    /// One row per layer: name, output shape (from the types), parameters.
    pub fn summary_rows(&self) -> Vec<SummaryRow> {
        let mut rows = Vec::new();
        (self.run.summarize)(&self.layers, &mut rows);
        rows
    }

    /// A table like Keras's `model.summary()`.
    pub fn summary(&self) -> String
    where
        X: TypeShape,
    {
        summary_table(&X::type_shape(), &self.summary_rows())
    }
}

/// A `Sequential` is a layer too (Keras nests models the same way): its summary rows are its
/// layers'.
impl<X, L: LayerInfo, Y> LayerInfo for Sequential<X, L, Y> {
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        self.layers.param_count()
    }
}

impl<X, L: Layer<X, Output = Y>, Y: Buffers> Layer<X> for Sequential<X, L, Y> {
    type Output = Y;
    fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
        self.layers.forward_with(x, ws)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>)
    where
        Self::Output: TypeShape,
    {
        self.layers.summarize(rows);
    }
}

/// Formats summary rows as a table like Keras's `model.summary()`, with the total parameters.
#[must_use]
pub fn summary_table(input_shape: &str, rows: &[SummaryRow]) -> String {
    let w0 = rows.iter().map(|r| r.layer.len()).max().unwrap_or(0).max(12);
    let w1 = rows.iter().map(|r| r.output_shape.len()).max().unwrap_or(0).max(12);
    let line = format!("+-{}-+-{}-+-{}-+\n", "-".repeat(w0), "-".repeat(w1), "-".repeat(10));
    let mut s = format!("Model: input {input_shape}\n");
    s += &line;
    s += &format!("| {:<w0$} | {:<w1$} | {:>10} |\n", "Layer", "Output Shape", "Param #");
    s += &line;
    for r in rows {
        s += &format!("| {:<w0$} | {:<w1$} | {:>10} |\n", r.layer, r.output_shape, r.params);
    }
    s += &line;
    s += &format!("Total params: {}\n", rows.iter().map(|r| r.params).sum::<usize>());
    s
}

/// Implements `LayerInfo` and `Layer` for a tuple of layers applied in order: `$F` first, then
/// each `$L` on the output of the layer `$P` before it; `$last` is the final layer.
macro_rules! chain {
    (last = $last:ident; $F:ident $f:ident $(; $L:ident $l:ident $P:ident)*) => {
        impl<$F $(, $L)*> LayerInfo for ($F, $($L,)*)
        where
            $F: LayerInfo,
            $($L: LayerInfo,)*
        {
            fn name(&self) -> String {
                "Sequential".to_string()
            }
            fn param_count(&self) -> usize {
                let ($f, $($l,)*) = self;
                $f.param_count() $(+ $l.param_count())*
            }
        }

        impl<X, $F $(, $L)*> Layer<X> for ($F, $($L,)*)
        where
            $F: Layer<X>,
            $F::Output: TypeShape,
            $($L: Layer<$P::Output>, $L::Output: TypeShape,)*
        {
            type Output = $last::Output;
            fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
                let ($f, $($l,)*) = self;
                let y = $f.forward_with(x, ws);
                $(let y = {
                    let next = $l.forward_with(&y, ws);
                    ws.give(y);
                    next
                };)*
                y
            }
            fn summarize(&self, rows: &mut Vec<SummaryRow>) {
                let ($f, $($l,)*) = self;
                $f.summarize(rows);
                $($l.summarize(rows);)*
            }
        }
    };
}

chain!(last = L0; L0 l0);
chain!(last = L1; L0 l0; L1 l1 L0);
chain!(last = L2; L0 l0; L1 l1 L0; L2 l2 L1);
chain!(last = L3; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2);
chain!(last = L4; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3);
chain!(last = L5; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4);
chain!(last = L6; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5);
chain!(last = L7; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6);
chain!(last = L8; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7);
chain!(last = L9; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8);
chain!(last = L10; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8; L10 l10 L9);
chain!(last = L11; L0 l0; L1 l1 L0; L2 l2 L1; L3 l3 L2; L4 l4 L3; L5 l5 L4; L6 l6 L5; L7 l7 L6; L8 l8 L7; L9 l9 L8; L10 l10 L9; L11 l11 L10);

/// Tuples of 13 to 16 layers: refused with a message that says so (a longer chain nests tuples
/// or is declared with `model!`).
macro_rules! too_long_chain {
    ($($L:ident),+) => {
        impl<$($L),+> LayerInfo for ($($L,)+)
        where
            L12: shaped_shapes::layer_rules::ChainsAtMostTwelve,
        {
            fn name(&self) -> String {
                "Sequential".to_string()
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl<X, $($L),+> Layer<X> for ($($L,)+)
        where
            L12: shaped_shapes::layer_rules::ChainsAtMostTwelve,
        {
            type Output = ();
            fn forward_with(&self, _: &X, _: &mut Workspace) {}
        }
    };
}

too_long_chain!(L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12);
too_long_chain!(L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13);
too_long_chain!(L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14);
too_long_chain!(L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15);
