//! `forward` and `forward_into` do not allocate once warmed up (a counting global allocator).
//!
//! One test function only: the counter is global, and other tests running at the same time
//! would allocate.

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use shaped_kernels::{
    Activation, Conv1dGeometry, Conv1dScratch, Conv1dSpec, Conv1dWeights, Isa, Layout, Parallelism,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout (via `alloc` above).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

fn weights(spec: Conv1dSpec, isa: Isa, parallelism: Parallelism) -> Conv1dWeights<f32> {
    let w: Vec<f32> = (0..spec.kernel_len()).map(|i| (i % 7) as f32 - 3.0).collect();
    let b: Vec<f32> = (0..spec.filters).map(|i| i as f32).collect();
    Conv1dWeights::from_keras(spec, &w, Some(&b)).unwrap().with_isa(isa).with_parallelism(parallelism)
}

#[test]
fn forward_does_not_allocate() {
    let dense = Conv1dSpec {
        in_channels: if cfg!(miri) { 3 } else { 16 },
        filters: if cfg!(miri) { 5 } else { 40 },
        kernel_size: 3,
        stride: 1,
        dilation: 2,
        groups: 1,
        activation: Activation::Relu,
    };
    let depthwise = Conv1dSpec { in_channels: 20, filters: 20, groups: 20, ..dense };
    let length = if cfg!(miri) { 9 } else { 600 };
    let isas: Vec<Isa> = Isa::ALL.into_iter().filter(|i| i.is_supported()).collect();
    // One pool for the whole test: a pool's threads allocating as they exit would be counted.
    #[cfg(all(feature = "parallel", not(miri)))]
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    // Every worker has started (and made its queues) once it has run a broadcast job.
    #[cfg(all(feature = "parallel", not(miri)))]
    pool.broadcast(|_| ());
    for spec in [dense, depthwise] {
        for layout in [Layout::ChannelsLast, Layout::ChannelsFirst] {
            let geo = Conv1dGeometry { batch: 3, length, pad_left: 2, pad_right: 2, layout };
            let x: Vec<f32> = (0..geo.input_len(&spec)).map(|i| (i % 5) as f32).collect();
            let mut y = vec![0.0f32; geo.output_len(&spec)];
            for &isa in &isas {
                let w = weights(spec, isa, Parallelism::Sequential);
                let mut scratch = Conv1dScratch::new();
                w.forward(&geo, &x, &mut y).unwrap();
                w.forward_into(&geo, &x, &mut y, &mut scratch).unwrap();
                let n = allocations_during(|| {
                    w.forward(&geo, &x, &mut y).unwrap();
                    w.forward_into(&geo, &x, &mut y, &mut scratch).unwrap();
                });
                assert_eq!(n, 0, "{isa:?} {layout:?}: sequential forward allocated {n} times");

                // On rayon's pool, called from one of its threads (as rayon code runs).
                #[cfg(all(feature = "parallel", not(miri)))]
                {
                    let w = weights(spec, isa, Parallelism::Rayon);
                    pool.install(|| {
                        w.forward(&geo, &x, &mut y).unwrap();
                        let n = allocations_during(|| {
                            for _ in 0..10 {
                                w.forward(&geo, &x, &mut y).unwrap();
                            }
                        });
                        assert_eq!(n, 0, "{isa:?} {layout:?}: parallel forward allocated {n} times");
                    });
                }
            }
        }
    }
}
