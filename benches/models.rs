//! The three Keras-trained models on their whole test sets, 1 thread and all threads, next to
//! Keras's `tf.function` figures from the models' READMEs (measured on this machine kind).
//!
//! ```text
//! cargo bench --bench models
//! ```
//!
//! Criterion reports the time per whole test set; the summary printed at the end gives the
//! ratios to Keras. Timings on a shared machine are noisy: compare the ratios of one run.

use std::path::Path;
use std::time::Duration;

use criterion::Criterion;
use shaped_models::{
    gunpoint_test_set, japanese_vowels_test_set, median_ms, Classifier as _, GunPointCnn, GunPointFcn,
    JapaneseVowelsFcn, KerasReference,
};
use std::hint::black_box;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a rayon pool")
}

fn bench_models(c: &mut Criterion) {
    let jv = japanese_vowels_test_set(root().join("data/datasets/JapaneseVowels/JapaneseVowels_TEST.ts"))
        .expect("data");
    let gp = gunpoint_test_set(root().join("data/datasets/GunPoint/GunPoint_TEST.ts")).expect("data");
    let jv_fcn = JapaneseVowelsFcn::load(root().join("data/models/japanese_vowels_fcn/weights.safetensors"))
        .expect("weights")
        .folded();
    let gp_fcn = GunPointFcn::load(root().join("data/models/gunpoint_fcn/weights.safetensors"))
        .expect("weights")
        .folded();
    let gp_cnn = GunPointCnn::load(root().join("data/models/gunpoint_cnn_flatten/weights.safetensors"))
        .expect("weights")
        .folded();
    let all = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);

    let mut summary = Vec::new();
    for (threads, label) in [(1, "1 thread"), (all, "all threads")] {
        let p = pool(threads);
        let mut group = c.benchmark_group(format!("models/{label}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(3))
            .warm_up_time(Duration::from_millis(500));
        group.bench_function("japanese_vowels_fcn (370 cases)", |b| {
            b.iter(|| p.install(|| black_box(jv_fcn.probabilities(&jv.inputs))));
        });
        group.bench_function("gunpoint_fcn (150 cases)", |b| {
            b.iter(|| p.install(|| black_box(gp_fcn.probabilities(&gp.inputs))));
        });
        group.bench_function("gunpoint_cnn_flatten (150 cases)", |b| {
            b.iter(|| p.install(|| black_box(gp_cnn.probabilities(&gp.inputs))));
        });
        group.finish();
        let jv_ms = median_ms(15, || p.install(|| drop(black_box(jv_fcn.probabilities(&jv.inputs)))));
        let gpf_ms = median_ms(15, || p.install(|| drop(black_box(gp_fcn.probabilities(&gp.inputs)))));
        let gpc_ms = median_ms(101, || p.install(|| drop(black_box(gp_cnn.probabilities(&gp.inputs)))));
        summary.push((
            label,
            [("japanese_vowels_fcn", jv_ms), ("gunpoint_fcn", gpf_ms), ("gunpoint_cnn_flatten", gpc_ms)],
        ));
    }

    println!("\nwhole test set, median ms (shaped, BatchNorm folded) vs Keras tf.function on 1 thread:");
    println!(
        "{:<22} {:>10} {:>12} {:>14} {:>10}",
        "model", "threads", "shaped ms", "Keras 1T ms", "speed-up"
    );
    for (label, rows) in &summary {
        for (name, ms) in rows {
            let keras = KerasReference::read(root().join("data/models").join(name)).expect("reference");
            println!(
                "{:<22} {:>10} {:>12.3} {:>14.3} {:>9.1}x",
                name,
                label,
                ms,
                keras.tf_function_1_thread_ms,
                keras.tf_function_1_thread_ms / ms
            );
        }
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_models(&mut criterion);
    criterion.final_summary();
}
