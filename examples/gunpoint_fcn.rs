//! A Conv1D FCN trained in Keras on GunPoint, reproduced in typed Rust: test set from the `.ts`
//! file, weights from Keras's safetensors, compared with Keras's outputs and timing.
//!
//! ```text
//! cargo run --release --example gunpoint_fcn
//! ```

use std::path::Path;
use std::time::Instant;

use shaped_models::{gunpoint_test_set, median, Comparison, GunPointFcn, KerasReference};

fn main() -> Result<(), shaped_models::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("data/models/gunpoint_fcn");
    let test = gunpoint_test_set(root.join("data/datasets/GunPoint/GunPoint_TEST.ts"))?;
    println!("GunPoint test set: {}", test.inputs);
    let model = GunPointFcn::load(dir.join("weights.safetensors"))?;
    println!("\n{}", model.summary());
    let keras = KerasReference::read(&dir)?;
    let p = model.probabilities(&test.inputs);
    println!(
        "as trained:\n{}",
        Comparison::new(&keras, p.as_slice(), model.logits(&test.inputs).as_slice(), &test.labels)
    );
    let folded = model.folded();
    let pf = folded.probabilities(&test.inputs);
    println!(
        "\nBatchNormalization folded:\n{}",
        Comparison::new(&keras, pf.as_slice(), folded.logits(&test.inputs).as_slice(), &test.labels)
    );
    let mut times: Vec<f64> = (0..10)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(folded.probabilities(&test.inputs));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    println!("\nwhole test set, folded, all cores: {:.2} ms (median of 10); Keras tf.function {:.2} ms single-thread, {:.2} ms default", median(&mut times), keras.tf_function_1_thread_ms, keras.tf_function_default_ms);
    Ok(())
}
