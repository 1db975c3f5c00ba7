//! A warmed-up whole-model `forward_into` allocates nothing: the three declared functional
//! models, inside a 1-thread and a 2-thread rayon pool, with every intermediate in the
//! caller's workspace (a counting global allocator). One test function only: the counter is
//! global.

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use shaped::prelude::*;
use shaped_models::{BasicMotionsInception, GunPointResNet, JapaneseVowelsWaveNet};

use counting_alloc::allocations_during;

/// Warms a model up on `x` (one call plans the workspace), then counts the allocations of the
/// next calls; returns the workspace's size.
macro_rules! check_model {
    ($model:expr, $x:expr, $label:literal) => {{
        let model = $model;
        let x = $x;
        let mut out = Tensor::zeros_with_batch(0).unwrap();
        let mut ws = Workspace::new();
        // Two warm-up calls: the first plans the workspace, the second lets the pool's
        // worker queues reach their size.
        model.forward_into(&x, &mut out, &mut ws);
        model.forward_into(&x, &mut out, &mut ws);
        let n = allocations_during(|| {
            for _ in 0..3 {
                model.forward_into(&x, &mut out, &mut ws);
            }
        });
        assert_eq!(n, 0, "{}: allocations in 3 warmed-up calls", $label);
        assert_eq!(out, model.forward(&x), "{}: the workspace result is forward's", $label);
        ws.bytes()
    }};
}

fn input<S: Shape>(batch: usize) -> Tensor<f32, S> {
    Tensor::from_fn_with_batch(batch, |i| ((i.iter().sum::<usize>() % 7) as f32 - 3.0) * 0.25).unwrap()
}

fn all_models() -> Vec<(&'static str, usize)> {
    vec![
        ("resnet", check_model!(GunPointResNet::new(1), input::<shape![Dyn, 150, 1]>(16), "resnet")),
        (
            "inception",
            check_model!(BasicMotionsInception::new(2), input::<shape![Dyn, 100, 6]>(16), "inception"),
        ),
        ("wavenet", check_model!(JapaneseVowelsWaveNet::new(3), input::<shape![Dyn, 29, 12]>(16), "wavenet")),
    ]
}

#[test]
fn warmed_up_models_do_not_allocate_on_one_or_two_threads() {
    // Calls from outside a pool reach rayon through its global injector, which allocates a
    // block every few dozen jobs: allocation-free inference runs inside a pool (`install`).
    let single = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    single.broadcast(|_| ());
    let one = single.install(all_models);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    // Every worker has started (and made its queues) once it has run a broadcast job.
    pool.broadcast(|_| ());
    let two = pool.install(all_models);
    // The plan depends on the shapes only, not on the threads.
    assert_eq!(one, two);
    for (name, bytes) in one {
        assert!(bytes > 0, "{name}: the workspace holds the intermediates");
    }
}
