//! A small Conv1D CNN (pooling, Flatten, two Dense layers) trained in Keras on GunPoint,
//! reproduced in typed Rust. The 544 features between Flatten and the first Dense are computed
//! by the types from the input length 150 through two strided layers and two poolings.
//!
//! ```text
//! cargo run --release --example gunpoint_cnn
//! ```

use std::path::Path;

use shaped_models::{gunpoint_test_set, report, GunPointCnn, KerasReference};

fn main() -> Result<(), shaped_models::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("data/models/gunpoint_cnn_flatten");
    let test = gunpoint_test_set(root.join("data/datasets/GunPoint/GunPoint_TEST.ts"))?;
    println!("GunPoint test set: {}", test.inputs);
    let model = GunPointCnn::load(dir.join("weights.safetensors"))?;
    println!("\n{}", model.summary());
    let keras = KerasReference::read(&dir)?;
    report("as trained", &model, &test, &keras, 101);
    report("BatchNormalization folded", &model.folded(), &test, &keras, 101);
    Ok(())
}
