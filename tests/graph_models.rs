//! The functional Keras models (ResNet, InceptionTime, gated WaveNet), each declared once with `model!`:
//! weights loaded by Keras name from Keras's file with every tensor used, every predicted class
//! on the whole test set equal to Keras's, probabilities within 1e-5, the summary equal to
//! Keras's `model.summary()` (names, classes, output shapes, parameters, connections), and
//! saved weights loading back to identical outputs.

use std::path::{Path, PathBuf};

use safetensors::SafeTensors;
use serde_json::Value;
use shaped::io::{WeightFile, WeightWriter};
use shaped::prelude::*;
use shaped::tensor::Workspace;
use shaped_models::{argmax, BasicMotionsInception, GunPointResNet, JapaneseVowelsWaveNet};

fn model_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models").join(name)
}

fn f32s(dir: &Path, file: &str, tensor: &str) -> Vec<f32> {
    let bytes = std::fs::read(dir.join(file)).unwrap();
    let st = SafeTensors::deserialize(&bytes).unwrap();
    let view = st.tensor(tensor).unwrap();
    view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Compares probabilities and classes with Keras's `model.predict`.
fn check_outputs(name: &str, probabilities: &[f32], classes: usize) {
    let keras = f32s(&model_dir(name), "test_outputs.safetensors", "probabilities");
    assert_eq!(probabilities.len(), keras.len(), "{name}: whole test set");
    let max_dp = probabilities.iter().zip(&keras).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(max_dp <= 1e-5, "{name}: probabilities differ from Keras's by {max_dp:e}");
    let ours: Vec<usize> = probabilities.chunks_exact(classes).map(argmax).collect();
    let theirs: Vec<usize> = keras.chunks_exact(classes).map(argmax).collect();
    assert_eq!(ours, theirs, "{name}: predicted classes");
}

/// Keras's summary rows, keyed by layer name: (class, output shape, parameters, connected to).
fn keras_summary(name: &str) -> Vec<(String, String, String, usize, Vec<String>)> {
    let text = std::fs::read_to_string(model_dir(name).join("summary.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut rows: Vec<_> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let connected =
                r["connected_to"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string());
            (
                r["name"].as_str().unwrap().to_string(),
                r["class_name"].as_str().unwrap().to_string(),
                r["output_shape_text"].as_str().unwrap().to_string(),
                r["param_count"].as_u64().unwrap() as usize,
                connected.collect(),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn our_summary(rows: &[shaped::layers::GraphRow]) -> Vec<(String, String, String, usize, Vec<String>)> {
    let mut rows: Vec<_> = rows
        .iter()
        .map(|r| (r.name.clone(), r.class.clone(), r.output_shape.clone(), r.params, r.connected_to.clone()))
        .collect();
    rows.sort();
    rows
}

macro_rules! graph_model_test {
    ($test:ident, $model:ty, $dir:literal, $classes:literal) => {
        #[test]
        fn $test() {
            let dir = model_dir($dir);
            let mut file = WeightFile::read(dir.join("weights.safetensors")).unwrap();
            let mut model = <$model>::new(7);
            model.load_weights(&mut file).unwrap();
            file.finish_strict().expect("every tensor of Keras's file is used");

            let x = Tensor::from_vec(f32s(&dir, "test_inputs.safetensors", "inputs")).unwrap();
            let y = model.forward(&x);
            check_outputs($dir, y.as_slice(), $classes);

            // Through a workspace, on a batch the first call planned and a smaller one.
            let mut ws = Workspace::new();
            let mut out = Tensor::zeros_with_batch(0).unwrap();
            model.forward_into(&x, &mut out, &mut ws);
            model.forward_into(&x, &mut out, &mut ws);
            assert_eq!(out, y, "forward_into gives forward's result");

            assert_eq!(our_summary(&model.summary_rows()), keras_summary($dir), "summary");
            let total: usize = keras_summary($dir).iter().map(|r| r.3).sum();
            assert_eq!(model.param_count(), total);

            let mut w = WeightWriter::new();
            model.save_weights(&mut w).unwrap();
            let mut again = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
            let mut reloaded = <$model>::new(8);
            reloaded.load_weights(&mut again).unwrap();
            again.finish_strict().unwrap();
            assert_eq!(reloaded.forward(&x), y, "saved weights load back identically");
        }
    };
}

graph_model_test!(gunpoint_resnet_reproduces_keras, GunPointResNet, "gunpoint_resnet", 2);
graph_model_test!(
    basicmotions_inception_reproduces_keras,
    BasicMotionsInception,
    "basicmotions_inception",
    4
);
graph_model_test!(
    japanese_vowels_wavenet_reproduces_keras,
    JapaneseVowelsWaveNet,
    "japanese_vowels_wavenet",
    9
);

#[test]
fn a_declared_model_names_its_layers_as_keras_does() {
    assert_eq!(
        &GunPointResNet::LAYER_NAMES[..4],
        ["conv1d", "batch_normalization", "activation", "conv1d_1"]
    );
    assert!(JapaneseVowelsWaveNet::LAYER_NAMES.contains(&"add_4"));
    assert!(!JapaneseVowelsWaveNet::LAYER_NAMES.contains(&"conv1d_15"), "Keras prunes it");
    let s = GunPointResNet::new(0).summary();
    assert!(s.contains("| add (Add)"), "{s}");
    assert!(s.contains("batch_normalization_3[0][0], batch_normalization_2[0][0]"), "{s}");
}

shaped::model! {
    /// The layers the generator writes for ZeroPadding1D, Cropping1D, UpSampling1D and Reshape, as it
    /// writes them.
    pub struct Reshaping(input_layer: Tensor<f32, shape![Dyn, 20, 3]>) -> Tensor<f32, shape![Dyn, 34, 3]> {
        let zero_padding1d = ZeroPadding1D<U![1], U![2]>(input_layer) as "zero_padding1d";
        let cropping1d = Cropping1D<U![3], U![3]>(zero_padding1d) as "cropping1d";
        let up_sampling1d = UpSampling1D<U![2]>(cropping1d) as "up_sampling1d";
        let reshape = Reshape<(U![34], U![3],)>(up_sampling1d) as "reshape";
        reshape
    }
}

#[test]
fn generated_reshaping_layers_compile_and_run() {
    let x = Tensor::<f32, shape![Dyn, 20, 3]>::from_fn_with_batch(2, |i| i[1] as f32).unwrap();
    let y = Reshaping::new(0).forward(&x);
    // Padded with 1 step on the left, then cropped by 3: output step 0 is input step 2,
    // repeated twice by the up-sampling.
    assert_eq!(y.get(&[0, 0, 0]), Some(2.0));
    assert_eq!(y.get(&[0, 1, 0]), Some(2.0));
    assert_eq!(y.get(&[0, 2, 0]), Some(3.0));
    assert_eq!(Reshaping::LAYER_NAMES, ["zero_padding1d", "cropping1d", "up_sampling1d", "reshape"]);
}
