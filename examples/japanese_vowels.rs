//! The main job: a Conv1D FCN trained in Keras on JapaneseVowels, reproduced in typed Rust.
//!
//! The test set is read from the UEA/UCR `.ts` file with `shaped`'s own reader. Its 370
//! utterances are 7 to 29 steps long (the seed article's Example 2, for real): they are padded
//! after their end to the 29 steps the model's type says, with `pad_sequences`, keeping `f32`.
//! The weights come from the safetensors file Keras exported. The typed model then runs, as
//! loaded and with BatchNormalization folded into the convolutions, and is compared with Keras:
//! accuracy, classes, probabilities, logits, and time for the whole test set.
//!
//! ```text
//! cargo run --release --example japanese_vowels
//! ```

use std::path::Path;

use shaped_models::{japanese_vowels_test_set, report, JapaneseVowelsFcn, KerasReference};

fn main() -> Result<(), shaped_models::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("data/models/japanese_vowels_fcn");
    let test = japanese_vowels_test_set(root.join("data/datasets/JapaneseVowels/JapaneseVowels_TEST.ts"))?;
    println!("JapaneseVowels test set: {} utterances -> {}", test.labels.len(), test.inputs);
    if let Some(padding) = &test.padding {
        println!("pad_sequences(maxlen=29, padding=\"post\"): {padding}");
    }
    let model = JapaneseVowelsFcn::load(dir.join("weights.safetensors"))?;
    println!("\n{}", model.summary());
    let keras = KerasReference::read(&dir)?;
    report("as trained (Conv1D, BatchNormalization, ReLU)", &model, &test, &keras, 15);
    report("BatchNormalization folded into the convolutions", &model.folded(), &test, &keras, 15);
    println!("(cargo bench --bench models measures 1 thread and all threads)");
    Ok(())
}
