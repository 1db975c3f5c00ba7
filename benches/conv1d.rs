//! Conv1D forward, shapes S1–S6 of the kernel issue, at 1 thread and at all threads, in GFLOP/s
//! (criterion's `Gelem/s` is GFLOP/s: the throughput is set to the call's FLOPs) and as a
//! fraction of the FMA peak measured by a probe in the same run.
//!
//! `cargo bench --bench conv1d` (criterion filters work: `cargo bench --bench conv1d -- S3`).
//! `SHAPED_KERNEL_ISA=avx2|portable` runs another instruction-set path.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use shaped_kernels::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Isa, Layout, Parallelism};

/// One benchmark shape.
struct Shape {
    name: &'static str,
    spec: Conv1dSpec,
    geo: Conv1dGeometry,
    /// Best peer (GFLOP/s at 1 thread, 2 threads) from the issue.
    peer: (f64, f64),
}

#[allow(clippy::too_many_arguments)] // one bench case: its shape and settings, by name
fn shape(
    name: &'static str,
    (batch, length, cin, filters, k): (usize, usize, usize, usize, usize),
    stride: usize,
    dilation: usize,
    groups: usize,
    (pad_left, pad_right): (usize, usize),
    peer: (f64, f64),
) -> Shape {
    let spec = Conv1dSpec {
        in_channels: cin,
        filters,
        kernel_size: k,
        stride,
        dilation,
        groups,
        activation: Activation::Linear,
    };
    let geo = Conv1dGeometry { batch, length, pad_left, pad_right, layout: Layout::ChannelsLast };
    Shape { name, spec, geo, peer }
}

fn shapes() -> Vec<Shape> {
    vec![
        shape("S1 seed", (100, 20, 1, 32, 3), 1, 1, 1, (0, 0), (11.3, 11.3)),
        shape("S2 audio", (8, 16000, 1, 64, 80), 4, 1, 1, (0, 0), (89.3, 159.7)),
        shape("S3 mid", (32, 1024, 64, 64, 3), 1, 1, 1, (1, 1), (95.4, 172.3)),
        shape("S4 wide", (32, 256, 256, 256, 5), 1, 1, 1, (0, 0), (110.5, 207.0)),
        shape("S5 dilated", (32, 1024, 64, 64, 3), 1, 4, 1, (8, 0), (82.5, 164.5)),
        shape("S6 depthwise", (32, 1024, 256, 256, 7), 1, 1, 256, (3, 3), (14.2, 24.0)),
        // S3 on PyTorch/ONNX channels-first data: the cost of the layout transposes.
        channels_first(shape("S3 mid NCL", (32, 1024, 64, 64, 3), 1, 1, 1, (1, 1), (95.4, 172.3))),
    ]
}

/// The same shape on channels-first `(batch, channels, length)` data.
fn channels_first(mut s: Shape) -> Shape {
    s.geo.layout = Layout::ChannelsFirst;
    s
}

/// Seeded values in `[-1, 1)`.
fn values(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

/// A prepared call: weights, input, output.
struct Prepared {
    weights: Conv1dWeights<f32>,
    geo: Conv1dGeometry,
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Prepared {
    fn new(s: &Shape, parallelism: Parallelism) -> Self {
        let w = values(s.spec.kernel_len(), 1);
        let b = values(s.spec.filters, 2);
        let weights = Conv1dWeights::from_keras(s.spec, &w, Some(&b))
            .expect("valid shape")
            .with_parallelism(parallelism);
        let x = values(s.geo.input_len(&s.spec), 3);
        let y = vec![0.0; s.geo.output_len(&s.spec)];
        Prepared { weights, geo: s.geo, x, y }
    }

    fn call(&mut self) {
        self.weights.forward(&self.geo, black_box(&self.x), black_box(&mut self.y)).expect("forward");
    }

    /// Fastest seconds per call (of batches of 4 calls) over about `budget`: the machine is
    /// shared, so the best time is the one least disturbed by other work.
    fn best_seconds(&mut self, budget: Duration) -> f64 {
        self.call();
        let start = Instant::now();
        let mut times = Vec::new();
        while start.elapsed() < budget || times.len() < 5 {
            let t = Instant::now();
            let reps = 4;
            for _ in 0..reps {
                self.call();
            }
            times.push(t.elapsed().as_secs_f64() / f64::from(reps));
        }
        times.into_iter().fold(f64::INFINITY, f64::min)
    }
}

mod peak {
    //! The FMA peak: independent accumulator chains in a tight loop.

    use std::time::Instant;

    const ITERS: u64 = 20_000_000;

    /// FLOPs of one probe run, and the run itself (12 independent FMA chains of the widest
    /// vectors this CPU has).
    fn probe() -> (u64, fn() -> f32) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: AVX-512F was just detected.
                return (ITERS * 12 * 16 * 2, || unsafe { avx512(ITERS) });
            }
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                // SAFETY: AVX2 and FMA were just detected.
                return (ITERS * 12 * 8 * 2, || unsafe { avx2(ITERS) });
            }
        }
        (0, || 0.0)
    }

    /// GFLOP/s of `threads` threads each running the probe, over the wall time of all.
    fn run(threads: usize) -> f64 {
        let (flops, f) = probe();
        let t = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| std::hint::black_box(f()));
            }
        });
        (flops * threads as u64) as f64 / t.elapsed().as_secs_f64() / 1e9
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn avx512(iters: u64) -> f32 {
        use std::arch::x86_64::*;
        let a = _mm512_set1_ps(0.999_999);
        let b = _mm512_set1_ps(1e-7);
        let mut acc = [_mm512_set1_ps(1.0); 12];
        for _ in 0..iters {
            for v in &mut acc {
                *v = _mm512_fmadd_ps(*v, a, b);
            }
        }
        acc.iter().map(|v| _mm512_reduce_add_ps(*v)).sum()
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn avx2(iters: u64) -> f32 {
        use std::arch::x86_64::*;
        let a = _mm256_set1_ps(0.999_999);
        let b = _mm256_set1_ps(1e-7);
        let mut acc = [_mm256_set1_ps(1.0); 12];
        for _ in 0..iters {
            for v in &mut acc {
                *v = _mm256_fmadd_ps(*v, a, b);
            }
        }
        let mut out = [0.0f32; 8];
        for v in acc {
            let mut lanes = [0.0f32; 8];
            // SAFETY: `lanes` holds 8 floats; AVX is enabled in this function.
            unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), v) };
            for (o, l) in out.iter_mut().zip(lanes) {
                *o += l;
            }
        }
        out.iter().sum()
    }

    /// Peak GFLOP/s on 1 thread and on `threads` threads (best of five each).
    pub fn measure(threads: usize) -> (f64, f64) {
        let best = |n| (0..5).map(|_| run(n)).fold(0.0, f64::max);
        (best(1), best(threads))
    }
}

mod memory {
    //! Memory bandwidth: `copy_from_slice` of a buffer far larger than the caches, counted as
    //! bytes read plus bytes written.

    use std::time::Instant;

    const BYTES: usize = 128 << 20;

    /// GB/s of `threads` threads each copying its own buffer, over the wall time of all.
    fn run(threads: usize, bufs: &mut [(Vec<f32>, Vec<f32>)]) -> f64 {
        let t = Instant::now();
        std::thread::scope(|s| {
            for (src, dst) in bufs.iter_mut().take(threads) {
                s.spawn(move || dst.copy_from_slice(std::hint::black_box(src)));
            }
        });
        (2 * BYTES * threads) as f64 / t.elapsed().as_secs_f64() / 1e9
    }

    /// Copy bandwidth on 1 thread and on `threads` threads (best of three each).
    pub fn measure(threads: usize) -> (f64, f64) {
        let n = BYTES / 4;
        let mut bufs: Vec<_> = (0..threads).map(|i| (vec![i as f32; n], vec![0.0f32; n])).collect();
        let mut best = |k| (0..3).map(|_| run(k, &mut bufs)).fold(0.0, f64::max);
        (best(1), best(threads))
    }
}

/// Bytes one call must move at least: input, output and weights once each.
fn bytes(s: &Shape) -> f64 {
    4.0 * (s.geo.input_len(&s.spec) + s.geo.output_len(&s.spec) + s.spec.kernel_len()) as f64
}

fn main() {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let (peak1, peak_n) = peak::measure(threads);
    let (bw1, bw_n) = memory::measure(threads);
    println!(
        "CPU: {}; FMA peak: {peak1:.1} GFLOP/s on 1 thread, {peak_n:.1} on {threads} threads; memory \
         (copy) {bw1:.1} / {bw_n:.1} GB/s; kernel ISA {:?}",
        shaped_models::cpu_name(),
        Isa::detected()
    );

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1200))
        .sample_size(10)
        .configure_from_args();
    let mut rows = Vec::new();
    for s in shapes() {
        let flops = s.geo.flops(&s.spec);
        let mut group = c.benchmark_group(s.name);
        group.throughput(Throughput::Elements(flops));
        let mut figures = [0.0; 2];
        for (label, par) in [("1T", Parallelism::Sequential), ("allT", Parallelism::Rayon)] {
            let mut p = Prepared::new(&s, par);
            group.bench_function(label, |b| b.iter(|| p.call()));
            figures[usize::from(par == Parallelism::Rayon)] =
                flops as f64 / p.best_seconds(Duration::from_millis(600)) / 1e9;
        }
        group.finish();
        // The roofline: the FMA peak, or moving the call's bytes once at the copy bandwidth.
        let roof = |peak: f64, bw: f64| peak.min(flops as f64 / (bytes(&s) / bw));
        rows.push((s.name, figures, [roof(peak1, bw1), roof(peak_n, bw_n)], s.peer));
    }
    c.final_summary();

    println!();
    println!(
        "| shape | 1T GFLOP/s | 1T % of bound | {threads}T GFLOP/s | {threads}T % of bound | bound 1T / {threads}T \
         | peer 1T / 2T | vs peer 1T / 2T |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, [g1, gn], [b1, bn], (p1, p2)) in rows {
        let kind = |b: f64, peak: f64| if b < peak { "mem" } else { "FMA" };
        println!(
            "| {name} | {g1:.1} | {:.0}% | {gn:.1} | {:.0}% | {b1:.0} ({}) / {bn:.0} ({}) | {p1} / {p2} | {:.2}x / {:.2}x |",
            100.0 * g1 / b1,
            100.0 * gn / bn,
            kind(b1, peak1),
            kind(bn, peak_n),
            g1 / p1,
            gn / p2
        );
    }
    println!(
        "Bound = min(FMA peak, FLOPs / (bytes moved / copy bandwidth)), measured in this run: FMA peak \
         {peak1:.1} / {peak_n:.1} GFLOP/s, copy {bw1:.1} / {bw_n:.1} GB/s (1 / {threads} threads)."
    );
}
