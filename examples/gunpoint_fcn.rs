//! A Conv1D FCN trained in Keras on GunPoint, reproduced in typed Rust: test set from the `.ts`
//! file, weights from Keras's safetensors, compared with Keras's outputs and timing.
//!
//! ```text
//! cargo run --release --example gunpoint_fcn
//! ```

use std::path::Path;

use shaped_models::{gunpoint_test_set, report, GunPointFcn, KerasReference};

fn main() -> Result<(), shaped_models::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("data/models/gunpoint_fcn");
    let test = gunpoint_test_set(root.join("data/datasets/GunPoint/GunPoint_TEST.ts"))?;
    println!("GunPoint test set: {}", test.inputs);
    let model = GunPointFcn::load(dir.join("weights.safetensors"))?;
    println!("\n{}", model.summary());
    let keras = KerasReference::read(&dir)?;
    report("as trained", &model, &test, &keras, 10);
    report("BatchNormalization folded", &model.folded(), &test, &keras, 10);
    Ok(())
}
