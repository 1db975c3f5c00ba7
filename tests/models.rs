//! The Keras-trained models reproduced: every test case's predicted class equals Keras's,
//! probabilities within 1e-5 and logits within 1e-4, accuracy equal to Keras's; for the
//! models as loaded and with BatchNormalization folded. Inputs come from the `.ts` files
//! through the project's reader (and `pad_sequences` for JapaneseVowels); the pre-padded
//! tensors Keras was fed serve as a check of that path.

use std::path::{Path, PathBuf};

use safetensors::SafeTensors;
use shaped::prelude::*;
use shaped_models::Classifier;
use shaped_models::{
    argmax, gunpoint_test_set, japanese_vowels_test_set, GunPointCnn, GunPointFcn, JapaneseVowelsFcn,
    KerasReference,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn model_dir(name: &str) -> PathBuf {
    root().join("data/models").join(name)
}

/// Compares a model's outputs on the test set with Keras's.
fn check(name: &str, probabilities: &[f32], logits: &[f32], labels: &[usize]) {
    let keras = KerasReference::read(model_dir(name)).unwrap();
    assert_eq!(probabilities.len(), keras.probabilities.len(), "{name}: probabilities");
    let max_dp =
        probabilities.iter().zip(&keras.probabilities).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    let max_dl = logits.iter().zip(&keras.logits).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(max_dp <= 1e-5, "{name}: probabilities differ from Keras's by {max_dp:e}");
    assert!(max_dl <= 1e-4, "{name}: logits differ from Keras's by {max_dl:e}");
    let predicted: Vec<usize> = probabilities.chunks_exact(keras.classes).map(argmax).collect();
    assert_eq!(predicted, keras.predicted, "{name}: predicted classes");
    let correct = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
    let accuracy = correct as f64 / labels.len() as f64;
    assert!(
        (accuracy - keras.accuracy).abs() < 1e-12,
        "{name}: accuracy {accuracy} vs Keras {}",
        keras.accuracy
    );
}

/// The `inputs` tensor Keras was fed, to check the data path.
fn keras_inputs(name: &str) -> Vec<f32> {
    let bytes = std::fs::read(model_dir(name).join("test_inputs.safetensors")).unwrap();
    let st = SafeTensors::deserialize(&bytes).unwrap();
    st.tensor("inputs")
        .unwrap()
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

#[test]
fn japanese_vowels_fcn_reproduces_keras() {
    let test =
        japanese_vowels_test_set(root().join("data/datasets/JapaneseVowels/JapaneseVowels_TEST.ts")).unwrap();
    assert_eq!(test.inputs.batch(), 370);
    let report = test.padding.as_ref().unwrap();
    assert_eq!(report.truncated, 0, "no test sequence is longer than 29 steps");
    // pad_sequences on the .ts file gives exactly what Keras was fed.
    assert_eq!(test.inputs.as_slice(), keras_inputs("japanese_vowels_fcn").as_slice());
    let model =
        JapaneseVowelsFcn::load(model_dir("japanese_vowels_fcn").join("weights.safetensors")).unwrap();
    assert_eq!(model.param_count(), 278_153);
    check(
        "japanese_vowels_fcn",
        model.probabilities(&test.inputs).as_slice(),
        model.logits(&test.inputs).as_slice(),
        &test.labels,
    );
    let folded = model.folded();
    check(
        "japanese_vowels_fcn",
        folded.probabilities(&test.inputs).as_slice(),
        folded.logits(&test.inputs).as_slice(),
        &test.labels,
    );
}

#[test]
fn gunpoint_fcn_reproduces_keras() {
    let test = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).unwrap();
    assert_eq!(test.inputs.as_slice(), keras_inputs("gunpoint_fcn").as_slice());
    let model = GunPointFcn::load(model_dir("gunpoint_fcn").join("weights.safetensors")).unwrap();
    assert_eq!(model.param_count(), 265_986);
    check(
        "gunpoint_fcn",
        model.probabilities(&test.inputs).as_slice(),
        model.logits(&test.inputs).as_slice(),
        &test.labels,
    );
    let folded = model.folded();
    check(
        "gunpoint_fcn",
        folded.probabilities(&test.inputs).as_slice(),
        folded.logits(&test.inputs).as_slice(),
        &test.labels,
    );
}

#[test]
fn gunpoint_cnn_reproduces_keras() {
    let test = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).unwrap();
    assert_eq!(test.inputs.as_slice(), keras_inputs("gunpoint_cnn_flatten").as_slice());
    let model = GunPointCnn::load(model_dir("gunpoint_cnn_flatten").join("weights.safetensors")).unwrap();
    assert_eq!(model.param_count(), 20_290);
    let summary = model.summary();
    assert!(summary.contains("(None, 544)"), "{summary}");
    check(
        "gunpoint_cnn_flatten",
        model.probabilities(&test.inputs).as_slice(),
        model.logits(&test.inputs).as_slice(),
        &test.labels,
    );
    let folded = model.folded();
    check(
        "gunpoint_cnn_flatten",
        folded.probabilities(&test.inputs).as_slice(),
        folded.logits(&test.inputs).as_slice(),
        &test.labels,
    );
}

#[test]
fn a_partial_batch_gives_the_same_rows() {
    let test = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).unwrap();
    let model = GunPointCnn::load(model_dir("gunpoint_cnn_flatten").join("weights.safetensors")).unwrap();
    let all = model.probabilities(&test.inputs);
    let first7 = Tensor::<f32, shape![Dyn, 150, 1]>::from_slice(&test.inputs.as_slice()[..7 * 150]).unwrap();
    assert_eq!(model.probabilities(&first7).as_slice(), &all.as_slice()[..7 * 2]);
}

#[test]
fn saved_weights_load_back_to_the_same_model() {
    let test = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).unwrap();
    let dir = std::env::temp_dir().join(format!("shaped-models-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cnn = GunPointCnn::load(model_dir("gunpoint_cnn_flatten").join("weights.safetensors")).unwrap();
    cnn.save(dir.join("cnn.safetensors")).unwrap();
    let again = GunPointCnn::load(dir.join("cnn.safetensors")).unwrap();
    assert_eq!(again.probabilities(&test.inputs), cnn.probabilities(&test.inputs));
    let fcn = GunPointFcn::load(model_dir("gunpoint_fcn").join("weights.safetensors")).unwrap();
    fcn.save(dir.join("fcn.safetensors")).unwrap();
    let again = GunPointFcn::load(dir.join("fcn.safetensors")).unwrap();
    assert_eq!(again.probabilities(&test.inputs), fcn.probabilities(&test.inputs));
    std::fs::remove_dir_all(&dir).unwrap();
}
