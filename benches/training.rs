//! One training epoch of the bundled FCN (from scratch, Keras's recipe: Adam, batches of 16,
//! 10 for GunPoint) on GunPoint and JapaneseVowels, 1 thread and all threads, next to Keras
//! `fit` timed in the same run by `tools/keras_fit.py epoch` (TensorFlow's intra-op threads
//! set to 1, then its default).
//!
//! ```text
//! cargo bench --bench training
//! ```
//!
//! Needs `python3` with tensorflow-cpu and keras for the Keras column (without them the bench
//! says so and prints shaped's times alone). The summary gives ratios (Keras's epoch time over
//! shaped's: above 1 means shaped is faster) and shaped's GFLOP/s, counting an epoch as three
//! forward passes (forward, input gradients, weight gradients). Timings on a shared machine
//! are noisy: compare the ratios of one run.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use criterion::Criterion;
use shaped::io::{pad_sequences_multi, PadOptions, Side, TsDataset};
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Samples, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;
use shaped::train::Backward;
use typenum::U1;

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

fn fcn<C, N>() -> Fcn<C, N>
where
    Conv1D<f32, C, U![128], U![8], U1, Same>: Init,
    Dense<f32, U![128], N>: Init,
    N: shaped::shapes::StaticDim,
{
    (
        Init::init(0),
        BatchNormalization::new(),
        Activation::Relu,
        Conv1D::new(1),
        BatchNormalization::new(),
        Activation::Relu,
        Conv1D::new(2),
        BatchNormalization::new(),
        Activation::Relu,
        GlobalAveragePooling1D::new(),
        <Dense<f32, U![128], N> as Init>::init(3).activation(Activation::Softmax),
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a rayon pool")
}

/// Keras's median epoch time in ms, from `tools/keras_fit.py epoch` in a fresh process.
fn keras_epoch_ms(name: &str, threads: usize) -> Result<f64, String> {
    let out = Command::new("python3")
        .arg(root().join("tools/keras_fit.py"))
        .args(["epoch", name, &threads.to_string()])
        .env("TF_CPP_MIN_LOG_LEVEL", "3")
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("tools/keras_fit.py failed: {}", err.lines().last().unwrap_or("")));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().ok_or("no output")?;
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    v["epoch_ms_median"].as_f64().ok_or_else(|| "no epoch_ms_median".into())
}

/// The median of `n` timed epochs (after one warm-up), in ms.
fn epoch_ms<M, X, N>(model: &M, x: &X, y: &ClassLabels<Dyn, N>, batch: usize, n: usize) -> f64
where
    M: Backward<f32, X, Output = Tensor<f32, (Dyn, N)>> + Clone,
    X: Samples,
    N: shaped::shapes::StaticDim,
    (Dyn, N): Shape<Batch = Dyn>,
{
    let mut trainer = Trainer::new(model.clone(), Adam::new(), SparseCategoricalCrossentropy::new());
    let opts = || FitOptions::new().epochs(1).batch_size(batch).verbose(0);
    trainer.fit(x, y, opts()).expect("valid data");
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            trainer.fit(x, y, opts()).expect("valid data");
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[n / 2]
}

struct Row {
    name: &'static str,
    threads: usize,
    shaped_ms: f64,
    keras_ms: Result<f64, String>,
    gflop: f64,
}

fn bench<M, X, N>(
    c: &mut Criterion,
    rows: &mut Vec<Row>,
    name: &'static str,
    model: M,
    (x, y): (X, ClassLabels<Dyn, N>),
    batch: usize,
    forward_flops: f64,
) where
    M: Backward<f32, X, Output = Tensor<f32, (Dyn, N)>> + Clone + Send + Sync,
    X: Samples + Sync,
    N: shaped::shapes::StaticDim,
    (Dyn, N): Shape<Batch = Dyn>,
{
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let gflop = 3.0 * forward_flops * x.count() as f64 / 1e9;
    for threads in [1, all] {
        let p = pool(threads);
        let mut trainer = Trainer::new(model.clone(), Adam::new(), SparseCategoricalCrossentropy::new());
        c.bench_function(&format!("{name} epoch, {threads} thread(s)"), |b| {
            p.install(|| {
                b.iter(|| trainer.fit(&x, &y, FitOptions::new().batch_size(batch).verbose(0)).expect("data"))
            })
        });
        let shaped_ms = p.install(|| epoch_ms(&model, &x, &y, batch, 5));
        let keras_ms = keras_epoch_ms(name, if threads == 1 { 1 } else { 0 });
        rows.push(Row { name, threads, shaped_ms, keras_ms, gflop });
    }
}

fn main() {
    let mut c = Criterion::default().sample_size(10).configure_from_args();
    let mut rows = Vec::new();
    let data = |name: &str, split: &str| {
        root().join(format!("data/datasets/{name}/{name}_TRAIN.ts").replace("TRAIN", split))
    };
    let gp = TsDataset::<f32>::read(data("GunPoint", "TRAIN")).expect("GunPoint");
    let gp_xy = (
        gp.to_tensor::<U![150], U1>().expect("150 steps"),
        ClassLabels::<Dyn, U![2]>::new(gp.labels().to_vec()).expect("labels"),
    );
    // Forward FLOPs per sample: 2 * length * (8*1*128 + 5*128*256 + 3*256*128) + Dense.
    let gp_flops = 2.0 * 150.0 * (8.0 * 128.0 + 5.0 * 128.0 * 256.0 + 3.0 * 256.0 * 128.0);
    bench(&mut c, &mut rows, "gunpoint", fcn::<U1, U![2]>(), gp_xy, 10, gp_flops);
    let jv = TsDataset::<f32>::read(data("JapaneseVowels", "TRAIN")).expect("JapaneseVowels");
    let options = PadOptions::new().padding(Side::Post).truncating(Side::Post).forbid_truncation();
    let (jx, _) = pad_sequences_multi::<f32, U![29], U![12], _, _>(
        &jv.sequences_array::<12>().expect("12 channels"),
        &options,
    )
    .expect("29 steps at most");
    let jv_xy = (jx, ClassLabels::<Dyn, U![9]>::new(jv.labels().to_vec()).expect("labels"));
    let jv_flops = 2.0 * 29.0 * (8.0 * 12.0 * 128.0 + 5.0 * 128.0 * 256.0 + 3.0 * 256.0 * 128.0);
    bench(&mut c, &mut rows, "japanese_vowels", fcn::<U![12], U![9]>(), jv_xy, 16, jv_flops);
    c.final_summary();
    println!(
        "\nOne training epoch, median of 5 (after a warm-up), this run; CPU: {}",
        shaped_models::cpu_name()
    );
    println!("| model | threads | shaped ms | shaped GFLOP/s | Keras fit ms | Keras / shaped |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for r in &rows {
        let (k, ratio) = match &r.keras_ms {
            Ok(k) => (format!("{k:.1}"), format!("{:.2}x", k / r.shaped_ms)),
            Err(e) => (format!("n/a ({e})"), "n/a".into()),
        };
        let threads = if r.threads == 1 { "1".to_string() } else { format!("all ({})", r.threads) };
        println!(
            "| {} | {threads} | {:.1} | {:.1} | {k} | {ratio} |",
            r.name,
            r.shaped_ms,
            r.gflop / (r.shaped_ms / 1e3)
        );
    }
}
