//! Models: a sequence of layers whose every link is type-checked.
//!
//! A tuple of layers is a layer: `(A, B, C)` applies `A`, then `B` to its output, then `C`.
//! [`Sequential`] wraps such a tuple with the model's input type, a `summary()` like Keras's
//! `model.summary()`, and the parameter count, all computed from the types.

use core::marker::PhantomData;

use crate::layer::{Layer, LayerInfo, SummaryRow, TypeShape};

/// A model: layers applied in order to inputs of type `X`.
///
/// **Keras equivalent:** `keras.Sequential([...])` with an `Input(shape)`: the input type is
/// part of the model's type, so `forward` on another shape does not compile, and a layer that
/// does not fit the previous one's output does not compile either.
///
/// ```
/// use shaped_layers::{pool::GlobalAveragePooling1D, Activation, Conv1D, Dense, Sequential};
/// use shaped_shapes::{shape, Dyn, Same, U};
/// use shaped_tensor::Tensor;
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
/// # Ok::<(), shaped_tensor::ShapeError>(())
/// ```
pub struct Sequential<X, L> {
    layers: L,
    input: PhantomData<fn(&X)>,
}

impl<X, L: Clone> Clone for Sequential<X, L> {
    fn clone(&self) -> Self {
        Self { layers: self.layers.clone(), input: PhantomData }
    }
}

impl<X, L: Layer<X>> Sequential<X, L> {
    /// A model from a tuple of layers (or a single layer).
    pub fn new(layers: L) -> Self {
        Self { layers, input: PhantomData }
    }

    /// Runs the model (inference).
    pub fn forward(&self, x: &X) -> L::Output {
        self.layers.forward(x)
    }

    /// The layers.
    pub fn layers(&self) -> &L {
        &self.layers
    }

    /// The layers, mutably (to load weights).
    pub fn layers_mut(&mut self) -> &mut L {
        &mut self.layers
    }

    /// Parameters of all layers, as Keras's `count_params()`.
    pub fn param_count(&self) -> usize {
        self.layers.param_count()
    }

    /// One row per layer: name, output shape (from the types), parameters.
    pub fn summary_rows(&self) -> Vec<SummaryRow>
    where
        L::Output: TypeShape,
    {
        let mut rows = Vec::new();
        self.layers.summarize(&mut rows);
        rows
    }

    /// A table like Keras's `model.summary()`.
    pub fn summary(&self) -> String
    where
        L::Output: TypeShape,
        X: TypeShape,
    {
        let rows = self.summary_rows();
        let w0 = rows.iter().map(|r| r.layer.len()).max().unwrap_or(0).max(12);
        let w1 = rows.iter().map(|r| r.output_shape.len()).max().unwrap_or(0).max(12);
        let line = format!("+-{}-+-{}-+-{}-+\n", "-".repeat(w0), "-".repeat(w1), "-".repeat(10));
        let mut s = format!("Model: input {}\n", X::type_shape());
        s += &line;
        s += &format!("| {:<w0$} | {:<w1$} | {:>10} |\n", "Layer", "Output Shape", "Param #");
        s += &line;
        for r in &rows {
            s += &format!("| {:<w0$} | {:<w1$} | {:>10} |\n", r.layer, r.output_shape, r.params);
        }
        s += &line;
        s += &format!("Total params: {}\n", self.param_count());
        s
    }
}

impl<L0> LayerInfo for (L0,)
where
    L0: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0,) = self;
        l0.param_count()
    }
}

impl<X, L0> Layer<X> for (L0,)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
{
    type Output = L0::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0,) = self;
        l0.forward(x)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0,) = self;
        l0.summarize(rows);
    }
}

impl<L0, L1> LayerInfo for (L0, L1)
where
    L0: LayerInfo,
    L1: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1) = self;
        l0.param_count() + l1.param_count()
    }
}

impl<X, L0, L1> Layer<X> for (L0, L1)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
{
    type Output = L1::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1) = self;
        let y = l0.forward(x);
        l1.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1) = self;
        l0.summarize(rows);
        l1.summarize(rows);
    }
}

impl<L0, L1, L2> LayerInfo for (L0, L1, L2)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2) = self;
        l0.param_count() + l1.param_count() + l2.param_count()
    }
}

impl<X, L0, L1, L2> Layer<X> for (L0, L1, L2)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
{
    type Output = L2::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        l2.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
    }
}

impl<L0, L1, L2, L3> LayerInfo for (L0, L1, L2, L3)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3) = self;
        l0.param_count() + l1.param_count() + l2.param_count() + l3.param_count()
    }
}

impl<X, L0, L1, L2, L3> Layer<X> for (L0, L1, L2, L3)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
{
    type Output = L3::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        l3.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4> LayerInfo for (L0, L1, L2, L3, L4)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4) = self;
        l0.param_count() + l1.param_count() + l2.param_count() + l3.param_count() + l4.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4> Layer<X> for (L0, L1, L2, L3, L4)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
{
    type Output = L4::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        l4.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5> LayerInfo for (L0, L1, L2, L3, L4, L5)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5> Layer<X> for (L0, L1, L2, L3, L4, L5)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
{
    type Output = L5::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        l5.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6> LayerInfo for (L0, L1, L2, L3, L4, L5, L6)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6> Layer<X> for (L0, L1, L2, L3, L4, L5, L6)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
{
    type Output = L6::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        l6.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6, L7> LayerInfo for (L0, L1, L2, L3, L4, L5, L6, L7)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
    L7: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6, l7) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
            + l7.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6, L7> Layer<X> for (L0, L1, L2, L3, L4, L5, L6, L7)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
    L7: Layer<L6::Output>,
    L7::Output: TypeShape,
{
    type Output = L7::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6, l7) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        let y = l6.forward(&y);
        l7.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6, l7) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
        l7.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6, L7, L8> LayerInfo for (L0, L1, L2, L3, L4, L5, L6, L7, L8)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
    L7: LayerInfo,
    L8: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
            + l7.param_count()
            + l8.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6, L7, L8> Layer<X> for (L0, L1, L2, L3, L4, L5, L6, L7, L8)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
    L7: Layer<L6::Output>,
    L7::Output: TypeShape,
    L8: Layer<L7::Output>,
    L8::Output: TypeShape,
{
    type Output = L8::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        let y = l6.forward(&y);
        let y = l7.forward(&y);
        l8.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
        l7.summarize(rows);
        l8.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6, L7, L8, L9> LayerInfo for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
    L7: LayerInfo,
    L8: LayerInfo,
    L9: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
            + l7.param_count()
            + l8.param_count()
            + l9.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6, L7, L8, L9> Layer<X> for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
    L7: Layer<L6::Output>,
    L7::Output: TypeShape,
    L8: Layer<L7::Output>,
    L8::Output: TypeShape,
    L9: Layer<L8::Output>,
    L9::Output: TypeShape,
{
    type Output = L9::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        let y = l6.forward(&y);
        let y = l7.forward(&y);
        let y = l8.forward(&y);
        l9.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
        l7.summarize(rows);
        l8.summarize(rows);
        l9.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10> LayerInfo for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
    L7: LayerInfo,
    L8: LayerInfo,
    L9: LayerInfo,
    L10: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
            + l7.param_count()
            + l8.param_count()
            + l9.param_count()
            + l10.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10> Layer<X>
    for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
    L7: Layer<L6::Output>,
    L7::Output: TypeShape,
    L8: Layer<L7::Output>,
    L8::Output: TypeShape,
    L9: Layer<L8::Output>,
    L9::Output: TypeShape,
    L10: Layer<L9::Output>,
    L10::Output: TypeShape,
{
    type Output = L10::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        let y = l6.forward(&y);
        let y = l7.forward(&y);
        let y = l8.forward(&y);
        let y = l9.forward(&y);
        l10.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
        l7.summarize(rows);
        l8.summarize(rows);
        l9.summarize(rows);
        l10.summarize(rows);
    }
}

impl<L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11> LayerInfo
    for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11)
where
    L0: LayerInfo,
    L1: LayerInfo,
    L2: LayerInfo,
    L3: LayerInfo,
    L4: LayerInfo,
    L5: LayerInfo,
    L6: LayerInfo,
    L7: LayerInfo,
    L8: LayerInfo,
    L9: LayerInfo,
    L10: LayerInfo,
    L11: LayerInfo,
{
    fn name(&self) -> String {
        "Sequential".to_string()
    }
    fn param_count(&self) -> usize {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11) = self;
        l0.param_count()
            + l1.param_count()
            + l2.param_count()
            + l3.param_count()
            + l4.param_count()
            + l5.param_count()
            + l6.param_count()
            + l7.param_count()
            + l8.param_count()
            + l9.param_count()
            + l10.param_count()
            + l11.param_count()
    }
}

impl<X, L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11> Layer<X>
    for (L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11)
where
    L0: Layer<X>,
    L0::Output: TypeShape,
    L1: Layer<L0::Output>,
    L1::Output: TypeShape,
    L2: Layer<L1::Output>,
    L2::Output: TypeShape,
    L3: Layer<L2::Output>,
    L3::Output: TypeShape,
    L4: Layer<L3::Output>,
    L4::Output: TypeShape,
    L5: Layer<L4::Output>,
    L5::Output: TypeShape,
    L6: Layer<L5::Output>,
    L6::Output: TypeShape,
    L7: Layer<L6::Output>,
    L7::Output: TypeShape,
    L8: Layer<L7::Output>,
    L8::Output: TypeShape,
    L9: Layer<L8::Output>,
    L9::Output: TypeShape,
    L10: Layer<L9::Output>,
    L10::Output: TypeShape,
    L11: Layer<L10::Output>,
    L11::Output: TypeShape,
{
    type Output = L11::Output;
    fn forward(&self, x: &X) -> Self::Output {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11) = self;
        let y = l0.forward(x);
        let y = l1.forward(&y);
        let y = l2.forward(&y);
        let y = l3.forward(&y);
        let y = l4.forward(&y);
        let y = l5.forward(&y);
        let y = l6.forward(&y);
        let y = l7.forward(&y);
        let y = l8.forward(&y);
        let y = l9.forward(&y);
        let y = l10.forward(&y);
        l11.forward(&y)
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        let (l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11) = self;
        l0.summarize(rows);
        l1.summarize(rows);
        l2.summarize(rows);
        l3.summarize(rows);
        l4.summarize(rows);
        l5.summarize(rows);
        l6.summarize(rows);
        l7.summarize(rows);
        l8.summarize(rows);
        l9.summarize(rows);
        l10.summarize(rows);
        l11.summarize(rows);
    }
}
