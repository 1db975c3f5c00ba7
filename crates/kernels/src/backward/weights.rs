//! The kernel and bias gradients.
//!
//! `dK[tap, cl, o] = sum over (n, t) of x[n, t*s + tap*d - pl, g*cig + cl] * dy[n, t, o]` is a
//! matrix product `(K*cig) x (B*Lout)` times `(B*Lout) x fog` per group, with the im2col matrix
//! read straight from the channels-last input. A tile of `MR` rows of the kernel gradient
//! (reduction index `r = tap*cig + cl`) × `NV` vectors of filters stays in registers while
//! time streams through: per step, `NV` vector loads of `dy`, `MR` broadcasts of `x`, `MR*NV`
//! FMAs. Steps whose input position lies in the padding are skipped (as the reference does), so
//! a NaN in `dy` next to the padding does not leak into taps that never saw it.
//!
//! Time is cut into blocks whose `dy` columns of one filter block are copied into a small
//! contiguous buffer, and a task (a fixed run of kernel rows) sweeps all its tiles over one
//! block before the next, with partial sums kept in the output. Every element's summation order (samples, then blocks, then, per block, the steps
//! every row of the tile can take, then the rest of its steps) depends on the shape only.
//!
//! The depthwise spec (one channel, one filter per group) has its own kernel with channels in
//! lanes: a tile of up to 8 taps × `NV` channel vectors, both operands vector loads; its bias
//! gradient rides along in the first tap block.

use crate::dims::Dims;
use crate::pack::{lanes, Tile};
use crate::simd::Simd;
use crate::threads::for_each_task;
use crate::{Isa, Scalar};

/// The output positions `[lo, hi)` at which tap `tap` reads the input rather than padding.
#[inline(always)]
pub(crate) fn t_range(d: &Dims, tap: usize) -> (usize, usize) {
    let off = tap * d.d;
    let lo = if d.pl > off { (d.pl - off).div_ceil(d.s) } else { 0 };
    let end = d.len + d.pl;
    let hi = if end > off { (end - off).div_ceil(d.s) } else { 0 };
    let hi = hi.min(d.lout);
    (lo.min(hi), hi)
}

/// The tile of the kernel-gradient kernel on `isa` (filters in lanes, as the forward pass).
pub(crate) fn tile_for<T: Scalar>(isa: Isa, d: &Dims) -> Tile {
    Tile::choose(isa, lanes::<T>(isa), d.fog)
}

/// Kernel-gradient rows per task: whole tiles, about 8 tasks (each task streams all of `dy`
/// and `x` once, so fewer tasks move less memory; 8 keep a few cores busy).
pub(crate) fn rows_per_task(d: &Dims, tile: Tile) -> usize {
    let mr = tile.mr();
    let red = d.k * d.cig;
    mr * red.div_ceil(mr * 8).max(1)
}

/// One unit of work: rows `[r0, r0 + dk.len() / f)` of the kernel gradient `(K*cig, f)`.
pub(crate) struct WeightsTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// The whole input, channels-last `(batch, len, cin)`.
    pub x: &'a [T],
    /// The whole output gradient, channels-last `(batch, lout, f)`.
    pub dy: &'a [T],
    /// Samples.
    pub batch: usize,
    /// The task's rows of the kernel gradient.
    pub dk: &'a mut [T],
    /// First row of `dk`.
    pub r0: usize,
}

/// Computes a task.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn run<S: Simd, const MR: usize, const NV: usize>(task: WeightsTask<'_, S::T>) {
    let WeightsTask { dims: d, x, dy, batch, dk, r0 } = task;
    let nr = NV * S::LANES;
    let rows = dk.len() / d.f;
    dk.iter_mut().for_each(|v| *v = S::T::default());
    let nfb = d.fog.div_ceil(nr);
    // Time blocks of `tb` steps: the block's `dy` columns of one filter block are copied into
    // `pk` (contiguous, `nr` per step: the rows of `dy` are often a power of two apart, which
    // would map a strided slice onto a few cache sets), then every row tile of the task
    // streams them from L1.
    let mut pk = [S::T::default(); PK];
    let tb = PK / nr;
    for n in 0..batch {
        let mut ta = 0;
        while ta < d.lout {
            let te = (ta + tb).min(d.lout);
            for g in 0..d.groups {
                for fb in 0..nfb {
                    let col = g * d.fog + fb * nr;
                    let nvalid = nr.min(d.fog - fb * nr);
                    for t in ta..te {
                        let o = (n * d.lout + t) * d.f + col;
                        pk[(t - ta) * nr..(t - ta) * nr + nvalid].copy_from_slice(&dy[o..o + nvalid]);
                    }
                    let mut i = 0;
                    while i < rows {
                        let m = MR.min(rows - i);
                        let at = At { n, r: r0 + i, rows: m, lrow: i, g, col, nvalid, t: (ta, te) };
                        // SAFETY: the instruction set is available (this function's contract).
                        unsafe { tile::<S, MR, NV>(d, x, &pk[..(te - ta) * nr], &mut *dk, at) };
                        i += MR;
                    }
                }
            }
            ta = te;
        }
    }
}

/// Elements of the `dy` block buffer of [`run`] (16 KiB of `f32`, 32 KiB of `f64`).
const PK: usize = 4096;

/// Where one tile works.
#[derive(Clone, Copy)]
struct At {
    /// Sample.
    n: usize,
    /// First kernel-gradient row (reduction index).
    r: usize,
    /// Rows (at most `MR`).
    rows: usize,
    /// First row within the task's `dk`.
    lrow: usize,
    /// Group.
    g: usize,
    /// First filter.
    col: usize,
    /// Filters of the tile that exist.
    nvalid: usize,
    /// Output positions `[ta, te)` of the time block.
    t: (usize, usize),
}

/// One tile: `at.rows` kernel-gradient rows × `NV * LANES` filters over one time block of one
/// sample, added to the partial sums in `dk`; `pk` holds the block's `dy` (step `t` at
/// `(t - ta) * nr`, lanes past `nvalid` never stored).
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn tile<S: Simd, const MR: usize, const NV: usize>(
    d: &Dims,
    x: &[S::T],
    pk: &[S::T],
    dk: &mut [S::T],
    at: At,
) {
    let l = S::LANES;
    let nr = NV * l;
    let At { n, r, rows, lrow, g, col, nvalid, t: (ta, te) } = at;
    debug_assert!(rows >= 1 && rows <= MR && nr <= 64);
    let x_n = n * d.len * d.cin;
    assert!(pk.len() == (te - ta) * nr, "tile: dy block of the wrong size");
    let step = d.s * d.cin;
    // Per row: the steps `[lo, hi)` it takes in this block and where its x elements are.
    let mut lo = [0usize; MR];
    let mut hi = [0usize; MR];
    let mut xoff = [0usize; MR];
    for i in 0..MR {
        let ri = r + i.min(rows - 1);
        let (tap, cl) = (ri / d.cig, ri % d.cig);
        let (a, b) = t_range(d, tap);
        lo[i] = a.max(ta).min(te);
        hi[i] = b.min(te).max(lo[i]);
        // Offset of step `lo[i]` (inside the input whenever `lo[i] < hi[i]`).
        let pos = (lo[i] * d.s + tap * d.d).saturating_sub(d.pl);
        xoff[i] = x_n + pos * d.cin + g * d.cig + cl;
        if lo[i] < hi[i] {
            let last = xoff[i] + (hi[i] - 1 - lo[i]) * step;
            assert!(last < x.len(), "kernel gradient reads past the input");
        }
    }
    let clo = lo.iter().copied().max().unwrap_or(0);
    let chi = hi.iter().copied().min().unwrap_or(0);
    assert!(lrow + rows <= dk.len() / d.f && col + nvalid <= d.f, "tile writes past the kernel gradient");
    // The partial sums.
    let mut tmp = [S::T::default(); 64];
    let mut acc: [[S::V; NV]; MR] = core::array::from_fn(|i| {
        let o = (lrow + i.min(rows - 1)) * d.f + col;
        let p = if nvalid == nr {
            dk[o..o + nr].as_ptr()
        } else {
            tmp[..nvalid].copy_from_slice(&dk[o..o + nvalid]);
            tmp.as_ptr()
        };
        // SAFETY: `p` points at `nr` readable elements (a full row part of `dk`, or `tmp`,
        // which holds 64 >= nr); the instruction set is available.
        core::array::from_fn(|v| unsafe { S::load(p.add(v * l)) })
    });
    let xb = x.as_ptr();
    if clo < chi {
        // Every row takes steps `clo..chi`: pointers advance by one step per iteration.
        let mut xp: [*const S::T; MR] =
            core::array::from_fn(|i| xb.wrapping_add(xoff[i] + (clo - lo[i]) * step));
        let mut dp = pk.as_ptr().wrapping_add((clo - ta) * nr);
        for _ in clo..chi {
            // SAFETY: `dp` is step `t`'s `nr` values in `pk` (`ta <= t < te`); the instruction
            // set is available.
            let dv: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(dp.add(v * l)) });
            for i in 0..MR {
                // SAFETY: `xp[i]` is row `i`'s element at step `t` in `[lo[i], hi[i])`, inside
                // `x` (asserted above).
                let xs = unsafe { S::splat_from(xp[i]) };
                for v in 0..NV {
                    // SAFETY: the instruction set is available.
                    acc[i][v] = unsafe { S::fma(xs, dv[v], acc[i][v]) };
                }
                xp[i] = xp[i].wrapping_add(step);
            }
            dp = dp.wrapping_add(nr);
        }
    }
    // The steps only some rows take (near the padding), one row at a time.
    for i in 0..MR {
        if i >= rows {
            break;
        }
        let (a, b) = (lo[i], hi[i]);
        let (first, second) = if clo < chi { ((a, clo), (chi, b)) } else { ((a, b), (b, b)) };
        for t in (first.0..first.1).chain(second.0..second.1) {
            // SAFETY: step `t` (in `[ta, te)`) has `nr` values in `pk`.
            let dv: [S::V; NV] =
                core::array::from_fn(|v| unsafe { S::load(pk.as_ptr().add((t - ta) * nr + v * l)) });
            // SAFETY: `t` is in `[lo[i], hi[i])`: inside `x` (asserted above).
            let xs = unsafe { S::splat_from(xb.add(xoff[i] + (t - a) * step)) };
            for v in 0..NV {
                // SAFETY: the instruction set is available.
                acc[i][v] = unsafe { S::fma(xs, dv[v], acc[i][v]) };
            }
        }
    }
    for (i, row) in acc.iter().enumerate().take(rows) {
        let o = (lrow + i) * d.f + col;
        if nvalid == nr {
            let p = dk[o..o + nr].as_mut_ptr();
            for (v, a) in row.iter().enumerate() {
                // SAFETY: `p` points at `nr` writable elements of `dk`.
                unsafe { S::store(p.add(v * l), *a) };
            }
        } else {
            for (v, a) in row.iter().enumerate() {
                // SAFETY: `tmp` holds 64 >= nr elements.
                unsafe { S::store(tmp.as_mut_ptr().add(v * l), *a) };
            }
            dk[o..o + nvalid].copy_from_slice(&tmp[..nvalid]);
        }
    }
}

/// Column sums: `db[o] = sum over rows of dy[row, o]`, rows in order, vectors of filters.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn bias<S: Simd>(dy: &[S::T], rows: usize, db: &mut [S::T]) {
    let l = S::LANES;
    let f = db.len();
    assert!(dy.len() == rows * f, "bias gradient: dy is not (rows, filters)");
    let mut c = 0;
    while c + 4 * l <= f {
        // SAFETY: columns `c..c + 4 * LANES` exist; the instruction set is available.
        unsafe { bias_block::<S, 4>(dy, rows, db, c) };
        c += 4 * l;
    }
    while c + l <= f {
        // SAFETY: as above, for `LANES` columns.
        unsafe { bias_block::<S, 1>(dy, rows, db, c) };
        c += l;
    }
    for (o, b) in db.iter_mut().enumerate().skip(c) {
        let mut s = S::T::default();
        for row in 0..rows {
            s = s + dy[row * f + o];
        }
        *b = s;
    }
}

/// Columns `c..c + NV * LANES` of [`bias`].
///
/// # Safety
/// `c + NV * LANES <= db.len()`; the CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn bias_block<S: Simd, const NV: usize>(dy: &[S::T], rows: usize, db: &mut [S::T], c: usize) {
    let l = S::LANES;
    let f = db.len();
    // SAFETY: the instruction set is available.
    let mut acc = [unsafe { S::splat(S::T::default()) }; NV];
    let p = dy.as_ptr();
    for row in 0..rows {
        for (v, a) in acc.iter_mut().enumerate() {
            // SAFETY: `row * f + c + (v + 1) * LANES <= rows * f = dy.len()` (caller's
            // contract and the assertion in `bias`).
            *a = unsafe { S::add(*a, S::load(p.add(row * f + c + v * l))) };
        }
    }
    for (v, a) in acc.iter().enumerate() {
        // SAFETY: `c + NV * LANES <= db.len()` (contract).
        unsafe { S::store(db.as_mut_ptr().add(c + v * l), *a) };
    }
}

/// Channels per depthwise task.
const DW_CHANNELS: usize = 32;

/// A raw pointer shared by depthwise tasks that write disjoint channels.
#[derive(Clone, Copy)]
pub(crate) struct SharedOut<T>(*mut T, usize);
// SAFETY: only used by tasks that write disjoint elements (see `depthwise`), and `T: Send`.
unsafe impl<T: Send> Send for SharedOut<T> {}
// SAFETY: as above; no task reads what another writes.
unsafe impl<T: Send> Sync for SharedOut<T> {}

/// One depthwise unit of work: channels `[c0, c1)` of the kernel gradient (and of the bias
/// gradient, if any).
pub(crate) struct DwWeightsTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// The whole input, channels-last `(batch, len, c)`.
    pub x: &'a [T],
    /// The whole output gradient, channels-last `(batch, lout, c)`.
    pub dy: &'a [T],
    /// Samples.
    pub batch: usize,
    /// The kernel gradient `(K, c)`.
    pub dk: SharedOut<T>,
    /// The bias gradient `(c,)`, if wanted.
    pub db: Option<SharedOut<T>>,
    /// The task's channels.
    pub chans: (usize, usize),
}

/// All of the depthwise kernel (and bias) gradient, in tasks of [`DW_CHANNELS`] channels.
#[allow(clippy::too_many_arguments)]
pub(crate) fn depthwise_all<T: Scalar>(
    isa: Isa,
    d: &Dims,
    batch: usize,
    x: &[T],
    dy: &[T],
    dk: &mut [T],
    db: Option<&mut [T]>,
    pool: bool,
) {
    let c = d.f;
    assert!(dk.len() == d.k * c && db.as_ref().is_none_or(|b| b.len() == c));
    let dk = SharedOut(dk.as_mut_ptr(), dk.len());
    let db = db.map(|b| SharedOut(b.as_mut_ptr(), b.len()));
    let mut tasks = vec![(); c.div_ceil(DW_CHANNELS)];
    for_each_task(&mut tasks, c.div_ceil(DW_CHANNELS), 1, pool, |_, i, _| {
        let chans = (i * DW_CHANNELS, ((i + 1) * DW_CHANNELS).min(c));
        let task = DwWeightsTask { dims: d, x, dy, batch, dk, db, chans };
        // SAFETY: the pointers come from `&mut` slices of `K * c` and `c` elements borrowed
        // for this whole call, and task `i` writes only channels `chans` of them, disjoint
        // from every other task's.
        unsafe { T::kernels().weights_depthwise(isa, task) };
    });
}

/// Computes a depthwise task.
///
/// # Safety
/// The CPU must support the instruction set of `S`; `dk` (and `db`) must be valid for writes
/// of `K * c` (`c`) elements, and no other thread may access channels `chans` of them
/// meanwhile.
#[inline(always)]
pub(crate) unsafe fn depthwise<S: Simd>(task: DwWeightsTask<'_, S::T>) {
    if S::REGISTERS >= 32 {
        // SAFETY: forwarded contract.
        unsafe { depthwise_blocked::<S, 8, 2>(task) }
    } else {
        // SAFETY: forwarded contract.
        unsafe { depthwise_blocked::<S, 4, 2>(task) }
    }
}

/// [`depthwise`] with tiles of `KB` taps × `NV` vectors of channels.
///
/// # Safety
/// As for [`depthwise`].
#[inline(always)]
unsafe fn depthwise_blocked<S: Simd, const KB: usize, const NV: usize>(task: DwWeightsTask<'_, S::T>) {
    let DwWeightsTask { dims: d, x, dy, batch, dk, db, chans: (c0, c1) } = task;
    let l = S::LANES;
    let c = d.f;
    assert!(d.cin == c && x.len() == batch * d.len * c && dy.len() == batch * d.lout * c);
    assert!(dk.1 == d.k * c && db.is_none_or(|b| b.1 == c) && c0 <= c1 && c1 <= c);
    for k0 in (0..d.k).step_by(KB) {
        let nk = KB.min(d.k - k0);
        let with_bias = if k0 == 0 { db } else { None };
        let mut ch = c0;
        if c >= l {
            while ch + NV * l <= c1 {
                // SAFETY: channels `ch..ch + NV * LANES` are the task's (loop bound); forwarded
                // contract otherwise.
                unsafe { dw_tile::<S, KB, NV>(d, x, dy, batch, dk, with_bias, (k0, nk), ch, (ch, c1)) };
                ch += NV * l;
            }
            while ch < c1 {
                // The last channels: one vector ending at `min(ch + LANES, c)`, storing only the
                // task's channels from `ch` on.
                let start = (ch + l).min(c) - l;
                // SAFETY: `start + LANES <= c`, and only channels `ch..min(start + LANES, c1)`
                // (the task's) are stored; forwarded contract otherwise.
                unsafe { dw_tile::<S, KB, 1>(d, x, dy, batch, dk, with_bias, (k0, nk), start, (ch, c1)) };
                ch = (start + l).min(c1);
            }
        } else {
            for o in c0..c1 {
                // SAFETY: forwarded contract: channel `o` is the task's.
                unsafe { dw_scalar::<S>(d, x, dy, batch, dk, with_bias, (k0, nk), o) };
            }
        }
    }
}

/// Taps `k0..k0 + nk` (`nk <= KB`) × channels `ch..ch + NV * LANES` of the depthwise kernel
/// gradient over every sample and step (and the bias gradient of those channels if `db`);
/// stores the tile's channels in `keep.0..keep.1`.
///
/// # Safety
/// `ch + NV * LANES <= c`, `keep.0 >= ch`, channels `keep.0..keep.1` are the caller's to
/// write; otherwise as for [`depthwise`].
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn dw_tile<S: Simd, const KB: usize, const NV: usize>(
    d: &Dims,
    x: &[S::T],
    dy: &[S::T],
    batch: usize,
    dk: SharedOut<S::T>,
    db: Option<SharedOut<S::T>>,
    (k0, nk): (usize, usize),
    ch: usize,
    keep: (usize, usize),
) {
    let l = S::LANES;
    let c = d.f;
    // SAFETY: the instruction set is available.
    let zero = unsafe { S::splat(S::T::default()) };
    let mut acc = [[zero; NV]; KB];
    let mut bacc = [zero; NV];
    let mut lo = [0usize; KB];
    let mut hi = [0usize; KB];
    for k in 0..KB {
        (lo[k], hi[k]) = t_range(d, k0 + k.min(nk - 1));
    }
    let clo = lo.iter().copied().max().unwrap_or(0);
    let chi = hi.iter().copied().min().unwrap_or(0);
    let (xp, dyp) = (x.as_ptr(), dy.as_ptr());
    // Input offset of tap `k` (of the block) at step `t`, for `t` in `[lo[k], hi[k])`.
    let xoff = |k: usize, t: usize| (t * d.s + (k0 + k.min(nk - 1)) * d.d - d.pl) * c + ch;
    for n in 0..batch {
        let (x_n, dy_n) = (n * d.len * c, n * d.lout * c);
        for t in clo..chi {
            // SAFETY: step `t` of sample `n` exists and `ch + NV * LANES <= c` (contract).
            let dv: [S::V; NV] =
                core::array::from_fn(|v| unsafe { S::load(dyp.add(dy_n + t * c + ch + v * l)) });
            for (k, a) in acc.iter_mut().enumerate() {
                for (v, a) in a.iter_mut().enumerate() {
                    // SAFETY: `t` is in `[lo[k], hi[k])`, so the tap reads a row of sample `n`
                    // inside `x`; channels as above.
                    *a = unsafe { S::fma(S::load(xp.add(x_n + xoff(k, t) + v * l)), dv[v], *a) };
                }
            }
        }
        for (k, a) in acc.iter_mut().enumerate().take(nk) {
            let (first, second) =
                if clo < chi { ((lo[k], clo), (chi, hi[k])) } else { ((lo[k], hi[k]), (hi[k], hi[k])) };
            for t in (first.0..first.1).chain(second.0..second.1) {
                for (v, a) in a.iter_mut().enumerate() {
                    // SAFETY: as above.
                    let dv = unsafe { S::load(dyp.add(dy_n + t * c + ch + v * l)) };
                    // SAFETY: as above.
                    *a = unsafe { S::fma(S::load(xp.add(x_n + xoff(k, t) + v * l)), dv, *a) };
                }
            }
        }
        if db.is_some() {
            for t in 0..d.lout {
                for (v, b) in bacc.iter_mut().enumerate() {
                    // SAFETY: as above.
                    *b = unsafe { S::add(*b, S::load(dyp.add(dy_n + t * c + ch + v * l))) };
                }
            }
        }
    }
    let mut tmp = [S::T::default(); 64];
    let (skip, upto) = (keep.0 - ch, (keep.1 - ch).min(NV * l));
    for (k, row) in acc.iter().enumerate().take(nk) {
        // SAFETY: row `k0 + k` of `dk`, channels in `keep` (the caller's, contract).
        unsafe { store_part::<S, NV>(dk, (k0 + k) * c + ch, row, &mut tmp, (skip, upto)) };
    }
    if let Some(db) = db {
        // SAFETY: channels in `keep` of `db` (the caller's, contract).
        unsafe { store_part::<S, NV>(db, ch, &bacc, &mut tmp, (skip, upto)) };
    }
}

/// Stores lanes `skip..upto` of `row` at `dst + at + lane`.
///
/// # Safety
/// Those elements of `dst` must be valid for writes and not accessed by another thread; the
/// CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn store_part<S: Simd, const NV: usize>(
    dst: SharedOut<S::T>,
    at: usize,
    row: &[S::V; NV],
    tmp: &mut [S::T; 64],
    (skip, upto): (usize, usize),
) {
    let l = S::LANES;
    for (v, a) in row.iter().enumerate() {
        // SAFETY: `tmp` holds 64 >= NV * LANES elements; the instruction set is available.
        unsafe { S::store(tmp.as_mut_ptr().add(v * l), *a) };
    }
    for (j, val) in tmp.iter().enumerate().take(upto).skip(skip) {
        debug_assert!(at + j < dst.1);
        // SAFETY: valid for writes and not shared (contract).
        unsafe { dst.0.add(at + j).write(*val) };
    }
}

/// Taps `k0..k0 + nk` of one channel `o`, scalar (fewer channels than lanes).
///
/// # Safety
/// As for [`depthwise`], channel `o` being the caller's.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn dw_scalar<S: Simd>(
    d: &Dims,
    x: &[S::T],
    dy: &[S::T],
    batch: usize,
    dk: SharedOut<S::T>,
    db: Option<SharedOut<S::T>>,
    (k0, nk): (usize, usize),
    o: usize,
) {
    let c = d.f;
    for k in k0..k0 + nk {
        let (lo, hi) = t_range(d, k);
        let mut acc = S::T::default();
        for n in 0..batch {
            for t in lo..hi {
                let xv = x[(n * d.len + t * d.s + k * d.d - d.pl) * c + o];
                acc = S::fma_scalar(xv, dy[(n * d.lout + t) * c + o], acc);
            }
        }
        // SAFETY: `k * c + o < K * c`, channel `o` is the caller's (contract).
        unsafe { dk.0.add(k * c + o).write(acc) };
    }
    if let Some(db) = db {
        let mut s = S::T::default();
        for n in 0..batch {
            for t in 0..d.lout {
                s = s + dy[(n * d.lout + t) * c + o];
            }
        }
        // SAFETY: `o < c`, the caller's channel (contract).
        unsafe { db.0.add(o).write(s) };
    }
}
