//! What every reproduced model offers, and the report the examples print.

use shaped_shapes::{Dyn, StaticDim};
use shaped_tensor::Tensor;

use crate::{median_ms, Comparison, KerasReference, TestSet};

/// A classifier of inputs `Input` into `Classes` classes.
pub trait Classifier {
    /// The model's input: a typed batch of sequences.
    type Input;
    /// The number of classes.
    type Classes: StaticDim;
    /// Class probabilities, `(batch, classes)`.
    fn probabilities(&self, x: &Self::Input) -> Tensor<f32, (Dyn, Self::Classes)>;
    /// The last layer before its softmax, `(batch, classes)`.
    fn logits(&self, x: &Self::Input) -> Tensor<f32, (Dyn, Self::Classes)>;
}

/// Prints how `model` compares with Keras on `test`, then times it on the whole test set
/// (median of `repeats`, all cores), naming the CPU. Keras's time is not printed: the figures in the model's
/// folder come from another machine and moment; `cargo bench --bench models` measures Keras
/// in the same run and prints the ratio.
pub fn report<M: Classifier>(
    label: &str,
    model: &M,
    test: &TestSet<M::Input>,
    keras: &KerasReference,
    repeats: usize,
) {
    let p = model.probabilities(&test.inputs);
    let z = model.logits(&test.inputs);
    println!("{label}:\n{}", Comparison::new(keras, p.as_slice(), z.as_slice(), &test.labels));
    let ms = median_ms(repeats, || drop(std::hint::black_box(model.probabilities(&test.inputs))));
    println!(
        "whole test set ({} cases), all cores of {}: {:.2} ms (median of {repeats})\n",
        test.labels.len(),
        crate::cpu_name(),
        ms,
    );
}
