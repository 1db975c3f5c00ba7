//! Conv1D forward and backward (input gradient, kernel + bias gradient), shapes S1–S6 of
//! `benches/conv1d.rs` (batch reduced), at 1 thread and at all threads, in GFLOP/s and as a
//! fraction of the FMA peak measured by a probe in the same run. Each backward pass counts
//! the forward pass's FLOPs (`2 * B * Lout * filters * Cin/groups * K`): the same multiply-adds.
//!
//! `cargo bench --bench conv1d_backward` (criterion filters work: `-- S3`).
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
}

fn shape(
    name: &'static str,
    (batch, length, cin, filters, k): (usize, usize, usize, usize, usize),
    (stride, dilation, groups): (usize, usize, usize),
    (pad_left, pad_right): (usize, usize),
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
    Shape { name, spec, geo }
}

fn shapes() -> Vec<Shape> {
    let mut v = vec![
        shape("S1 seed", (100, 20, 1, 32, 3), (1, 1, 1), (0, 0)),
        shape("S2 audio", (4, 16000, 1, 64, 80), (4, 1, 1), (0, 0)),
        shape("S3 mid", (8, 1024, 64, 64, 3), (1, 1, 1), (1, 1)),
        shape("S4 wide", (8, 256, 256, 256, 5), (1, 1, 1), (0, 0)),
        shape("S5 dilated", (8, 1024, 64, 64, 3), (1, 4, 1), (8, 0)),
        shape("S6 depthwise", (8, 1024, 256, 256, 7), (1, 1, 256), (3, 3)),
    ];
    let mut ncl = shape("S3 mid NCL", (8, 1024, 64, 64, 3), (1, 1, 1), (1, 1));
    ncl.geo.layout = Layout::ChannelsFirst;
    v.push(ncl);
    v
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

/// Which pass a call runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Forward,
    Input,
    Weights,
}

impl Pass {
    const ALL: [Pass; 3] = [Pass::Forward, Pass::Input, Pass::Weights];
    fn label(self) -> &'static str {
        match self {
            Pass::Forward => "forward",
            Pass::Input => "backward-input",
            Pass::Weights => "backward-weights",
        }
    }
}

/// A prepared call: weights, input, output and gradients.
struct Prepared {
    weights: Conv1dWeights<f32>,
    geo: Conv1dGeometry,
    pass: Pass,
    x: Vec<f32>,
    y: Vec<f32>,
    dx: Vec<f32>,
    dk: Vec<f32>,
    db: Vec<f32>,
}

impl Prepared {
    fn new(s: &Shape, parallelism: Parallelism, pass: Pass) -> Self {
        let w = values(s.spec.kernel_len(), 1);
        let b = values(s.spec.filters, 2);
        let weights = Conv1dWeights::from_keras(s.spec, &w, Some(&b))
            .expect("valid shape")
            .with_parallelism(parallelism);
        let x = values(s.geo.input_len(&s.spec), 3);
        // `y` doubles as the output gradient of the backward passes.
        let y = values(s.geo.output_len(&s.spec), 4);
        let dx = vec![0.0; x.len()];
        let (dk, db) = (vec![0.0; s.spec.kernel_len()], vec![0.0; s.spec.filters]);
        Prepared { weights, geo: s.geo, pass, x, y, dx, dk, db }
    }

    fn call(&mut self) {
        let (w, g) = (&self.weights, &self.geo);
        match self.pass {
            Pass::Forward => w.forward(g, black_box(&self.x), black_box(&mut self.y)).expect("forward"),
            Pass::Input => w.backward_input(g, black_box(&self.y), black_box(&mut self.dx)).expect("input"),
            Pass::Weights => w
                .backward_weights(g, black_box(&self.x), black_box(&self.y), &mut self.dk, Some(&mut self.db))
                .expect("weights"),
        }
    }

    /// Fastest seconds per call over about `budget` (the machine is shared: the best time is
    /// the one least disturbed by other work).
    fn best_seconds(&mut self, budget: Duration) -> f64 {
        self.call();
        let start = Instant::now();
        let mut times = Vec::new();
        while start.elapsed() < budget || times.len() < 5 {
            let t = Instant::now();
            self.call();
            times.push(t.elapsed().as_secs_f64());
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

fn main() {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (peak1, peak_n) = peak::measure(threads);
    println!(
        "CPU: {}; FMA peak: {peak1:.1} GFLOP/s on 1 thread, {peak_n:.1} on {threads} threads; kernel ISA {:?}",
        shaped_models::cpu_name(),
        Isa::detected()
    );
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(600))
        .sample_size(10)
        .configure_from_args();
    let mut rows = Vec::new();
    for s in shapes() {
        let flops = s.geo.flops(&s.spec);
        let mut group = c.benchmark_group(s.name);
        group.throughput(Throughput::Elements(flops));
        let mut figures = [[0.0; 2]; 3];
        for (p, pass) in Pass::ALL.into_iter().enumerate() {
            for (label, par) in [("1T", Parallelism::Sequential), ("allT", Parallelism::Rayon)] {
                let mut prep = Prepared::new(&s, par, pass);
                group.bench_function(format!("{} {label}", pass.label()), |b| b.iter(|| prep.call()));
                figures[p][usize::from(par == Parallelism::Rayon)] =
                    flops as f64 / prep.best_seconds(Duration::from_millis(300)) / 1e9;
            }
        }
        group.finish();
        rows.push((s.name, flops, figures));
    }
    c.final_summary();

    println!();
    println!(
        "| shape | MFLOP | forward 1T | fwd {threads}T | bwd-input 1T | bwd-input {threads}T | bwd-weights 1T | bwd-weights {threads}T |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, flops, figures) in rows {
        let cell = |g: f64, peak: f64| format!("{g:.1} ({:.0}%)", 100.0 * g / peak);
        let cells: Vec<String> =
            figures.iter().flat_map(|[g1, gn]| [cell(*g1, peak1), cell(*gn, peak_n)]).collect();
        println!("| {name} | {:.0} | {} |", flops as f64 / 1e6, cells.join(" | "));
    }
    println!(
        "GFLOP/s (% of the FMA peak measured in this run: {peak1:.1} on 1 thread, {peak_n:.1} on {threads}); \
         backward-weights includes the bias gradient."
    );
}
