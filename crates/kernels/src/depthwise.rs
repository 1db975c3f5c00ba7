//! The depthwise kernel (`groups == in_channels == filters`): every output channel reads one
//! input channel, so the channels go in the vector lanes and each output row is a few vector
//! multiply-adds over the taps. Memory-bound: one streaming pass over input and output.

use crate::dims::Dims;
use crate::simd::Simd;

/// One unit of work: output rows `[t0, t0 + y.len() / f)` of one sample.
pub(crate) struct DepthwiseTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// The kernel, Keras layout `(K, 1, channels)`.
    pub w: &'a [T],
    /// The bias, `(channels,)` (zeros if the layer has none).
    pub bias: &'a [T],
    /// The sample's input, channels-last `(len, channels)`.
    pub x: &'a [T],
    /// The task's output rows, channels-last.
    pub y: &'a mut [T],
    /// First output position of `y`.
    pub t0: usize,
}

/// Computes a task.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn run<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    let DepthwiseTask { dims: d, w, bias, x, y, t0 } = task;
    let c = d.f;
    let l = S::LANES;
    assert!(d.cin == c && d.groups == c && w.len() == d.k * c && bias.len() == c);
    let rows = y.len() / c;
    for r in 0..rows {
        let t = t0 + r;
        let (k0, k1) = d.taps(t);
        let k1 = k1.max(k0);
        if k1 > k0 {
            assert!(d.input_offset(t, k1 - 1, 0) + c <= x.len(), "depthwise reads past the input");
        }
        let yrow = &mut y[r * c..(r + 1) * c];
        if c < l {
            scalar::<S>(d, x, w, bias, yrow, t, (k0, k1), 0..c);
            continue;
        }
        let mut ch = 0;
        while ch + 4 * l <= c {
            // SAFETY: channels `ch..ch + 4 * LANES` exist in every row (loop bound), the rows
            // read are inside `x` (asserted above), and the instruction set is available.
            unsafe { block::<S, 4>(d, x, w, bias, yrow, t, (k0, k1), ch) };
            ch += 4 * l;
        }
        while ch + l <= c {
            // SAFETY: as above, for `LANES` channels.
            unsafe { block::<S, 1>(d, x, w, bias, yrow, t, (k0, k1), ch) };
            ch += l;
        }
        if ch < c {
            // The last channels: one overlapping vector ending at the row's end, computing
            // the channels it shares with the previous vector exactly as that one did.
            // SAFETY: `c >= LANES`, so channels `c - LANES..c` exist; as above otherwise.
            unsafe { block::<S, 1>(d, x, w, bias, yrow, t, (k0, k1), c - l) };
        }
    }
}

/// Channels `chans` of output position `t`, one at a time.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn scalar<S: Simd>(
    d: &Dims,
    x: &[S::T],
    w: &[S::T],
    bias: &[S::T],
    yrow: &mut [S::T],
    t: usize,
    (k0, k1): (usize, usize),
    chans: core::ops::Range<usize>,
) {
    let c = d.f;
    for o in chans {
        let mut acc = bias[o];
        for k in k0..k1 {
            acc = S::fma_scalar(x[d.input_offset(t, k, 0) + o], w[k * c + o], acc);
        }
        yrow[o] = if d.relu { crate::Activation::Relu.apply(acc) } else { acc };
    }
}

/// `NV * LANES` channels starting at `ch` of output position `t`, over taps `k0..k1`.
///
/// # Safety
/// Channels `ch..ch + NV * LANES` must exist (`<= yrow.len()`), every tap in `taps` must read a
/// row inside `x`, and the CPU must support the instruction set of `S`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn block<S: Simd, const NV: usize>(
    d: &Dims,
    x: &[S::T],
    w: &[S::T],
    bias: &[S::T],
    yrow: &mut [S::T],
    t: usize,
    taps: (usize, usize),
    ch: usize,
) {
    let l = S::LANES;
    let c = d.f;
    // SAFETY: `ch + NV * LANES <= c == bias.len()` (caller's contract).
    let mut acc: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(bias.as_ptr().add(ch + v * l)) });
    for k in taps.0..taps.1 {
        let xp = x.as_ptr().wrapping_add(d.input_offset(t, k, 0) + ch);
        let wp = w.as_ptr().wrapping_add(k * c + ch);
        for (v, a) in acc.iter_mut().enumerate() {
            // SAFETY: the tap reads a row inside `x` and `w` has `K * c` elements; both with
            // `ch + NV * LANES <= c` (caller's contract); the instruction set is available.
            *a = unsafe { S::fma(S::load(xp.add(v * l)), S::load(wp.add(v * l)), *a) };
        }
    }
    for (v, a) in acc.iter().enumerate() {
        let r = if d.relu {
            // SAFETY: the instruction set is available.
            unsafe { S::relu(*a) }
        } else {
            *a
        };
        // SAFETY: `ch + NV * LANES <= yrow.len()` (caller's contract).
        unsafe { S::store(yrow.as_mut_ptr().add(ch + v * l), r) };
    }
}
