//! The main job: a Conv1D FCN trained in Keras on JapaneseVowels, reproduced in typed Rust.
//!
//! The test set is read from the UEA/UCR `.ts` file with `shaped`'s own reader. Its 370
//! utterances are 7 to 29 steps long (the seed article's Example 2, for real): they are padded
//! after their end to the 29 steps the model's type says, with `pad_sequences`, keeping `f32`.
//! The weights come from the safetensors file Keras exported. Then the typed model runs, as
//! loaded and with BatchNormalization folded into the convolutions, and everything is compared
//! with Keras: accuracy, classes, probabilities, logits, and time for the whole test set.
//!
//! ```text
//! cargo run --release --example japanese_vowels
//! ```

use std::path::Path;
use std::time::Instant;

use shaped_models::{japanese_vowels_test_set, median, Comparison, JapaneseVowelsFcn, KerasReference};

fn main() -> Result<(), shaped_models::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("data/models/japanese_vowels_fcn");

    let test = japanese_vowels_test_set(root.join("data/datasets/JapaneseVowels/JapaneseVowels_TEST.ts"))?;
    println!("JapaneseVowels test set: {} utterances -> {}", test.labels.len(), test.inputs);
    if let Some(report) = &test.padding {
        println!("pad_sequences(maxlen=29, padding=\"post\"): {report}");
    }

    let model = JapaneseVowelsFcn::load(dir.join("weights.safetensors"))?;
    println!("\n{}", model.summary());
    let keras = KerasReference::read(&dir)?;

    let probabilities = model.probabilities(&test.inputs);
    let logits = model.logits(&test.inputs);
    println!("as trained (Conv1D, BatchNormalization, ReLU):");
    println!("{}", Comparison::new(&keras, probabilities.as_slice(), logits.as_slice(), &test.labels));

    let folded = model.folded();
    let folded_p = folded.probabilities(&test.inputs);
    println!("\nBatchNormalization folded into the convolutions:");
    println!(
        "{}",
        Comparison::new(&keras, folded_p.as_slice(), folded.logits(&test.inputs).as_slice(), &test.labels)
    );

    let mut as_trained = Vec::new();
    let mut fused = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        std::hint::black_box(model.probabilities(&test.inputs));
        as_trained.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(folded.probabilities(&test.inputs));
        fused.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("\nwhole test set ({} cases), median of 15, all cores:", test.labels.len());
    println!("  shaped, as trained     {:8.2} ms", median(&mut as_trained));
    println!("  shaped, folded         {:8.2} ms", median(&mut fused));
    println!("  Keras tf.function      {:8.2} ms single-thread, {:.2} ms default threads (from the model's README)", keras.tf_function_1_thread_ms, keras.tf_function_default_ms);
    println!("  (benches/models.rs measures 1 thread and all threads with criterion)");
    Ok(())
}
