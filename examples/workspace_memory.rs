//! Memory under threads: 8 threads each run the GunPoint ResNet with a workspace of their own;
//! prints each workspace's size (what the model keeps between calls), and the process's peak
//! resident memory before, during and after, to compare with them.
//!
//! `cargo run --release --example workspace_memory`

use shaped::prelude::*;
use shaped_models::GunPointResNet;

/// `VmHWM` / `VmRSS` of this process in MiB (Linux), or 0 elsewhere.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let model = GunPointResNet::new(0);
    let threads = 8;
    let batch = 150;
    let before = status_mib("VmRSS:");
    let sizes: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let model = &model;
                s.spawn(move || {
                    let x = Tensor::<f32, shape![Dyn, 150, 1]>::from_fn_with_batch(batch, |i| {
                        ((i[1] + t) % 9) as f32 * 0.1
                    })
                    .expect("the batch fits");
                    let mut out = Tensor::zeros_with_batch(0).expect("an empty batch");
                    let mut ws = Workspace::new();
                    for _ in 0..5 {
                        model.forward_into(&x, &mut out, &mut ws);
                    }
                    ws.bytes()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("the thread ran")).collect()
    });
    let peak = status_mib("VmHWM:");
    let after = status_mib("VmRSS:");
    let total: usize = sizes.iter().sum();
    let mib = |b: usize| b as f64 / f64::from(1 << 20);
    println!(
        "{threads} threads, batch {batch}: workspace {:.1} MiB each, {:.1} MiB in all",
        mib(sizes[0]),
        mib(total)
    );
    println!("resident before {before:.1} MiB, peak {peak:.1} MiB (+{:.1}), after the threads ended {after:.1} MiB", peak - before);
}
