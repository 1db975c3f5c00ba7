//! Activation throughput, `f32`, 1 thread: the vectorised slice API on every instruction-set
//! path this CPU has against the scalar loop the layers used before (std/libm per element),
//! in elements per ns (criterion's `Gelem/s` is the same figure); and a Conv1D with `tanh`
//! fused into its epilogue against the conv followed by a separate activation pass.
//!
//! `cargo bench --bench activation` (criterion filters work: `cargo bench --bench activation -- tanh`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use shaped_kernels::activation::{apply_scalar, apply_with_isa};
use shaped_kernels::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Isa, Layout, Parallelism};

/// Elements per call: 256 KiB of `f32`, inside L2, so the figures are compute-bound.
const N: usize = 1 << 16;
/// Softmax row length.
const ROW: usize = 64;

/// Seeded values in `[-scale, scale)`.
fn values(n: usize, seed: u64, scale: f32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0) * scale
        })
        .collect()
}

/// The scalar loop of `shaped-layers` before the vectorised functions (f32 std math, GELU in
/// f64 through libm).
fn scalar_loop(act: Activation, data: &mut [f32]) {
    match act {
        Activation::Relu => data.iter_mut().for_each(|x| *x = x.max(0.0)),
        Activation::LeakyRelu(s) => data.iter_mut().for_each(|x| {
            if *x < 0.0 {
                *x *= s as f32;
            }
        }),
        Activation::Elu(a) => data.iter_mut().for_each(|x| {
            if *x <= 0.0 {
                *x = a as f32 * x.exp_m1();
            }
        }),
        Activation::Sigmoid => data.iter_mut().for_each(|x| {
            *x = if *x >= 0.0 {
                1.0 / (1.0 + (-*x).exp())
            } else {
                let e = x.exp();
                e / (1.0 + e)
            }
        }),
        Activation::Tanh => data.iter_mut().for_each(|x| *x = x.tanh()),
        Activation::Silu => data.iter_mut().for_each(|x| *x /= 1.0 + (-*x).exp()),
        Activation::Softmax => {
            for row in data.chunks_exact_mut(ROW) {
                let m = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut s = 0.0;
                for x in row.iter_mut() {
                    *x = (*x - m).exp();
                    s += *x;
                }
                row.iter_mut().for_each(|x| *x /= s);
            }
        }
        // GELU (both forms) went through f64 libm, as the reference does.
        _ => apply_scalar(act, data, ROW),
    }
}

/// Fastest seconds per call of `f` over about `budget` (the machine is shared: the best time
/// is the least disturbed).
fn best_seconds(budget: Duration, mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut runs = 0;
    while start.elapsed() < budget || runs < 5 {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
        runs += 1;
    }
    best
}

fn main() {
    let isas: Vec<Isa> = Isa::ALL.into_iter().filter(|i| i.is_supported()).collect();
    let acts = [
        ("relu", Activation::Relu),
        ("leaky_relu", Activation::LeakyRelu(0.2)),
        ("elu", Activation::Elu(1.0)),
        ("gelu", Activation::Gelu),
        ("gelu_tanh", Activation::GeluTanh),
        ("sigmoid", Activation::Sigmoid),
        ("tanh", Activation::Tanh),
        ("silu", Activation::Silu),
        ("softmax", Activation::Softmax),
    ];
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(600))
        .sample_size(10)
        .configure_from_args();
    let x = values(N, 1, 6.0);
    let mut y = x.clone();
    let budget = Duration::from_millis(300);
    let mut rows = Vec::new();
    for (name, act) in acts {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(N as u64));
        let mut scalar = || {
            y.copy_from_slice(&x);
            scalar_loop(act, black_box(&mut y));
        };
        group.bench_function("scalar", |b| b.iter(&mut scalar));
        let mut figures = vec![N as f64 / best_seconds(budget, &mut scalar) / 1e9];
        for &isa in &isas {
            let mut vector = || {
                y.copy_from_slice(&x);
                apply_with_isa(isa, act, black_box(&mut y), ROW);
            };
            group.bench_function(format!("{isa:?}"), |b| b.iter(&mut vector));
            figures.push(N as f64 / best_seconds(budget, &mut vector) / 1e9);
        }
        group.finish();
        rows.push((name, figures));
    }

    // A WaveNet-like gated layer's convolution: causal, dilated, tanh after the bias.
    let spec = Conv1dSpec {
        in_channels: 64,
        filters: 64,
        kernel_size: 2,
        stride: 1,
        dilation: 4,
        groups: 1,
        activation: Activation::Linear,
    };
    let geo =
        Conv1dGeometry { batch: 8, length: 2048, pad_left: 4, pad_right: 0, layout: Layout::ChannelsLast };
    let w = values(spec.kernel_len(), 2, 0.2);
    let b = values(spec.filters, 3, 0.1);
    let cx = values(geo.input_len(&spec), 4, 1.0);
    let mut cy = vec![0.0f32; geo.output_len(&spec)];
    let mut conv_rows = Vec::new();
    let mut group = c.benchmark_group("conv1d_tanh");
    group.throughput(Throughput::Elements(cy.len() as u64));
    for &isa in &isas {
        let linear = Conv1dWeights::from_keras(spec, &w, Some(&b))
            .expect("valid shape")
            .with_isa(isa)
            .with_parallelism(Parallelism::Sequential);
        let fused = linear.clone().with_activation(Activation::Tanh);
        let mut run_fused = || fused.forward(&geo, black_box(&cx), black_box(&mut cy)).expect("forward");
        group.bench_function(format!("{isa:?} fused"), |b| b.iter(&mut run_fused));
        let t_fused = best_seconds(budget, &mut run_fused);
        let mut run_pass = || {
            linear.forward(&geo, black_box(&cx), black_box(&mut cy)).expect("forward");
            apply_with_isa(isa, Activation::Tanh, &mut cy, spec.filters);
        };
        group.bench_function(format!("{isa:?} conv+pass"), |b| b.iter(&mut run_pass));
        let t_pass = best_seconds(budget, &mut run_pass);
        let mut run_scalar = || {
            linear.forward(&geo, black_box(&cx), black_box(&mut cy)).expect("forward");
            scalar_loop(Activation::Tanh, &mut cy);
        };
        group.bench_function(format!("{isa:?} conv+scalar"), |b| b.iter(&mut run_scalar));
        let t_scalar = best_seconds(budget, &mut run_scalar);
        let mut run_linear = || linear.forward(&geo, black_box(&cx), black_box(&mut cy)).expect("forward");
        let t_linear = best_seconds(budget, &mut run_linear);
        conv_rows.push((isa, [t_linear, t_fused, t_pass, t_scalar]));
    }
    group.finish();
    c.final_summary();

    println!();
    let heads: Vec<String> = isas.iter().map(|i| format!("{i:?}")).collect();
    println!("Elements per ns, f32, 1 thread, {N} elements per call (softmax rows of {ROW}):");
    println!("| activation | scalar loop | {} | best speed-up |", heads.join(" | "));
    println!("| --- | --- |{} --- |", " --- |".repeat(isas.len()));
    for (name, f) in rows {
        let best = f[1..].iter().copied().fold(0.0, f64::max);
        let cells: Vec<String> = f[1..].iter().map(|v| format!("{v:.2}")).collect();
        println!("| {name} | {:.3} | {} | {:.1}x |", f[0], cells.join(" | "), best / f[0]);
    }
    println!();
    println!(
        "Conv1D 64->64, k=2, dilation 4, batch 8 x length 2048, 1 thread, ms per call \
         (linear conv alone; tanh fused; conv then vectorised pass; conv then scalar loop):"
    );
    println!("| ISA | linear | tanh fused | conv + pass | conv + scalar tanh |");
    println!("| --- | --- | --- | --- | --- |");
    for (isa, t) in conv_rows {
        println!(
            "| {isa:?} | {:.3} | {:.3} | {:.3} | {:.3} |",
            t[0] * 1e3,
            t[1] * 1e3,
            t[2] * 1e3,
            t[3] * 1e3
        );
    }
}
