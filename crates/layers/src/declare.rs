//! Models declared once, in Keras's functional order: the [`model!`](crate::model) macro and
//! the summary it prints.

/// One row of a functional model's summary, as Keras's `model.summary()` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphRow {
    /// Keras's layer name, e.g. `conv1d_3`.
    pub name: String,
    /// The Keras class, e.g. `Conv1D`.
    pub class: String,
    /// The output shape, `None` for a run-time batch: `(None, 150, 64)`.
    pub output_shape: String,
    /// Parameters.
    pub params: usize,
    /// The layers whose outputs it takes, as Keras prints them: `conv1d_2[0][0]`.
    pub connected_to: Vec<String>,
}

/// Formats a functional model's summary rows as Keras does: layer (type), output shape,
/// parameters and what each layer is connected to, then the total.
pub fn graph_summary_table(model: &str, rows: &[GraphRow]) -> String {
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            let connected =
                if r.connected_to.is_empty() { "-".to_string() } else { r.connected_to.join(", ") };
            [format!("{} ({})", r.name, r.class), r.output_shape.clone(), r.params.to_string(), connected]
        })
        .collect();
    let head = ["Layer (type)", "Output Shape", "Param #", "Connected to"].map(String::from);
    let mut w = head.clone().map(|h| h.len());
    for c in &cells {
        for (wi, ci) in w.iter_mut().zip(c) {
            *wi = (*wi).max(ci.len());
        }
    }
    let line = format!("+-{}-+\n", w.iter().map(|&n| "-".repeat(n)).collect::<Vec<_>>().join("-+-"));
    let fmt_row = |c: &[String; 4]| {
        format!(
            "| {:<a$} | {:<b$} | {:>p$} | {:<d$} |\n",
            c[0],
            c[1],
            c[2],
            c[3],
            a = w[0],
            b = w[1],
            p = w[2],
            d = w[3]
        )
    };
    let mut s = format!("Model: \"{model}\"\n{line}");
    s += &fmt_row(&head);
    s += &line;
    for c in &cells {
        s += &fmt_row(c);
    }
    s += &line;
    s += &format!("Total params: {}\n", rows.iter().map(|r| r.params).sum::<usize>());
    s
}

/// Declares a typed model once, in Keras's functional order: its type, a constructor with
/// Keras's default initialisers, `forward`/`forward_into`, `summary()` with Keras's layer names
/// and "Connected to", `param_count()`, and weight loading and saving by Keras layer name.
///
/// **Keras equivalent:** the functional API, `x = Conv1D(...)(inputs)` ... `Model(inputs,
/// outputs)`: the declaration names the input and the output type (`struct Name(x: Input) ->
/// Output`). Each `let` names a layer's output (names may be reused, as `x` is in Keras code);
/// the layers are named as Keras names them (`conv1d`, `conv1d_1`, `add`, ...), or `as
/// "name"`; each is a public field of the model under that name. After the layer's inputs come
/// builder calls on its default (`.activation(Activation::Relu)`, `.use_bias(false)`), and
/// `.with(value)` gives a layer whose arguments are run-time values (`Activation`).
///
/// Every shape is checked by the compiler, and a mistake is reported at the line of the layer
/// that does not fit. The forward pass gives each intermediate back to the workspace after its
/// last use.
///
/// ```
/// use shaped::layers::merge::{Add, Concatenate};
/// use shaped::layers::pool::GlobalAveragePooling1D;
/// use shaped::layers::{model, Activation, BatchNormalization, Conv1D, Dense};
/// use shaped::shapes::{shape, Dyn, Same, U};
/// use shaped::tensor::{Tensor, Workspace};
/// use typenum::U1;
///
/// model! {
///     /// A residual block with a projection shortcut, then a classifier.
///     pub struct Tiny(x: Tensor<f32, shape![Dyn, 50, 2]>) -> Tensor<f32, shape![Dyn, 3]> {
///         let y = Conv1D<f32, U![2], U![8], U![3], U1, Same>(x);
///         let y = BatchNormalization<f32, U![8]>(y);
///         let y = Activation(y).with(Activation::Relu);
///         let s = Conv1D<f32, U![2], U![8], U1, U1, Same>(x);
///         let y = Add(s, y);
///         let p = GlobalAveragePooling1D(y);
///         let z = Dense<f32, U![8], U![3]>(p).activation(Activation::Softmax);
///         z
///     }
/// }
///
/// let model = Tiny::new(0);
/// assert_eq!(Tiny::LAYER_NAMES, ["conv1d", "batch_normalization", "activation", "conv1d_1", "add", "global_average_pooling1d", "dense"]);
/// assert_eq!(model.param_count(), (3 * 2 * 8 + 8) + 4 * 8 + (2 * 8 + 8) + (8 * 3 + 3));
/// let x = Tensor::<f32, shape![Dyn, 50, 2]>::zeros_with_batch(4)?;
/// let mut out = Tensor::<f32, shape![Dyn, 3]>::zeros_with_batch(0)?;
/// let mut ws = Workspace::new();
/// model.forward_into(&x, &mut out, &mut ws);
/// assert_eq!(out.batch(), 4);
/// assert!(model.summary().contains("| add (Add)"));
/// assert_eq!(model.summary_rows()[5].connected_to, ["conv1d_1[0][0]", "activation[0][0]"]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[macro_export]
macro_rules! model {
    ($($declaration:tt)*) => {
        $crate::__model!($crate; $($declaration)*);
    };
}
