//! Reuse of large tensor buffers on the same thread.
//!
//! A model's forward pass allocates each layer's output and frees it after the next layer has
//! read it. Large buffers come straight from the operating system, and every call would touch
//! fresh pages (a page fault per 4 KiB: about 18,000 per forward pass of the GunPoint FCN).
//! Dropped tensors of 128 KiB or more therefore keep their buffer in a small per-thread cache
//! (at most [`MAX_CACHED_BYTES`]), and new tensors of a similar size take it back.
//! [`release_cached_buffers`] empties the calling thread's cache.

use core::any::Any;
use std::cell::RefCell;

use crate::Element;

/// Buffers smaller than this are not kept: the allocator serves them well. 128 KiB is where
/// glibc's allocator starts asking the operating system for fresh pages.
const MIN_BYTES: usize = 128 << 10;
/// At most this many bytes are kept per thread.
pub const MAX_CACHED_BYTES: usize = 256 << 20;

#[derive(Default)]
struct Cache {
    /// `Vec<E>` buffers, boxed to share one list across element types; newest last.
    buffers: Vec<(usize, Box<dyn Any>)>,
    bytes: usize,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// An empty `Vec<E>` with room for `len` elements, reusing a cached buffer when one of a
/// similar size (between `len` and twice `len`) is there.
pub(crate) fn with_capacity<E: Element>(len: usize) -> Vec<E> {
    let bytes = len * core::mem::size_of::<E>();
    if bytes < MIN_BYTES {
        return Vec::with_capacity(len);
    }
    let reused = CACHE
        .try_with(|cache| {
            let mut cache = cache.borrow_mut();
            let pick = cache
                .buffers
                .iter()
                .enumerate()
                .filter(|(_, (cap, b))| *cap >= bytes && *cap <= 2 * bytes && b.is::<Vec<E>>())
                .min_by_key(|(_, (cap, _))| *cap)
                .map(|(i, _)| i);
            pick.map(|i| {
                let (cap, buffer) = cache.buffers.swap_remove(i);
                cache.bytes -= cap;
                buffer
            })
        })
        .ok()
        .flatten()
        .and_then(|b| b.downcast::<Vec<E>>().ok());
    match reused {
        Some(mut v) => {
            v.clear();
            *v
        }
        None => Vec::with_capacity(len),
    }
}

/// A `Vec<E>` of `len` zeros, reusing a cached buffer when possible.
pub(crate) fn zeroed<E: Element>(len: usize) -> Vec<E> {
    let mut v = with_capacity(len);
    v.resize(len, E::zero());
    v
}

/// Keeps a large buffer for reuse on this thread (or frees it when the cache is full).
pub(crate) fn recycle<E: Element>(v: Vec<E>) {
    let cap = v.capacity() * core::mem::size_of::<E>();
    if cap < MIN_BYTES {
        return;
    }
    // During thread exit the cache may be gone: the buffer is then simply freed.
    let _ = CACHE.try_with(|cache| {
        let mut cache = cache.borrow_mut();
        while cache.bytes + cap > MAX_CACHED_BYTES && !cache.buffers.is_empty() {
            let (old, _) = cache.buffers.remove(0);
            cache.bytes -= old;
        }
        if cache.bytes + cap <= MAX_CACHED_BYTES {
            cache.bytes += cap;
            cache.buffers.push((cap, Box::new(v)));
        }
    });
}

/// Frees the buffers the calling thread keeps for reuse.
///
/// ```
/// shaped_tensor::release_cached_buffers();
/// ```
pub fn release_cached_buffers() {
    let _ = CACHE.try_with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.buffers.clear();
        cache.bytes = 0;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_large_buffer_is_reused_and_small_ones_are_not_kept() {
        release_cached_buffers();
        let big = zeroed::<f32>(1 << 18);
        let ptr = big.as_ptr();
        recycle(big);
        let again = zeroed::<f32>(1 << 18);
        assert_eq!(again.as_ptr(), ptr, "the same allocation comes back");
        assert!(again.iter().all(|&v| v == 0.0), "and it is zeroed");
        // Another element type does not take it.
        recycle(again);
        let other = zeroed::<f64>(1 << 17);
        assert_ne!(other.as_ptr() as usize, ptr as usize);
        recycle(zeroed::<f32>(16));
        CACHE.with(|c| assert!(c.borrow().buffers.iter().all(|(cap, _)| *cap >= MIN_BYTES)));
        release_cached_buffers();
        CACHE.with(|c| assert_eq!(c.borrow().bytes, 0));
    }

    #[test]
    fn the_cache_stays_within_its_budget() {
        release_cached_buffers();
        for _ in 0..40 {
            recycle(zeroed::<f64>(2 << 20)); // 16 MiB each
        }
        CACHE.with(|c| assert!(c.borrow().bytes <= MAX_CACHED_BYTES));
        release_cached_buffers();
    }
}
