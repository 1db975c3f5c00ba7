//! The bundled Keras-trained models on their whole test sets, 1 thread and all threads, next
//! to Keras's `tf.function` time measured in the same run (`tools/keras_model_timing.py`, one
//! Python process per thread setting, started between shaped's measurements).
//!
//! ```text
//! cargo bench --bench models
//! ```
//!
//! Criterion reports shaped's time per whole test set; the table printed at the end gives, for
//! each model and thread setting, shaped's and Keras's medians and their ratio (Keras's time
//! over shaped's: above 1 means shaped is faster), with the CPU they came from. Without Python,
//! TensorFlow and Keras (`pip install tensorflow-cpu==2.21.0 keras==3.15.1 safetensors`), the
//! table says why Keras's column is empty. Timings on a shared machine are noisy: compare the
//! ratios of one run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::Criterion;
use safetensors::SafeTensors;
use shaped::io::WeightFile;
use shaped::shapes::{shape, Dyn};
use shaped::tensor::Tensor;
use shaped_models::{
    cpu_name, median_ms, BasicMotionsInception, Classifier as _, GunPointCnn, GunPointFcn, GunPointResNet,
    JapaneseVowelsFcn, JapaneseVowelsWaveNet,
};
use std::hint::black_box;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model_dir(name: &str) -> PathBuf {
    root().join("data/models").join(name)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a rayon pool")
}

/// The model's test inputs, as Keras's timing script reads them.
fn test_inputs<S: shaped::shapes::Shape>(name: &str) -> Tensor<f32, S> {
    let bytes = std::fs::read(model_dir(name).join("test_inputs.safetensors")).expect("test inputs");
    let st = SafeTensors::deserialize(&bytes).expect("a safetensors file");
    let view = st.tensor("inputs").expect("an `inputs` tensor");
    let values = view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    Tensor::from_vec(values).expect("inputs of the model's shape")
}

/// Keras's medians for `models` at one thread setting (0: TensorFlow's default), or why not.
fn keras_medians(models: &[&str], threads: usize) -> Result<Vec<(String, f64)>, String> {
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tools/keras_model_timing.py")).args([
        "--threads",
        &threads.to_string(),
        "--runs",
        "15",
    ]);
    for m in models {
        cmd.arg(model_dir(m));
    }
    let out =
        cmd.env("TF_CPP_MIN_LOG_LEVEL", "3").output().map_err(|e| format!("python3 does not run: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("the Keras script failed: {}", err.lines().last().unwrap_or("")));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| e.to_string())?;
            Ok((v["model"].as_str().unwrap_or("").to_string(), v["median_ms"].as_f64().unwrap_or(f64::NAN)))
        })
        .collect()
}

fn loaded<M>(mut model: M, name: &str, load: impl FnOnce(&mut M, &mut WeightFile)) -> M {
    let mut file = WeightFile::read(model_dir(name).join("weights.safetensors")).expect("weights");
    load(&mut model, &mut file);
    model
}

fn bench_models(c: &mut Criterion) {
    let names = [
        "japanese_vowels_fcn",
        "gunpoint_fcn",
        "gunpoint_cnn_flatten",
        "gunpoint_resnet",
        "basicmotions_inception",
        "japanese_vowels_wavenet",
    ];
    let jv: Tensor<f32, shape![Dyn, 29, 12]> = test_inputs("japanese_vowels_fcn");
    let gp: Tensor<f32, shape![Dyn, 150, 1]> = test_inputs("gunpoint_fcn");
    let bm: Tensor<f32, shape![Dyn, 100, 6]> = test_inputs("basicmotions_inception");
    let weights = |n: &str| model_dir(n).join("weights.safetensors");
    let jv_fcn = JapaneseVowelsFcn::load(weights("japanese_vowels_fcn")).expect("weights").folded();
    let gp_fcn = GunPointFcn::load(weights("gunpoint_fcn")).expect("weights").folded();
    let gp_cnn = GunPointCnn::load(weights("gunpoint_cnn_flatten")).expect("weights").folded();
    let resnet =
        loaded(GunPointResNet::new(0), "gunpoint_resnet", |m, f| m.load_weights(f).expect("weights"));
    let inception = loaded(BasicMotionsInception::new(0), "basicmotions_inception", |m, f| {
        m.load_weights(f).expect("weights")
    });
    let wavenet = loaded(JapaneseVowelsWaveNet::new(0), "japanese_vowels_wavenet", |m, f| {
        m.load_weights(f).expect("weights")
    });
    let all = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);

    let mut rows = Vec::new();
    for (threads, keras_threads, label) in [(1, 1, "1 thread"), (all, 0, "all threads")] {
        let p = pool(threads);
        let mut group = c.benchmark_group(format!("models/{label}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(3))
            .warm_up_time(Duration::from_millis(500));
        group.bench_function("japanese_vowels_fcn", |b| {
            b.iter(|| p.install(|| black_box(jv_fcn.probabilities(&jv))))
        });
        group.bench_function("gunpoint_fcn", |b| {
            b.iter(|| p.install(|| black_box(gp_fcn.probabilities(&gp))))
        });
        group.bench_function("gunpoint_cnn_flatten", |b| {
            b.iter(|| p.install(|| black_box(gp_cnn.probabilities(&gp))))
        });
        group.bench_function("gunpoint_resnet", |b| b.iter(|| p.install(|| black_box(resnet.forward(&gp)))));
        group.bench_function("basicmotions_inception", |b| {
            b.iter(|| p.install(|| black_box(inception.forward(&bm))))
        });
        group.bench_function("japanese_vowels_wavenet", |b| {
            b.iter(|| p.install(|| black_box(wavenet.forward(&jv))))
        });
        group.finish();
        let ours = [
            median_ms(15, || p.install(|| drop(black_box(jv_fcn.probabilities(&jv))))),
            median_ms(15, || p.install(|| drop(black_box(gp_fcn.probabilities(&gp))))),
            median_ms(51, || p.install(|| drop(black_box(gp_cnn.probabilities(&gp))))),
            median_ms(15, || p.install(|| drop(black_box(resnet.forward(&gp))))),
            median_ms(15, || p.install(|| drop(black_box(inception.forward(&bm))))),
            median_ms(15, || p.install(|| drop(black_box(wavenet.forward(&jv))))),
        ];
        let keras = keras_medians(&names, keras_threads);
        rows.push((label, threads, ours, keras));
    }

    println!("\nwhole test set, median ms; CPU: {}; Keras tf.function measured in this run", cpu_name());
    println!(
        "{:<24} {:>12} {:>11} {:>11} {:>15}",
        "model", "threads", "shaped ms", "Keras ms", "Keras / shaped"
    );
    for (label, threads, ours, keras) in &rows {
        for (name, ms) in names.iter().zip(ours) {
            let k = keras.as_ref().ok().and_then(|k| k.iter().find(|(n, _)| n == name).map(|(_, v)| *v));
            let (k_text, ratio) = k.map_or(("-".to_string(), "-".to_string()), |k| {
                (format!("{k:.3}"), format!("{:.2}x", k / ms))
            });
            println!("{name:<24} {:>12} {ms:>11.3} {k_text:>11} {ratio:>15}", format!("{label} ({threads})"));
        }
        if let Err(why) = keras {
            println!("  Keras not measured at {label}: {why}");
        }
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_models(&mut criterion);
    criterion.final_summary();
}
