//! The bundled Keras models, generated at build time from their Keras files by
//! `shaped_import::build::generate_into` (see `build.rs`): the generated declarations are
//! compiled, so every shape of the Keras models is checked by rustc.
#![forbid(unsafe_code)]

/// `GunPointCnn`, generated from `data/models/gunpoint_cnn_flatten/model.keras`.
pub mod gunpoint_cnn {
    include!(concat!(env!("OUT_DIR"), "/gunpoint_cnn.rs"));
}

/// `GunPointFcn`, generated from `data/models/gunpoint_fcn/model.keras`.
pub mod gunpoint_fcn {
    include!(concat!(env!("OUT_DIR"), "/gunpoint_fcn.rs"));
}

/// `JapaneseVowelsFcn`, generated from `data/models/japanese_vowels_fcn/model.keras`.
pub mod japanese_vowels_fcn {
    include!(concat!(env!("OUT_DIR"), "/japanese_vowels_fcn.rs"));
}

/// `GunPointResNet`, generated from `data/models/gunpoint_resnet/model.keras`.
pub mod gunpoint_resnet {
    include!(concat!(env!("OUT_DIR"), "/gunpoint_resnet.rs"));
}

/// `BasicMotionsInception`, generated from `data/models/basicmotions_inception/model.keras`.
pub mod basicmotions_inception {
    include!(concat!(env!("OUT_DIR"), "/basicmotions_inception.rs"));
}

/// `JapaneseVowelsWaveNet`, generated from `data/models/japanese_vowels_wavenet/model.keras`.
pub mod japanese_vowels_wavenet {
    include!(concat!(env!("OUT_DIR"), "/japanese_vowels_wavenet.rs"));
}

/// `GunPointCnnH5`, generated from `data/models/gunpoint_cnn_flatten/model.h5`.
pub mod gunpoint_cnn_h5 {
    include!(concat!(env!("OUT_DIR"), "/gunpoint_cnn_h5.rs"));
}

/// `JapaneseVowelsWaveNetH5`, generated from `data/models/japanese_vowels_wavenet/model.h5`.
pub mod japanese_vowels_wavenet_h5 {
    include!(concat!(env!("OUT_DIR"), "/japanese_vowels_wavenet_h5.rs"));
}
/// `ImportLayers` (SeparableConv1D, DepthwiseConv1D, Conv1DTranspose), generated from
/// `data/models/import_layers/model.keras` (`tools/gen_import_layers_model.py`).
pub mod import_layers {
    include!(concat!(env!("OUT_DIR"), "/import_layers.rs"));
}

/// `ImportLayers16`, generated from `data/models/import_layers16/model.keras`: the layers the
/// importer gained with issue 16.
pub mod import_layers16 {
    include!(concat!(env!("OUT_DIR"), "/import_layers16.rs"));
}

/// `ImportLayers16Cf`, generated from `data/models/import_layers16_cf/model.keras`: a
/// channels-first Conv1DTranspose without bias, with output_padding.
pub mod import_layers16_cf {
    include!(concat!(env!("OUT_DIR"), "/import_layers16_cf.rs"));
}
