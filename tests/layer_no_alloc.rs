//! The typed inference path does not allocate: `Conv1D::forward_into` into a tensor the caller
//! owns, once warmed up (a counting global allocator). One test function only: the counter is
//! global.

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use shaped::prelude::*;

use counting_alloc::allocations_during;

#[test]
fn forward_into_does_not_allocate() {
    // Small: runs on the calling thread.
    let small: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_fn_with_batch(100, |i| i[1] as f32).unwrap();
    let mut y = Tensor::<f32, shape![Dyn, 18, 32]>::zeros_with_batch(100).unwrap();
    small.forward_into(&x, &mut y).unwrap();
    assert_eq!(allocations_during(|| small.forward_into(&x, &mut y).unwrap()), 0);

    // Large enough to be split into tiles over a rayon pool; a non-fused activation too.
    let large: Conv1D<f32, U![64], U![64], U![3], U![1], Same> = Conv1D::new(1).activation(Activation::Tanh);
    let x = Tensor::<f32, shape![Dyn, 256, 64]>::from_fn_with_batch(8, |i| (i[1] % 5) as f32 * 0.1).unwrap();
    let mut y = Tensor::<f32, shape![Dyn, 256, 64]>::zeros_with_batch(8).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    // Every worker has started (and made its queues) once it has run a broadcast job.
    pool.broadcast(|_| ());
    pool.install(|| {
        large.forward_into(&x, &mut y).unwrap();
        assert_eq!(allocations_during(|| large.forward_into(&x, &mut y).unwrap()), 0);
    });
    assert_eq!(y, large.forward(&x));
}
