//! Pooling over the time axis: windowed max and average, global pooling (with `keepdims`),
//! and adaptive pooling into a given number of bins.

mod adaptive;
mod global;
mod keepdims;
mod masked;
mod window;

pub use adaptive::{adaptive_bin, AdaptiveAveragePooling1D, AdaptiveMaxPooling1D};
pub use global::{GlobalAveragePooling1D, GlobalMaxPooling1D};
pub use keepdims::KeepDims;
pub use window::{AveragePooling1D, MaxPooling1D};

/// Where element `(n, t, c)` of a `(batch, length, channels)` problem lives in a slice of the
/// given data format.
#[derive(Clone, Copy)]
pub(crate) struct Indexer {
    pub length: usize,
    pub channels: usize,
    pub channels_first: bool,
}

impl Indexer {
    #[inline]
    pub(crate) fn at(&self, n: usize, t: usize, c: usize) -> usize {
        if self.channels_first {
            (n * self.channels + c) * self.length + t
        } else {
            (n * self.length + t) * self.channels + c
        }
    }
}
