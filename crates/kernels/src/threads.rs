//! Splitting a call into tasks (one sample × a fixed run of output rows) and running them on
//! rayon's pool or on the calling thread.
//!
//! The split depends only on the shape, never on the thread count, and every task computes its
//! outputs in an order fixed by the shape: results are bitwise identical on any pool.

/// How a forward call uses threads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Parallelism {
    /// Everything on the calling thread.
    Sequential,
    /// Tasks over batch and output rows on the current rayon pool (the global pool, or the one
    /// installed with `ThreadPool::install`); small calls stay on the calling thread. Without
    /// the `parallel` feature this is [`Parallelism::Sequential`].
    #[default]
    Rayon,
}

/// Below this many FLOPs a call runs on the calling thread: waking the pool costs more.
#[cfg(feature = "parallel")]
const MIN_PARALLEL_FLOPS: u64 = 1 << 21;

impl Parallelism {
    /// Whether a call of `flops` with `tasks` tasks should go to the pool.
    pub(crate) fn use_pool(self, flops: u64, tasks: usize) -> bool {
        #[cfg(feature = "parallel")]
        {
            self == Parallelism::Rayon
                && flops >= MIN_PARALLEL_FLOPS
                && tasks > 1
                && rayon::current_num_threads() > 1
        }
        #[cfg(not(feature = "parallel"))]
        {
            let _ = (flops, tasks);
            false
        }
    }
}

/// Calls `f(n, chunk, rows)` for every sample `n` and every run of `chunk` elements of its
/// `per_sample` output elements (the last run of a sample may be shorter).
pub(crate) fn for_each_task<T, F>(y: &mut [T], per_sample: usize, chunk: usize, pool: bool, f: F)
where
    T: Send,
    F: Fn(usize, usize, &mut [T]) + Sync + Send,
{
    if per_sample == 0 || chunk == 0 {
        return;
    }
    #[cfg(feature = "parallel")]
    if pool {
        use rayon::prelude::*;
        y.par_chunks_mut(per_sample).enumerate().for_each(|(n, ys)| {
            ys.par_chunks_mut(chunk).enumerate().for_each(|(c, yc)| f(n, c, yc));
        });
        return;
    }
    let _ = pool;
    for (n, ys) in y.chunks_mut(per_sample).enumerate() {
        for (c, yc) in ys.chunks_mut(chunk).enumerate() {
            f(n, c, yc);
        }
    }
}

/// Calls `f(n, dst_sample, src_sample)` for every sample, on the pool if `pool`.
pub(crate) fn for_each_sample<T, F>(
    dst: &mut [T],
    src: &[T],
    per_dst: usize,
    per_src: usize,
    pool: bool,
    f: F,
) where
    T: Send + Sync,
    F: Fn(&mut [T], &[T]) + Sync + Send,
{
    if per_dst == 0 {
        return;
    }
    #[cfg(feature = "parallel")]
    if pool {
        use rayon::prelude::*;
        dst.par_chunks_mut(per_dst).enumerate().for_each(|(n, d)| f(d, &src[n * per_src..(n + 1) * per_src]));
        return;
    }
    let _ = pool;
    for (n, d) in dst.chunks_mut(per_dst).enumerate() {
        f(d, &src[n * per_src..(n + 1) * per_src]);
    }
}
