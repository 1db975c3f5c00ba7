//! The bundled FCN trained from scratch in Rust, with the recipe Keras used in
//! `tools/keras_fit.py`, on JapaneseVowels (default) or GunPoint; prints the test accuracy next
//! to Keras's (`data/models/<name>_fcn/fit_recipe.json`).
//!
//! ```text
//! cargo run --release --example train_fcn                   # JapaneseVowels
//! cargo run --release --example train_fcn -- gunpoint
//! cargo run --release --example train_fcn -- gunpoint 20    # 20 epochs instead of 100
//! cargo run --release --example train_fcn -- gunpoint 100 3  # another seed (weights, shuffling)
//! ```
//!
//! The recipe: Adam(1e-3), sparse categorical cross-entropy, batches of 16 (10 for GunPoint),
//! shuffled each epoch, ReduceLROnPlateau(monitor="loss", factor=0.5, patience=20,
//! min_lr=1e-4), 100 epochs. Initial weights and shuffling come from shaped's own seeds, not
//! Keras's, so the runs are comparable, not identical.

use std::path::Path;
use std::time::Instant;

use shaped::io::{pad_sequences_multi, PadOptions, Side, TsDataset};
use shaped::prelude::*;
use shaped::train::fit::{Accuracy, FitOptions, ReduceLrOnPlateau, Samples, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;
use typenum::U1;

/// The FCN of Wang et al. as the bundled Keras models have it.
type Fcn<C, N> = (
    Conv1D<f32, C, U![128], U![8], U1, Same>,
    BatchNormalization<f32, U![128]>,
    Activation,
    Conv1D<f32, U![128], U![256], U![5], U1, Same>,
    BatchNormalization<f32, U![256]>,
    Activation,
    Conv1D<f32, U![256], U![128], U![3], U1, Same>,
    BatchNormalization<f32, U![128]>,
    Activation,
    GlobalAveragePooling1D,
    Dense<f32, U![128], N>,
);

fn fcn<C, N>(seed: u64) -> Fcn<C, N>
where
    Conv1D<f32, C, U![128], U![8], U1, Same>: Init,
    Dense<f32, U![128], N>: Init,
    N: shaped::shapes::StaticDim,
{
    (
        Init::init(seed),
        BatchNormalization::new(),
        Activation::Relu,
        Conv1D::new(seed ^ 1),
        BatchNormalization::new(),
        Activation::Relu,
        Conv1D::new(seed ^ 2),
        BatchNormalization::new(),
        Activation::Relu,
        GlobalAveragePooling1D::new(),
        <Dense<f32, U![128], N> as Init>::init(seed ^ 3).activation(Activation::Softmax),
    )
}

fn keras_accuracy(root: &Path, folder: &str) -> Option<f64> {
    let text = std::fs::read_to_string(root.join("data/models").join(folder).join("fit_recipe.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["test_accuracy"].as_f64()
}

fn run<M, X, N>(
    model: M,
    (x, y): (X, ClassLabels<Dyn, N>),
    (xt, yt): (X, ClassLabels<Dyn, N>),
    batch: usize,
    (epochs, seed): (usize, u64),
) -> Result<f64, Box<dyn std::error::Error>>
where
    M: shaped::train::Backward<f32, X, Output = Tensor<f32, (Dyn, N)>>,
    X: Samples,
    N: shaped::shapes::StaticDim,
    (Dyn, N): Shape<Batch = Dyn>,
{
    let mut trainer =
        Trainer::new(model, Adam::new().learning_rate(1e-3), SparseCategoricalCrossentropy::new())
            .metric(Accuracy::new());
    let options = FitOptions::new()
        .epochs(epochs)
        .batch_size(batch)
        .seed(seed)
        .verbose(2)
        .callback(ReduceLrOnPlateau::new("loss").factor(0.5).patience(20).min_lr(1e-4));
    let start = Instant::now();
    trainer.fit(&x, &y, options)?;
    println!("trained {epochs} epochs in {:.1} s", start.elapsed().as_secs_f64());
    let logs = trainer.evaluate(&xt, &yt, 64)?;
    println!("test: {}", logs.line());
    Ok(logs.get("accuracy").unwrap_or(f64::NAN))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("japanese_vowels", String::as_str);
    let epochs: usize = args.get(1).map_or(Ok(100), |e| e.parse())?;
    let seed: u64 = args.get(2).map_or(Ok(0), |e| e.parse())?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = |name: &str, split: &str| root.join(format!("data/datasets/{name}/{name}_{split}.ts"));
    let (folder, accuracy) = match which {
        "gunpoint" => {
            let load = |split| -> Result<_, Box<dyn std::error::Error>> {
                let d = TsDataset::<f32>::read(data("GunPoint", split))?;
                Ok((d.to_tensor::<U![150], U1>()?, ClassLabels::<Dyn, U![2]>::new(d.labels().to_vec())?))
            };
            ("gunpoint_fcn", run(fcn::<U1, U![2]>(seed), load("TRAIN")?, load("TEST")?, 10, (epochs, seed))?)
        }
        "japanese_vowels" => {
            let load = |split| -> Result<_, Box<dyn std::error::Error>> {
                let d = TsDataset::<f32>::read(data("JapaneseVowels", split))?;
                let options =
                    PadOptions::new().padding(Side::Post).truncating(Side::Post).forbid_truncation();
                let (x, _) =
                    pad_sequences_multi::<f32, U![29], U![12], _, _>(&d.sequences_array::<12>()?, &options)?;
                Ok((x, ClassLabels::<Dyn, U![9]>::new(d.labels().to_vec())?))
            };
            (
                "japanese_vowels_fcn",
                run(fcn::<U![12], U![9]>(seed), load("TRAIN")?, load("TEST")?, 16, (epochs, seed))?,
            )
        }
        other => return Err(format!("unknown data set {other:?}: gunpoint or japanese_vowels").into()),
    };
    match keras_accuracy(root, folder) {
        Some(k) => {
            println!("test accuracy: shaped {accuracy:.4}, Keras (same recipe, tools/keras_fit.py) {k:.4}")
        }
        None => {
            println!("test accuracy: shaped {accuracy:.4} (no Keras figure: run tools/keras_fit.py recipe)")
        }
    }
    Ok(())
}
