//! One Keras training run reproduced: a small FCN (three Conv1D + BatchNormalization + ReLU
//! blocks, global average pooling, softmax Dense) on GunPoint, Adam(1e-3), sparse categorical
//! cross-entropy, batches of 16 in file order (the last of each epoch has 2 samples), no
//! shuffling, no dropout. tools/gen_train_golden.py ran it in Keras 3.15 / TensorFlow 2.21 and
//! recorded the initial weights, the loss of each of the first 100 steps and the variables
//! after the last (tests/golden/train/fcn_run.json).
//!
//! The tolerance is measured, not guessed: the same run in `f64` shows how far `f32`
//! rounding alone moves shaped's own trajectory; Keras's `f32` run rounds differently (other
//! summation orders in oneDNN's kernels), so it may be as far from shaped's as shaped's `f32`
//! run is from the `f64` one, with a margin. Each step's loss must agree within
//! `1e-5 + 10 * d`, `d` the largest `f32`-vs-`f64` loss difference of shaped's run so far; each
//! final variable within `1e-5 + 3 * max(D, d_w)` relative to its largest value, `d_w` its own
//! `f32`-vs-`f64` difference and `D` the largest of those over the kernels, gammas, betas and
//! moving variances (see below for the Conv1D biases and the moving means).

use serde_json::Value;
use shaped::io::TsDataset;
use shaped::layers::pool::GlobalAveragePooling1D;
use shaped::layers::{Activation, BatchNormalization, Conv1D, Dense, Float};
use shaped::shapes::{Dyn, Same, U};
use shaped::tensor::Tensor;
use shaped::train::fit::{Samples, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;
use shaped::train::Trainable;
use typenum::U1;

type Fcn<E> = (
    Conv1D<E, U![1], U![16], U![8], U1, Same>,
    BatchNormalization<E, U![16]>,
    Activation,
    Conv1D<E, U![16], U![32], U![5], U1, Same>,
    BatchNormalization<E, U![32]>,
    Activation,
    Conv1D<E, U![32], U![16], U![3], U1, Same>,
    BatchNormalization<E, U![16]>,
    Activation,
    GlobalAveragePooling1D,
    Dense<E, U![16], U![2]>,
);

fn golden() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/train/fcn_run.json");
    serde_json::from_str::<Value>(&std::fs::read_to_string(path).unwrap()).unwrap()["data"].clone()
}

/// The variables in Keras's order: `(kernel, bias)`, `(gamma, beta, moving_mean, moving_variance)` ...
fn vars<E: Float>(v: &Value, key: &str) -> Vec<Vec<E>> {
    v["variables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| {
            v[key][name.as_str().unwrap()]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| E::from(x.as_f64().unwrap()).unwrap())
                .collect()
        })
        .collect()
}

fn build<E: Float>(w: &[Vec<E>]) -> Fcn<E> {
    let bn = |i: usize| (Some(&w[i][..]), Some(&w[i + 1][..]), &w[i + 2][..], &w[i + 3][..]);
    let (g0, b0, m0, v0) = bn(2);
    let (g1, b1, m1, v1) = bn(8);
    let (g2, b2, m2, v2) = bn(14);
    (
        Conv1D::from_keras(&w[0], Some(&w[1])).unwrap(),
        BatchNormalization::from_keras(g0, b0, m0, v0, 1e-3).unwrap(),
        Activation::Relu,
        Conv1D::from_keras(&w[6], Some(&w[7])).unwrap(),
        BatchNormalization::from_keras(g1, b1, m1, v1, 1e-3).unwrap(),
        Activation::Relu,
        Conv1D::from_keras(&w[12], Some(&w[13])).unwrap(),
        BatchNormalization::from_keras(g2, b2, m2, v2, 1e-3).unwrap(),
        Activation::Relu,
        GlobalAveragePooling1D::new(),
        Dense::from_keras(&w[18], Some(&w[19])).unwrap().activation(Activation::Softmax),
    )
}

/// Every variable in Keras's order, as `f64`.
fn variables<E: Float>(m: &Fcn<E>) -> Vec<Vec<f64>> {
    let f = |s: &[E]| s.iter().map(|v| v.to_f64().unwrap()).collect::<Vec<f64>>();
    let bn = |b: &BatchNormalization<E, _>| {
        [f(b.gamma().unwrap()), f(b.beta().unwrap()), f(b.moving_mean()), f(b.moving_variance())]
    };
    let bn16 = |b: &BatchNormalization<E, U![16]>| bn(b);
    let mut out = vec![f(m.0.keras_kernel()), f(m.0.bias().unwrap())];
    out.extend(bn16(&m.1));
    out.extend([f(m.3.keras_kernel()), f(m.3.bias().unwrap())]);
    out.extend([
        f(m.4.gamma().unwrap()),
        f(m.4.beta().unwrap()),
        f(m.4.moving_mean()),
        f(m.4.moving_variance()),
    ]);
    out.extend([f(m.6.keras_kernel()), f(m.6.bias().unwrap())]);
    out.extend(bn16(&m.7));
    out.extend([f(m.10.keras_kernel()), f(m.10.bias().unwrap())]);
    out
}

/// Runs the steps; returns each step's loss and the final variables.
fn run<E: Float>(
    g: &Value,
    x: &Tensor<f32, (Dyn, U![150], U![1])>,
    labels: &[usize],
) -> (Vec<f64>, Vec<Vec<f64>>) {
    let x: Tensor<E, (Dyn, U![150], U![1])> = x.cast();
    let y = ClassLabels::<Dyn, U![2]>::new(labels.to_vec()).unwrap();
    let batch = g["batch_size"].as_u64().unwrap() as usize;
    let steps = g["steps"].as_u64().unwrap() as usize;
    let model = build::<E>(&vars(g, "initial"));
    // Kernels and biases (8*1*16 + 16, 5*16*32 + 32, 3*32*16 + 16, 16*2 + 2) and gamma, beta.
    assert_eq!(model.trainable_len(), 144 + 2592 + 1552 + 34 + 2 * (16 + 32 + 16));
    let mut trainer =
        Trainer::new(model, Adam::new().learning_rate(1e-3), SparseCategoricalCrossentropy::new());
    let n = x.count();
    let per_epoch = n.div_ceil(batch);
    let mut losses = Vec::with_capacity(steps);
    for s in 0..steps {
        let i = s % per_epoch;
        let (a, b) = (i * batch, ((i + 1) * batch).min(n));
        losses.push(trainer.train_on_batch(&x.range(a, b), &y.range(a, b)).unwrap());
    }
    (losses, variables(trainer.model()))
}

#[test]
fn a_keras_training_run_step_by_step() {
    let g = golden();
    let train = TsDataset::<f32>::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/datasets/GunPoint/GunPoint_TRAIN.ts"
    ))
    .unwrap();
    let x = train.to_tensor::<U![150], U![1]>().unwrap();
    let (l32, w32) = run::<f32>(&g, &x, train.labels());
    let (l64, w64) = run::<f64>(&g, &x, train.labels());
    let keras: Vec<f64> = g["losses"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(keras.len(), 100);
    let mut drift = 0.0f64;
    let mut worst = (0.0f64, 0usize);
    for (s, ((a, b), k)) in l32.iter().zip(&l64).zip(&keras).enumerate() {
        drift = drift.max((a - b).abs());
        let tol = 1e-5 + 10.0 * drift;
        let d = (a - k).abs();
        if d > worst.0 {
            worst = (d, s);
        }
        assert!(d <= tol, "step {s}: shaped loss {a}, Keras {k} (f64 run {b}, tolerance {tol})");
    }
    println!(
        "losses: step 0 {:.6} -> step 99 {:.6} (Keras {:.6} -> {:.6}); largest |shaped - Keras| {:.2e} at step {}; largest f32-f64 drift {:.2e}",
        l32[0], l32[99], keras[0], keras[99], worst.0, worst.1, drift
    );
    let final_keras: Vec<Vec<f64>> = vars(&g, "final");
    let names: Vec<&str> = g["variables"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    // A Conv1D bias followed by BatchNormalization has no effect on the output: its exact
    // gradient is 0, so what it holds after training is rounding noise that Adam's
    // normalisation turns into steps of the learning rate (in Keras and here alike). It is not
    // compared.
    let undetermined = |name: &str| name.starts_with("conv1d") && name.ends_with("/bias");
    // The moving means carry those biases (a batch's mean includes them): compared, each with
    // its own drift as the scale, but not used for the common scale `D`.
    let carries_noise = |name: &str| undetermined(name) || name.ends_with("/moving_mean");
    let relative = |a: &[f64], b: &[f64], scale: f64| {
        a.iter().zip(b).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max) / scale
    };
    let scale = |k: &[f64]| k.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-3);
    let global = w32
        .iter()
        .zip(&w64)
        .zip(&final_keras)
        .zip(&names)
        .filter(|(_, n)| !carries_noise(n))
        .map(|(((a, b), k), _)| relative(a, b, scale(k)))
        .fold(0.0, f64::max);
    println!("largest f32-f64 drift of a determined variable (relative to its largest value): {global:.2e}");
    for (((a, b), k), name) in w32.iter().zip(&w64).zip(&final_keras).zip(&names) {
        let self_drift = relative(a, b, scale(k));
        let vs_keras = relative(a, k, scale(k));
        println!(
            "{name}: max |shaped - Keras| / max|w| = {vs_keras:.2e} (shaped f32 - f64: {self_drift:.2e})"
        );
        if undetermined(name) {
            continue;
        }
        let tol = 1e-5 + 3.0 * global.max(self_drift);
        assert!(vs_keras <= tol, "{name}: {vs_keras:.3e} above {tol:.3e}");
    }
}
