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
/// Rows whose taps all read the input (the interior) go through [`tile`] in runs of `R` rows:
/// each weight vector is loaded once per run and feeds `R` accumulators, and the `R + K - 1`
/// input rows a run reads stay in L1 while the run sweeps the channels. Rows that read padding
/// (and the last few rows of a task) go through [`row`]. Every output is `bias` plus the taps in
/// increasing order either way, so the results do not depend on how rows are split.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn run<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    // Runs of 4 rows on every instruction set: on a Zen 4 the AVX-512 path ran S6 (depthwise,
    // 256 channels, K7) at 9.6 GFLOP/s with runs of 8 rows and 13.1 with runs of 4.
    // SAFETY: forwarded contract.
    unsafe { run_blocked::<S, 4>(task) }
}

/// How many runs of rows ahead [`run_blocked`] prefetches the input.
const PF_RUNS: usize = 1;

/// [`run`] with interior runs of `R` rows.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn run_blocked<S: Simd, const R: usize>(task: DepthwiseTask<'_, S::T>) {
    let DepthwiseTask { dims: d, w, bias, x, y, t0 } = task;
    let c = d.f;
    let l = S::LANES;
    assert!(d.cin == c && d.groups == c && w.len() == d.k * c && bias.len() == c);
    let rows = y.len() / c;
    let (lo, hi) = d.interior();
    // The task's interior rows `[r_lo, r_hi)` (indices into `y`).
    let r_lo = lo.clamp(t0, t0 + rows) - t0;
    let r_hi = hi.clamp(t0, t0 + rows) - t0;
    let r_hi = r_hi.max(r_lo);
    for r in 0..r_lo {
        // SAFETY: forwarded contract.
        unsafe { row::<S>(d, x, w, bias, y, t0, r) };
    }
    let mut r = r_lo;
    if c >= l {
        while r + R <= r_hi {
            let t = t0 + r;
            // Interior rows read taps `0..K`; the last tap of the last row is the furthest read.
            assert!(d.input_offset(t + R - 1, d.k - 1, 0) + c <= x.len(), "depthwise reads past the input");
            let yt = &mut y[r * c..(r + R) * c];
            // The input rows a run `PF_RUNS` ahead reads that no earlier run did: prefetched a
            // channel block at a time as this run sweeps the channels (clipped to the input).
            let x_rows = x.len() / c;
            let pf0 =
                ((t + R - 1) * d.s + (d.k - 1) * d.d + 1 + (PF_RUNS - 1) * R * d.s).saturating_sub(d.pl);
            let pf = (x.as_ptr().wrapping_add(pf0 * c), (R * d.s).min(x_rows.saturating_sub(pf0)));
            let mut ch = 0;
            while ch + 2 * l <= c {
                // SAFETY: channels `ch..ch + 2 * LANES` exist (loop bound), rows `t..t + R` are
                // interior so all their taps read rows inside `x` (asserted above for the
                // furthest; the nearest is at or after row 0 since `t >= lo`), `yt` has `R`
                // rows, and the instruction set is available.
                unsafe { tile::<S, R, 2>(d, x, w, bias, yt, t, ch, pf) };
                ch += 2 * l;
            }
            while ch + l <= c {
                // SAFETY: as above, for `LANES` channels.
                unsafe { tile::<S, R, 1>(d, x, w, bias, yt, t, ch, pf) };
                ch += l;
            }
            if ch < c {
                // The last channels: one overlapping vector ending at the row's end, computing
                // the channels it shares with the previous vector exactly as that one did.
                // SAFETY: `c >= LANES`, so channels `c - LANES..c` exist; as above otherwise.
                unsafe { tile::<S, R, 1>(d, x, w, bias, yt, t, c - l, pf) };
            }
            r += R;
        }
    }
    for r in r..rows {
        // SAFETY: forwarded contract.
        unsafe { row::<S>(d, x, w, bias, y, t0, r) };
    }
}

/// `R` interior output rows starting at position `t` (the rows of `yt`), channels
/// `ch..ch + NV * LANES`, over all taps.
///
/// # Safety
/// Channels `ch..ch + NV * LANES` must exist (`<= d.f`), `yt` must hold `R` rows, positions
/// `t..t + R` must be interior (every tap reads a row inside `x`), and the CPU must support the
/// instruction set of `S`.
#[inline(always)]
#[allow(clippy::too_many_arguments)] // the innermost kernel takes its pointers and strides unpacked, in registers
unsafe fn tile<S: Simd, const R: usize, const NV: usize>(
    d: &Dims,
    x: &[S::T],
    w: &[S::T],
    bias: &[S::T],
    yt: &mut [S::T],
    t: usize,
    ch: usize,
    (pf, npf): (*const S::T, usize),
) {
    let l = S::LANES;
    let c = d.f;
    for j in 0..npf {
        for v in 0..NV {
            S::prefetch(pf.wrapping_add(j * c + ch + v * l));
        }
    }
    // SAFETY: `ch + NV * LANES <= c == bias.len()` (caller's contract).
    let b: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(bias.as_ptr().add(ch + v * l)) });
    let mut acc: [[S::V; NV]; R] = [b; R];
    // Tap 0 of position `t`; interior positions have `t * s >= pl`.
    let xs = x.as_ptr().wrapping_add((t * d.s - d.pl) * c + ch);
    let (rstep, kstep) = (d.s * c, d.d * c);
    for k in 0..d.k {
        // SAFETY: `w` has `K * c` elements and `ch + NV * LANES <= c` (caller's contract).
        let wv: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(w.as_ptr().add(k * c + ch + v * l)) });
        let xk = xs.wrapping_add(k * kstep);
        for (i, a) in acc.iter_mut().enumerate() {
            let xp = xk.wrapping_add(i * rstep);
            for (v, a) in a.iter_mut().enumerate() {
                // SAFETY: tap `k` of interior position `t + i` is a row inside `x`, read at
                // channels `ch + v * LANES..` below `c` (caller's contract); the instruction
                // set is available.
                *a = unsafe { S::fma(S::load(xp.add(v * l)), wv[v], *a) };
            }
        }
    }
    // SAFETY: the instruction set is available.
    let acc = unsafe { crate::simd::math::activated::<S, R, NV>(d.act, acc) };
    for (i, a) in acc.iter().enumerate() {
        for (v, a) in a.iter().enumerate() {
            // SAFETY: `yt` holds `R` rows of `c` and `ch + NV * LANES <= c` (caller's contract).
            unsafe { S::store(yt.as_mut_ptr().add(i * c + ch + v * l), *a) };
        }
    }
}

/// Output row `r` of the task (position `t0 + r`), any taps, one row at a time.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn row<S: Simd>(d: &Dims, x: &[S::T], w: &[S::T], bias: &[S::T], y: &mut [S::T], t0: usize, r: usize) {
    let c = d.f;
    let l = S::LANES;
    let t = t0 + r;
    let (k0, k1) = d.taps(t);
    let k1 = k1.max(k0);
    if k1 > k0 {
        assert!(d.input_offset(t, k1 - 1, 0) + c <= x.len(), "depthwise reads past the input");
    }
    let yrow = &mut y[r * c..(r + 1) * c];
    if c < l {
        scalar::<S>(d, x, w, bias, yrow, t, (k0, k1), 0..c);
        // The activation on this instruction set's vectors, as the other rows get it.
        // SAFETY: the instruction set is available (this function's contract).
        unsafe { crate::simd::activation::apply_slice::<S>(d.act, yrow, c) };
        return;
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

/// Channels `chans` of output position `t`, one at a time.
#[inline(always)]
#[allow(clippy::too_many_arguments)] // the innermost kernel takes its pointers and strides unpacked, in registers
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
        yrow[o] = acc;
    }
}

/// `NV * LANES` channels starting at `ch` of output position `t`, over taps `k0..k1`.
///
/// # Safety
/// Channels `ch..ch + NV * LANES` must exist (`<= yrow.len()`), every tap in `taps` must read a
/// row inside `x`, and the CPU must support the instruction set of `S`.
#[inline(always)]
#[allow(clippy::too_many_arguments)] // the innermost kernel takes its pointers and strides unpacked, in registers
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
    // SAFETY: the instruction set is available.
    let [acc] = unsafe { crate::simd::math::activated::<S, 1, NV>(d.act, [acc]) };
    for (v, a) in acc.iter().enumerate() {
        // SAFETY: `ch + NV * LANES <= yrow.len()` (caller's contract).
        unsafe { S::store(yrow.as_mut_ptr().add(ch + v * l), *a) };
    }
}
