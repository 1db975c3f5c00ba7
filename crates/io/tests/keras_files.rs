//! Real Keras files (written by `tools/export_keras_files.py` with Keras 3.15.1): every tensor
//! read from `model.keras` and `model.h5` equals the one in `weights.safetensors` bit for bit,
//! under the same names.

use shaped_io::{WeightFile, WeightFormat};

const MODELS: [&str; 3] = ["gunpoint_cnn_flatten", "gunpoint_fcn", "japanese_vowels_fcn"];

fn model_file(model: &str, file: &str) -> String {
    format!("{}/../../data/models/{model}/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Every tensor of `a` and `b` as (name, dtype, shape, f32 bits).
fn contents(file: &mut WeightFile) -> Vec<(String, String, Vec<usize>, Vec<u32>)> {
    let names: Vec<String> = file.names().map(str::to_string).collect();
    names
        .into_iter()
        .map(|name| {
            let shape = file.shape(&name).expect("shape").to_vec();
            let dtype = file.dtype(&name).expect("dtype");
            let values: Vec<f32> = file.tensor(&name, &shape).expect("f32 tensor");
            (name, dtype, shape, values.iter().map(|v| v.to_bits()).collect())
        })
        .collect()
}

#[test]
fn keras_archives_and_h5_files_equal_the_safetensors_weights() {
    for model in MODELS {
        let mut reference = WeightFile::read(model_file(model, "weights.safetensors")).expect("safetensors");
        assert_eq!(reference.format(), WeightFormat::Safetensors);
        let want = contents(&mut reference);
        assert!(want.len() >= 8, "{model}: {} tensors", want.len());
        for (file, format) in
            [("model.keras", WeightFormat::KerasArchive), ("model.h5", WeightFormat::KerasH5)]
        {
            let mut keras =
                WeightFile::read(model_file(model, file)).unwrap_or_else(|e| panic!("{model}/{file}: {e}"));
            assert_eq!(keras.format(), format);
            assert_eq!(keras.declared_layout(), Some("keras"));
            let got = contents(&mut keras);
            let names = |c: &[(String, String, Vec<usize>, Vec<u32>)]| {
                c.iter().map(|t| t.0.clone()).collect::<Vec<_>>()
            };
            assert_eq!(names(&got), names(&want), "{model}/{file}: names");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g, w, "{model}/{file}: tensor {}", w.0);
            }
            assert!(keras.finish_strict().is_ok());
            assert!(keras.skipped().is_empty(), "{model}/{file}: {:?}", keras.skipped());
            let config = keras.keras_config().expect("config");
            assert_eq!(config["class_name"], "Sequential", "{model}/{file}");
            assert_eq!(config["config"]["name"], model, "{model}/{file}");
        }
    }
}
