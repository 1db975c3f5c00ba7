//! Every bundled Keras model, generated from its `.keras` (or legacy `.h5`) file and loaded
//! from the same file by Keras layer name, reproduces Keras on its whole test set: identical
//! classes, probabilities within 1e-5, and every tensor of the file used.

use std::path::{Path, PathBuf};

use safetensors::SafeTensors;
use shaped::io::WeightFile;
use shaped::prelude::*;

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models").join(name)
}

fn f32s(path: PathBuf, tensor: &str) -> Vec<f32> {
    let bytes = std::fs::read(path).unwrap();
    let st = SafeTensors::deserialize(&bytes).unwrap();
    st.tensor(tensor)
        .unwrap()
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

fn argmax(row: &[f32]) -> usize {
    (0..row.len()).fold(0, |best, i| if row[i] > row[best] { i } else { best })
}

/// Checks a model's probabilities on the test set against Keras's.
fn check(name: &str, probabilities: &[f32], classes: usize) {
    let keras = f32s(dir(name).join("test_outputs.safetensors"), "probabilities");
    assert_eq!(probabilities.len(), keras.len(), "{name}: the whole test set");
    let max_dp = probabilities.iter().zip(&keras).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(max_dp <= 1e-5, "{name}: probabilities differ from Keras's by {max_dp:e}");
    let ours: Vec<usize> = probabilities.chunks_exact(classes).map(argmax).collect();
    let theirs: Vec<usize> = keras.chunks_exact(classes).map(argmax).collect();
    assert_eq!(ours, theirs, "{name}: classes");
}

macro_rules! imported {
    ($test:ident, $module:ident :: $model:ident, $dir:literal, $file:literal, $classes:literal) => {
        #[test]
        fn $test() {
            let mut file = WeightFile::read(dir($dir).join($file)).unwrap();
            let mut model = shaped_import_tests::$module::$model::new(0);
            model.load_weights(&mut file).unwrap();
            file.finish_strict().expect("every variable of the Keras file is used");
            let x = Tensor::from_vec(f32s(dir($dir).join("test_inputs.safetensors"), "inputs")).unwrap();
            check($dir, model.forward(&x).as_slice(), $classes);
        }
    };
}

imported!(gunpoint_cnn_from_model_keras, gunpoint_cnn::GunPointCnn, "gunpoint_cnn_flatten", "model.keras", 2);
imported!(gunpoint_fcn_from_model_keras, gunpoint_fcn::GunPointFcn, "gunpoint_fcn", "model.keras", 2);
imported!(
    japanese_vowels_fcn_from_model_keras,
    japanese_vowels_fcn::JapaneseVowelsFcn,
    "japanese_vowels_fcn",
    "model.keras",
    9
);
imported!(
    gunpoint_resnet_from_model_keras,
    gunpoint_resnet::GunPointResNet,
    "gunpoint_resnet",
    "model.keras",
    2
);
imported!(
    basicmotions_inception_from_model_keras,
    basicmotions_inception::BasicMotionsInception,
    "basicmotions_inception",
    "model.keras",
    4
);
imported!(
    japanese_vowels_wavenet_from_model_keras,
    japanese_vowels_wavenet::JapaneseVowelsWaveNet,
    "japanese_vowels_wavenet",
    "model.keras",
    9
);
imported!(
    gunpoint_cnn_h5_from_model_h5,
    gunpoint_cnn_h5::GunPointCnnH5,
    "gunpoint_cnn_flatten",
    "model.h5",
    2
);
imported!(
    japanese_vowels_wavenet_h5_from_model_h5,
    japanese_vowels_wavenet_h5::JapaneseVowelsWaveNetH5,
    "japanese_vowels_wavenet",
    "model.h5",
    9
);
imported!(import_layers_from_model_keras, import_layers::ImportLayers, "import_layers", "model.keras", 3);
imported!(
    import_layers16_from_model_keras,
    import_layers16::ImportLayers16,
    "import_layers16",
    "model.keras",
    3
);
imported!(
    import_layers16_cf_from_model_keras,
    import_layers16_cf::ImportLayers16Cf,
    "import_layers16_cf",
    "model.keras",
    3
);
