//! The Keras text classifier of `data/models/gunpoint_tokens_textcnn` (Embedding(17, 8) ->
//! Conv1D(16, 5, relu) -> GlobalMaxPooling1D -> Dense(2, softmax), trained by
//! `tools/train_text_classifier.py` on GunPoint series turned into tokens), reproduced in shaped:
//! the tokens derived again in Rust from the `.ts` file, the weights loaded from
//! `weights.safetensors` and from `model.keras`, classes identical to Keras's and probabilities
//! within 1e-5 on the 150 test series.
//!
//! `cargo test --test text_classifier -- --nocapture` prints the figures.

use std::path::{Path, PathBuf};

use shaped::io::{load_conv1d, load_dense, load_embedding, TsDataset, WeightFile, WeightLayout};
use shaped::layers::KerasVariables;
use shaped::prelude::*;

type Vocabulary = U![17];
type Ids = Tokens<Vocabulary, shape![Dyn, 150]>;
type Layers = (
    Embedding<f32, Vocabulary, U![8]>,
    Conv1D<f32, U![8], U![16], U![5]>,
    GlobalMaxPooling1D,
    Dense<f32, U![16], U![2]>,
);
type Model = Sequential<Ids, Layers>;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models/gunpoint_tokens_textcnn")
}

/// The documented rule of `tools/train_text_classifier.py`, in float64 as there:
/// `1 + min(15, max(0, floor((x + 2.0) * 4.0)))`.
fn token(x: f64) -> i64 {
    1 + ((x + 2.0) * 4.0).floor().clamp(0.0, 15.0) as i64
}

/// The GunPoint test split tokenised by the rule, and its labels.
fn test_tokens() -> (Vec<i64>, Vec<usize>) {
    let ts = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/datasets/GunPoint/GunPoint_TEST.ts");
    let data = TsDataset::<f64>::read(ts).unwrap();
    let ids =
        (0..data.len()).flat_map(|i| data.case(i).unwrap().iter().map(|&x| token(x)).collect::<Vec<_>>());
    (ids.collect(), data.labels().to_vec())
}

fn keras_outputs() -> (Vec<f32>, Vec<i64>) {
    let mut out = WeightFile::read(folder().join("test_outputs.safetensors")).unwrap();
    (
        out.tensor::<f32>("probabilities", &[150, 2]).unwrap(),
        out.tensor_i64("predicted_class", &[150]).unwrap(),
    )
}

fn keras_accuracy() -> f64 {
    let text = std::fs::read_to_string(folder().join("metrics.json")).unwrap();
    let metrics: serde_json::Value = serde_json::from_str(&text).unwrap();
    metrics["test_accuracy"].as_f64().unwrap()
}

fn from_safetensors() -> Model {
    let mut file = WeightFile::read(folder().join("weights.safetensors")).unwrap();
    let k = WeightLayout::Keras;
    let model = Sequential::new((
        load_embedding(&mut file, "embedding", k).unwrap(),
        load_conv1d(&mut file, "conv1d", k).unwrap().activation(Activation::Relu),
        GlobalMaxPooling1D::new(),
        load_dense(&mut file, "dense", k).unwrap().activation(Activation::Softmax),
    ));
    file.finish_strict().unwrap();
    model
}

fn argmax(row: &[f32]) -> usize {
    (0..row.len()).fold(0, |best, i| if row[i] > row[best] { i } else { best })
}

/// Compares `model` with Keras on the test split; returns (accuracy, max |p - p_keras|).
fn compare(model: &Model) -> (f64, f32) {
    let (ids, labels) = test_tokens();
    let x = Ids::from_ids(&ids).unwrap();
    let p: Tensor<f32, shape![Dyn, 2]> = model.forward(&x);
    let (keras_p, keras_class) = keras_outputs();
    let mut correct = 0;
    let mut max_diff = 0f32;
    for (i, row) in p.as_slice().chunks_exact(2).enumerate() {
        let class = argmax(row);
        assert_eq!(class as i64, keras_class[i], "case {i}: class {class}, Keras {}", keras_class[i]);
        correct += usize::from(class == labels[i]);
        for (a, b) in row.iter().zip(&keras_p[2 * i..2 * i + 2]) {
            max_diff = max_diff.max((a - b).abs());
        }
    }
    (correct as f64 / labels.len() as f64, max_diff)
}

#[test]
fn the_rust_tokens_are_the_ones_keras_was_given() {
    let (ids, _) = test_tokens();
    let mut file = WeightFile::read(folder().join("test_inputs.safetensors")).unwrap();
    let stored = file.tensor_i64("tokens", &[150, 150]).unwrap();
    assert_eq!(ids, stored);
    assert!(ids.iter().all(|&t| (1..17).contains(&t)));
}

#[test]
fn the_text_classifier_reproduces_keras() {
    let model = from_safetensors();
    let (accuracy, max_diff) = compare(&model);
    println!("{}", model.summary());
    println!(
        "gunpoint_tokens_textcnn: test accuracy {accuracy:.4} (Keras {:.4}), same class as Keras 150/150, max |p - p_keras| {max_diff:.3e}",
        keras_accuracy()
    );
    assert!(max_diff <= 1e-5, "max |p - p_keras| = {max_diff}");
    assert!((accuracy - keras_accuracy()).abs() < 1e-6, "accuracy {accuracy}, Keras {}", keras_accuracy());
    assert_eq!(model.param_count(), 17 * 8 + (5 * 8 * 16 + 16) + (16 * 2 + 2));
    assert!(model.summary().contains("(None, 150, 8)"), "{}", model.summary());
}

#[test]
fn the_keras_archive_loads_by_layer_name_to_the_same_model() {
    let mut file = WeightFile::read(folder().join("model.keras")).unwrap();
    let mut model: Layers = (Embedding::new(0), Conv1D::new(1), GlobalMaxPooling1D::new(), Dense::new(2));
    model.0.load_variables("embedding", &mut file).unwrap();
    model.1.load_variables("conv1d", &mut file).unwrap();
    model.3.load_variables("dense", &mut file).unwrap();
    file.finish_strict().unwrap();
    let model = Sequential::new((
        model.0,
        model.1.activation(Activation::Relu),
        model.2,
        model.3.activation(Activation::Softmax),
    ));
    let (_, max_diff) = compare(&model);
    assert!(max_diff <= 1e-5, "max |p - p_keras| = {max_diff}");
    let reference = from_safetensors();
    assert_eq!(model.layers().0.embeddings(), reference.layers().0.embeddings());
}

#[test]
fn a_token_outside_the_vocabulary_is_refused_at_the_boundary_naming_it() {
    // The same test data checked against a vocabulary one id too small: the first 16 is named.
    let (ids, _) = test_tokens();
    let first = ids.iter().position(|&t| t == 16).expect("the top bin occurs in the test split");
    let err = Tokens::<U![16], shape![Dyn, 150]>::from_ids(&ids).unwrap_err();
    let (b, t) = (first / 150, first % 150);
    assert_eq!(
        err.to_string(),
        format!("token id 16 at sample {b}, step {t} is outside the vocabulary: expected an id in 0..16 (Embedding input_dim = 16)")
    );
}
