//! Generates each bundled Keras model from its `.keras` archive (and two from their legacy
//! `.h5` files) with `shaped_import::build::generate_into`, as a user's build script would.

use std::path::Path;

/// (folder under data/models, file, Rust name, generated file).
const MODELS: &[(&str, &str, &str, &str)] = &[
    ("gunpoint_cnn_flatten", "model.keras", "GunPointCnn", "gunpoint_cnn.rs"),
    ("gunpoint_fcn", "model.keras", "GunPointFcn", "gunpoint_fcn.rs"),
    ("japanese_vowels_fcn", "model.keras", "JapaneseVowelsFcn", "japanese_vowels_fcn.rs"),
    ("gunpoint_resnet", "model.keras", "GunPointResNet", "gunpoint_resnet.rs"),
    ("basicmotions_inception", "model.keras", "BasicMotionsInception", "basicmotions_inception.rs"),
    ("japanese_vowels_wavenet", "model.keras", "JapaneseVowelsWaveNet", "japanese_vowels_wavenet.rs"),
    ("import_layers", "model.keras", "ImportLayers", "import_layers.rs"),
    ("import_layers16", "model.keras", "ImportLayers16", "import_layers16.rs"),
    ("import_layers16_cf", "model.keras", "ImportLayers16Cf", "import_layers16_cf.rs"),
    ("gunpoint_cnn_flatten", "model.h5", "GunPointCnnH5", "gunpoint_cnn_h5.rs"),
    ("japanese_vowels_wavenet", "model.h5", "JapaneseVowelsWaveNetH5", "japanese_vowels_wavenet_h5.rs"),
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (dir, file, name, generated) in MODELS {
        if let Err(e) =
            shaped_import::build::generate_into(root.join(dir).join(file), name, out.join(generated))
        {
            panic!("generating {name} from {dir}/{file}: {e}");
        }
    }
}
