//! The three Keras-trained models loaded straight from Keras's own files (`model.keras`, the
//! Keras 3 archive, and `model.h5`, the legacy HDF5 format) give exactly the predictions of the
//! same models loaded from `weights.safetensors`.

use std::path::{Path, PathBuf};

use shaped_models::Classifier;
use shaped_models::{
    gunpoint_test_set, japanese_vowels_test_set, GunPointCnn, GunPointFcn, JapaneseVowelsFcn,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn model_file(model: &str, file: &str) -> PathBuf {
    root().join("data/models").join(model).join(file)
}

#[test]
fn keras_files_load_the_models() {
    let gunpoint = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).unwrap();
    let vowels =
        japanese_vowels_test_set(root().join("data/datasets/JapaneseVowels/JapaneseVowels_TEST.ts")).unwrap();
    let fcn = GunPointFcn::load(model_file("gunpoint_fcn", "weights.safetensors")).unwrap();
    let cnn = GunPointCnn::load(model_file("gunpoint_cnn_flatten", "weights.safetensors")).unwrap();
    let jv = JapaneseVowelsFcn::load(model_file("japanese_vowels_fcn", "weights.safetensors")).unwrap();
    let want_fcn = fcn.probabilities(&gunpoint.inputs);
    let want_cnn = cnn.probabilities(&gunpoint.inputs);
    let want_jv = jv.probabilities(&vowels.inputs);
    for file in ["model.keras", "model.h5"] {
        let fcn =
            GunPointFcn::load(model_file("gunpoint_fcn", file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(fcn.probabilities(&gunpoint.inputs), want_fcn, "gunpoint_fcn/{file}");
        let cnn = GunPointCnn::load(model_file("gunpoint_cnn_flatten", file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(cnn.probabilities(&gunpoint.inputs), want_cnn, "gunpoint_cnn_flatten/{file}");
        let jv = JapaneseVowelsFcn::load(model_file("japanese_vowels_fcn", file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(jv.probabilities(&vowels.inputs), want_jv, "japanese_vowels_fcn/{file}");
    }
}
