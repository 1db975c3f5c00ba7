//! The register-blocked kernel: a tile of `MR` output positions × `NV` vectors of filters kept
//! in registers while the whole reduction (taps × channels of the group) streams through.
//!
//! Channels-last input, no im2col: the taps of output position `t` read rows
//! `t*stride + k*dilation - pad_left` of the input directly, and when there is no dilation gap
//! and a single group those rows are one contiguous run, so the reduction is a single loop.
//! Positions whose taps reach into the padding (the edges) go up to `MR` at a time: one tile
//! over the taps every position of the group reads, then each position's remaining taps in a
//! one-row tile; all others take full tiles. Long reductions are cut into blocks whose packed
//! weights fit the L1 cache; partial sums wait in the output (exactly, in `T`) between blocks.
//! Each output's summation order is fixed by the shape alone, so results do not depend on how
//! the rows are split across threads.

use crate::dims::Dims;
use crate::pack::GemmPack;
use crate::simd::Simd;

/// One unit of work: output rows `[t0, t0 + y.len() / f)` of one sample.
pub(crate) struct GemmTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// Packed weights.
    pub pack: &'a GemmPack<T>,
    /// The sample's input, channels-last `(len, cin)`.
    pub x: &'a [T],
    /// The task's output rows, channels-last.
    pub y: &'a mut [T],
    /// First output position of `y`.
    pub t0: usize,
}

/// The reduction of one output position: `n` runs of `len` contiguous input elements,
/// `stride` apart.
#[derive(Clone, Copy)]
struct Runs {
    n: usize,
    len: usize,
    stride: usize,
}

/// Computes a task.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn run<S: Simd, const MR: usize, const NV: usize>(task: GemmTask<'_, S::T>) {
    let GemmTask { dims: d, pack, x, y, t0 } = task;
    let nr = NV * S::LANES;
    debug_assert_eq!(pack.nr, nr);
    let t1 = t0 + y.len() / d.f;
    let (lo, hi) = d.interior();
    let a_end = lo.clamp(t0, t1);
    let i_end = hi.clamp(a_end, t1);
    let merged = d.merged_taps();
    let full = if merged {
        Runs { n: 1, len: d.k * d.cin, stride: 0 }
    } else {
        Runs { n: d.k, len: d.cig, stride: d.d * d.cin }
    };
    // Reduction blocks: about 32 KiB of packed weights each (whole taps when not merged).
    let kc = (32 << 10) / (nr * core::mem::size_of::<S::T>());
    let red = d.k * d.cig;
    let (nblk, per_blk) = if merged {
        (red.div_ceil(kc), kc)
    } else {
        let taps = (kc / d.cig).max(1);
        (d.k.div_ceil(taps), taps)
    };
    for g in 0..d.groups {
        for fb in 0..pack.nfb {
            let w = pack.block(g, fb);
            let bias = pack.bias_block(g, fb);
            let col = g * d.fog + fb * nr;
            let nvalid = nr.min(d.fog - fb * nr);
            for (e0, e1) in [(t0, a_end), (i_end, t1)] {
                let mut t = e0;
                while t < e1 {
                    let rows = MR.min(e1 - t);
                    let blk = Block { w, bias, g, col, nvalid, full, merged };
                    // SAFETY: the instruction set is available (this function's contract).
                    unsafe { edge::<S, MR, NV>(d, x, &mut *y, t0, t, rows, blk) };
                    t += rows;
                }
            }
            for b in 0..nblk {
                let (runs, a_add, w_add) = if merged {
                    let r0 = b * per_blk;
                    (Runs { n: 1, len: per_blk.min(red - r0), stride: 0 }, r0, r0 * nr)
                } else {
                    let k0 = b * per_blk;
                    (Runs { n: per_blk.min(d.k - k0), ..full }, k0 * full.stride, k0 * d.cig * nr)
                };
                let acc = Accumulate { from_bias: b == 0, finish: b + 1 == nblk };
                let mut t = a_end;
                while t < i_end {
                    let rows = MR.min(i_end - t);
                    let out = Out { y: &mut *y, off: (t - t0) * d.f + col, rs: d.f, rows, nvalid };
                    let a_off = d.input_offset(t, 0, g) + a_add;
                    let a_rs = d.s * d.cin;
                    // SAFETY: the instruction set is available (this function's contract).
                    unsafe { tile::<S, MR, NV>(x, a_off, a_rs, runs, &w[w_add..], bias, out, acc, d.act) };
                    t += MR;
                }
            }
        }
    }
}

/// One packed block of filters and how its reductions run.
#[derive(Clone, Copy)]
struct Block<'a, T> {
    /// The block's packed weights, `(K * Cin/groups, nr)`.
    w: &'a [T],
    /// Its `nr` biases.
    bias: &'a [T],
    /// The block's group.
    g: usize,
    /// First output channel of the block.
    col: usize,
    /// Filters of the block that exist.
    nvalid: usize,
    /// The runs of a whole reduction (all taps).
    full: Runs,
    /// Whether the taps form one contiguous run ([`Dims::merged_taps`]).
    merged: bool,
}

/// Edge positions `t..t + rows` of the task (positions whose taps reach into the padding):
/// one tile over the taps `[kc0, kc1)` that all of them read, then each position's own
/// remaining taps (before `kc0`, then after `kc1`) in one-row tiles, the last of which applies
/// the activation. Without common taps (or for a single position), one-row tiles over each
/// position's taps.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn edge<S: Simd, const MR: usize, const NV: usize>(
    d: &Dims,
    x: &[S::T],
    y: &mut [S::T],
    t0: usize,
    t: usize,
    rows: usize,
    blk: Block<'_, S::T>,
) {
    let Block { w, bias, g, col, nvalid, full, merged } = blk;
    let nr = NV * S::LANES;
    // The taps `[k0, k1)` of one position (empty as `k0 == k1`).
    let taps = |p: usize| {
        let (k0, k1) = d.taps(p);
        (k0.min(k1), k1)
    };
    // `[k0, k1)` of position `p` as runs, with their input offset and weights.
    let runs_of = |p: usize, (k0, k1): (usize, usize)| {
        let runs = if k0 >= k1 {
            Runs { n: 0, len: 0, stride: 0 }
        } else if merged {
            Runs { n: 1, len: (k1 - k0) * d.cin, stride: 0 }
        } else {
            Runs { n: k1 - k0, ..full }
        };
        let a_off = if k0 < k1 { d.input_offset(p, k0, g) } else { 0 };
        (runs, a_off, &w[k0 * d.cig * nr..])
    };
    let (kc0, kc1) = (t..t + rows).map(taps).fold((0, d.k), |(a, b), (k0, k1)| (a.max(k0), b.min(k1)));
    if rows == 1 || kc0 >= kc1 {
        for p in t..t + rows {
            let (runs, a_off, w) = runs_of(p, taps(p));
            let acc = Accumulate { from_bias: true, finish: true };
            // SAFETY: the instruction set is available (this function's contract).
            unsafe {
                tile::<S, 1, NV>(
                    x,
                    a_off,
                    0,
                    runs,
                    w,
                    bias,
                    Out { y: &mut *y, off: (p - t0) * d.f + col, rs: d.f, rows: 1, nvalid },
                    acc,
                    d.act,
                )
            };
        }
        return;
    }
    let (runs, a_off, wc) = runs_of(t, (kc0, kc1));
    let acc = Accumulate { from_bias: true, finish: false };
    let a_rs = d.s * d.cin;
    // SAFETY: the instruction set is available (this function's contract); every position of
    // the group reads taps `[kc0, kc1)` inside the input.
    unsafe {
        tile::<S, MR, NV>(
            x,
            a_off,
            a_rs,
            runs,
            wc,
            bias,
            Out { y: &mut *y, off: (t - t0) * d.f + col, rs: d.f, rows, nvalid },
            acc,
            d.act,
        )
    };
    for p in t..t + rows {
        let (k0, k1) = taps(p);
        let passes = [(k0, kc0), (kc1, k1)];
        for (i, &(a, b)) in passes.iter().enumerate() {
            // The pass after `kc1` always runs (perhaps over no taps): it applies the activation.
            if a >= b && i == 0 {
                continue;
            }
            let (runs, a_off, w) = runs_of(p, (a.min(b), b));
            let acc = Accumulate { from_bias: false, finish: i == 1 };
            // SAFETY: the instruction set is available (this function's contract).
            unsafe {
                tile::<S, 1, NV>(
                    x,
                    a_off,
                    0,
                    runs,
                    w,
                    bias,
                    Out { y: &mut *y, off: (p - t0) * d.f + col, rs: d.f, rows: 1, nvalid },
                    acc,
                    d.act,
                )
            };
        }
    }
}

/// Where a tile starts from and whether it is the last pass over its outputs.
#[derive(Clone, Copy)]
struct Accumulate {
    /// Start from the bias (else from the partial sums already in the output).
    from_bias: bool,
    /// Apply the activation (the reduction is complete after this tile).
    finish: bool,
}

/// Where a tile's results go: `rows` rows of `nvalid` values, row `i` at `off + i * rs`.
struct Out<'a, T> {
    y: &'a mut [T],
    off: usize,
    rs: usize,
    rows: usize,
    nvalid: usize,
}

/// One tile: `out.rows` (at most `MR`) output positions, whose reductions start at
/// `x[a_off + i * a_rs]`, times the `NV * LANES` filters of packed block `w`.
///
/// # Safety
/// The CPU must support the instruction set of `S`. (Slice bounds are checked in debug builds
/// and guaranteed by the caller's padding arithmetic.)
#[inline(always)]
#[allow(clippy::too_many_arguments)] // the innermost kernel takes its pointers and strides unpacked, in registers
unsafe fn tile<S: Simd, const MR: usize, const NV: usize>(
    x: &[S::T],
    a_off: usize,
    a_rs: usize,
    runs: Runs,
    w: &[S::T],
    bias: &[S::T],
    out: Out<'_, S::T>,
    accumulate: Accumulate,
    act: crate::Activation,
) {
    let l = S::LANES;
    let nr = NV * l;
    let rows = out.rows;
    debug_assert!(rows >= 1 && rows <= MR);
    if runs.n > 0 && runs.len > 0 {
        let last = a_off + (rows - 1) * a_rs + (runs.n - 1) * runs.stride + runs.len;
        assert!(last <= x.len(), "tile reads past the input");
    }
    assert!(runs.n * runs.len * nr <= w.len(), "tile reads past the packed weights");
    assert!(bias.len() >= nr);
    assert!(out.off + (rows - 1) * out.rs + out.nvalid <= out.y.len(), "tile writes past the output");
    let mut acc = if accumulate.from_bias {
        // SAFETY: `bias` holds `nr = NV * LANES` elements (asserted above).
        let b: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(bias.as_ptr().add(v * l)) });
        [b; MR]
    } else {
        let mut tmp = [S::T::default(); 64];
        core::array::from_fn(|i| {
            let o = out.off + i.min(rows - 1) * out.rs;
            let p = if out.nvalid == nr {
                out.y[o..o + nr].as_ptr()
            } else {
                tmp[..out.nvalid].copy_from_slice(&out.y[o..o + out.nvalid]);
                tmp.as_ptr()
            };
            // SAFETY: `p` points at `nr` readable elements (a full row of the output, or
            // `tmp`, which holds 64 >= nr).
            core::array::from_fn(|v| unsafe { S::load(p.add(v * l)) })
        })
    };
    let base = x.as_ptr();
    // Rows past `rows` repeat the last row, so every pointer stays inside `x`.
    let ap: [*const S::T; MR] = core::array::from_fn(|i| base.wrapping_add(a_off + i.min(rows - 1) * a_rs));
    let mut wp = w.as_ptr();
    for run in 0..runs.n {
        let ro = run * runs.stride;
        for c in 0..runs.len {
            // SAFETY: `wp` advances `nr` per reduction step and `w` holds `runs.n * runs.len *
            // nr` elements (asserted above); the instruction set is available.
            let wv: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(wp.add(v * l)) });
            for i in 0..MR {
                // SAFETY: `ap[i] + ro + c` is at most the last element read by row
                // `min(i, rows - 1)`, inside `x` (asserted above).
                let xb = unsafe { S::splat_from(ap[i].add(ro + c)) };
                for v in 0..NV {
                    // SAFETY: the instruction set is available.
                    acc[i][v] = unsafe { S::fma(xb, wv[v], acc[i][v]) };
                }
            }
            // SAFETY: stays within (or one past) `w`, as above.
            wp = unsafe { wp.add(nr) };
        }
    }
    let done = if accumulate.finish {
        // The epilogue: the activation on the tile while it is in registers.
        // SAFETY: the instruction set is available.
        unsafe { crate::simd::math::activated::<S, MR, NV>(act, acc) }
    } else {
        acc
    };
    let y = out.y.as_mut_ptr();
    if out.nvalid == nr {
        for (i, row) in done.iter().enumerate().take(rows) {
            for (v, a) in row.iter().enumerate() {
                // SAFETY: row `i < rows` has `nr` values at `off + i * rs` (asserted above).
                unsafe { S::store(y.add(out.off + i * out.rs + v * l), *a) };
            }
        }
    } else {
        let mut tmp = [S::T::default(); 64];
        debug_assert!(nr <= 64);
        for (i, row) in done.iter().enumerate().take(rows) {
            for (v, a) in row.iter().enumerate() {
                // SAFETY: `tmp` holds 64 >= nr elements.
                unsafe { S::store(tmp.as_mut_ptr().add(v * l), *a) };
            }
            let o = out.off + i * out.rs;
            out.y[o..o + out.nvalid].copy_from_slice(&tmp[..out.nvalid]);
        }
    }
}
