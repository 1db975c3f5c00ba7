//! The input gradient: a transposed convolution,
//! `dx[n, i, g*cig + cl] = sum over taps and o in group g of dy[n, t, o] * K[tap, cl, o]` with
//! `t = (i + pl - tap*d) / s` wherever that is an integer in `[0, Lout)`.
//!
//! A dedicated register-blocked kernel (the forward kernel's shape with the roles swapped):
//! a tile of `MR` input positions × `NV` vectors of the group's channels stays in registers
//! while the reduction over (tap, filter) streams through, broadcasting `dy` and loading the
//! kernel packed as `(tap reversed, filter, channel lanes)`. Positions with the same residue
//! modulo the stride use the same taps (every `s / gcd(s, d)`-th one), and consecutive
//! positions of a residue class read consecutive rows of `dy`, so a tile is `MR` positions
//! `s` apart, its reduction `n` runs of `fog` contiguous `dy` values. Positions near the ends,
//! where some taps fall outside `dy`, take one-row tiles over exactly their taps. Long
//! reductions are cut into blocks whose packed kernel fits L1, with partial sums kept in
//! `dx`, as in the forward kernel. Each element's summation order is fixed by the shape.
//!
//! The depthwise spec (one channel and one filter per group) has a row kernel with the
//! channels in lanes.

use crate::dims::Dims;
use crate::pack::{lanes, Tile};
use crate::simd::Simd;
use crate::{Conv1dSpec, Isa, Scalar};

/// Input rows per depthwise task.
pub(crate) const DEPTHWISE_ROWS: usize = 64;

/// The kernel packed for [`run`]: per group and block of `nr` channels, `(K, fog, nr)` with
/// the taps reversed, zero past the group's last channel.
#[derive(Clone, Debug)]
pub(crate) struct InputPack<T> {
    /// The tile the packing was made for (channels in lanes).
    pub tile: Tile,
    /// Channels per block.
    pub nr: usize,
    /// Channel blocks per group.
    pub ncb: usize,
    k: usize,
    fog: usize,
    buf: Vec<T>,
}

impl<T: Scalar> InputPack<T> {
    /// Packs a Keras-layout kernel for `isa`.
    pub(crate) fn new(spec: &Conv1dSpec, kernel: &[T], isa: Isa) -> Self {
        let (cig, fog, k) = (spec.channels_per_group(), spec.filters_per_group(), spec.kernel_size);
        let tile = Tile::choose(isa, lanes::<T>(isa), cig);
        let nr = tile.nv() * lanes::<T>(isa);
        let ncb = cig.div_ceil(nr);
        let buf = vec![T::zero(); spec.groups * ncb * k * fog * nr];
        let mut pack = InputPack { tile, nr, ncb, k, fog, buf };
        pack.fill(spec, kernel);
        pack
    }

    /// Rewrites the packing from a Keras-layout kernel of the same spec, in place.
    pub(crate) fn fill(&mut self, spec: &Conv1dSpec, kernel: &[T]) {
        let (cig, f) = (spec.channels_per_group(), spec.filters);
        let (nr, ncb, k, fog) = (self.nr, self.ncb, self.k, self.fog);
        for g in 0..spec.groups {
            for cb in 0..ncb {
                let blk = (g * ncb + cb) * k * fog * nr;
                for tap in 0..k {
                    for o in 0..fog {
                        let row = blk + ((k - 1 - tap) * fog + o) * nr;
                        for lane in 0..nr.min(cig - cb * nr) {
                            self.buf[row + lane] = kernel[(tap * cig + cb * nr + lane) * f + g * fog + o];
                        }
                    }
                }
            }
        }
    }

    /// The packed block of channels `cb` of group `g`.
    pub(crate) fn block(&self, g: usize, cb: usize) -> &[T] {
        let len = self.k * self.fog * self.nr;
        let start = (g * self.ncb + cb) * len;
        &self.buf[start..start + len]
    }
}

/// Input positions per task: whole tiles of every residue class.
pub(crate) fn rows_per_task<T>(d: &Dims, pack: &InputPack<T>) -> usize {
    16 * pack.tile.mr() * d.s
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Between consecutive taps of one position: the tap step and the `dy` step.
#[inline(always)]
fn steps(d: &Dims) -> (usize, usize) {
    let g = gcd(d.s, d.d);
    (d.s / g, d.d / g)
}

/// The taps of input position `i` that meet `dy`: the highest one, and how many (every `st`-th
/// one below it), or `None`. Requires `lout >= 1`.
#[inline(always)]
fn taps_of(d: &Dims, i: usize, st: usize) -> Option<(usize, usize)> {
    let p = i + d.pl;
    let hi_cap = (d.k - 1).min(p / d.d);
    let tap_lo = p.saturating_sub((d.lout - 1) * d.s).div_ceil(d.d);
    if tap_lo > hi_cap {
        return None;
    }
    let mut tap = hi_cap;
    for _ in 0..st {
        if (p - tap * d.d).is_multiple_of(d.s) {
            return Some((tap, (tap - tap_lo) / st + 1));
        }
        if tap == tap_lo {
            return None;
        }
        tap -= 1;
    }
    None
}

/// The positions `[lo, hi)` at which every tap meets `dy` (requires `lout >= 1`).
fn interior(d: &Dims) -> (usize, usize) {
    let lo = ((d.k - 1) * d.d).saturating_sub(d.pl).min(d.len);
    let hi = ((d.lout - 1) * d.s + 1).saturating_sub(d.pl).min(d.len);
    (lo, hi.max(lo))
}

/// One unit of work: input rows `[p0, p0 + dx.len() / cin)` of sample `n`.
pub(crate) struct InputTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// Packed kernel.
    pub pack: &'a InputPack<T>,
    /// The whole output gradient, channels-last `(batch, lout, f)`.
    pub dy: &'a [T],
    /// Sample.
    pub n: usize,
    /// The task's rows of the input gradient, channels-last.
    pub dx: &'a mut [T],
    /// First position of `dx`.
    pub p0: usize,
}

/// The reduction of one position: `n` runs of `len` steps; run `j` starts `j * dys` further
/// in `dy` and `j * ws` further in the packed kernel.
#[derive(Clone, Copy)]
struct Runs {
    n: usize,
    len: usize,
    dys: usize,
    ws: usize,
}

/// Where a tile's results go: `rows` rows of `nvalid` values, row `i` at `off + i * rs`.
struct Out<'a, T> {
    dx: &'a mut [T],
    off: usize,
    rs: usize,
    rows: usize,
    nvalid: usize,
}

/// Computes a task (`lout >= 1`).
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn run<S: Simd, const MR: usize, const NV: usize>(task: InputTask<'_, S::T>) {
    let InputTask { dims: d, pack, dy, n, dx, p0 } = task;
    let nr = NV * S::LANES;
    assert!(pack.nr == nr && d.lout >= 1);
    let p1 = p0 + dx.len() / d.cin;
    let (st, dt) = steps(d);
    let dy_n = n * d.lout * d.f;
    let (ilo, ihi) = interior(d);
    let a = ilo.clamp(p0, p1);
    let b = ihi.clamp(a, p1);
    let kc = ((32 << 10) / (nr * core::mem::size_of::<S::T>())).max(1);
    let fog = d.fog;
    let runs_of = |n: usize, len: usize| Runs { n, len, dys: dt * d.f, ws: st * fog * nr };
    let none = Runs { n: 0, len: 0, dys: 0, ws: 0 };
    for g in 0..d.groups {
        for cb in 0..pack.ncb {
            let w = pack.block(g, cb);
            let col = g * d.cig + cb * nr;
            let nvalid = nr.min(d.cig - cb * nr);
            // Positions some of whose taps miss `dy`: one row over exactly their taps.
            for i in (p0..a).chain(b..p1) {
                let out = Out { dx: &mut *dx, off: (i - p0) * d.cin + col, rs: 0, rows: 1, nvalid };
                let (runs, a_off, w_off) = match taps_of(d, i, st) {
                    None => (none, 0, 0),
                    Some((tap, cnt)) => {
                        let t = (i + d.pl - tap * d.d) / d.s;
                        (runs_of(cnt, fog), dy_n + t * d.f + g * fog, (d.k - 1 - tap) * fog * nr)
                    }
                };
                // SAFETY: the instruction set is available (this function's contract).
                unsafe { tile::<S, 1, NV>(dy, a_off, 0, runs, &w[w_off..], out, true) };
            }
            if a >= b {
                continue;
            }
            for rho in 0..d.s {
                let i0 = a + (rho + d.s - a % d.s) % d.s;
                if i0 >= b {
                    continue;
                }
                let npos = (b - i0).div_ceil(d.s);
                let cls = Class { i0, npos, p0, col, nvalid };
                let Some((tap, cnt)) = taps_of(d, i0, st) else {
                    // SAFETY: the instruction set is available (this function's contract).
                    unsafe { tiles::<S, MR, NV>(d, dy, cls, none, 0, w, true, dx) };
                    continue;
                };
                let t0 = (i0 + d.pl - tap * d.d) / d.s;
                let base_dy = dy_n + t0 * d.f + g * fog;
                let w = &w[(d.k - 1 - tap) * fog * nr..];
                if fog <= kc {
                    let rb = (kc / fog).max(1);
                    for r0 in (0..cnt).step_by(rb) {
                        let runs = runs_of(rb.min(cnt - r0), fog);
                        // SAFETY: the instruction set is available (this function's contract).
                        unsafe {
                            tiles::<S, MR, NV>(
                                d,
                                dy,
                                cls,
                                runs,
                                base_dy + r0 * runs.dys,
                                &w[r0 * runs.ws..],
                                r0 == 0,
                                dx,
                            )
                        };
                    }
                } else {
                    for r in 0..cnt {
                        for c0 in (0..fog).step_by(kc) {
                            let runs = runs_of(1, kc.min(fog - c0));
                            let first = r == 0 && c0 == 0;
                            let w = &w[r * runs.ws + c0 * nr..];
                            // SAFETY: the instruction set is available (this function's contract).
                            unsafe {
                                tiles::<S, MR, NV>(
                                    d,
                                    dy,
                                    cls,
                                    runs,
                                    base_dy + r * runs.dys + c0,
                                    w,
                                    first,
                                    dx,
                                )
                            };
                        }
                    }
                }
            }
        }
    }
}

/// The interior positions of one residue class in a task: `npos` positions from `i0`, `s`
/// apart; the task starts at `p0`; channels `col..col + nvalid` of the tile.
#[derive(Clone, Copy)]
struct Class {
    i0: usize,
    npos: usize,
    p0: usize,
    col: usize,
    nvalid: usize,
}

/// One reduction block over all positions of a class, `MR` at a time: position `i0 + j*s`
/// reads `dy` from `a_add + j*f`.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn tiles<S: Simd, const MR: usize, const NV: usize>(
    d: &Dims,
    dy: &[S::T],
    cls: Class,
    runs: Runs,
    a_add: usize,
    w: &[S::T],
    first: bool,
    dx: &mut [S::T],
) {
    let Class { i0, npos, p0, col, nvalid } = cls;
    let mut j = 0;
    while j < npos {
        let rows = MR.min(npos - j);
        let i = i0 + j * d.s;
        let out = Out { dx: &mut *dx, off: (i - p0) * d.cin + col, rs: d.s * d.cin, rows, nvalid };
        // SAFETY: the instruction set is available (this function's contract).
        unsafe { tile::<S, MR, NV>(dy, a_add + j * d.f, d.f, runs, w, out, first) };
        j += MR;
    }
}

/// One tile: `out.rows` (at most `MR`) input positions, whose reductions start at
/// `dy[a_off + i * a_rs]`, times the `NV * LANES` channels of packed block `w`; starts from
/// zero if `first`, else from the partial sums in `out`.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn tile<S: Simd, const MR: usize, const NV: usize>(
    dy: &[S::T],
    a_off: usize,
    a_rs: usize,
    runs: Runs,
    w: &[S::T],
    out: Out<'_, S::T>,
    first: bool,
) {
    let l = S::LANES;
    let nr = NV * l;
    let rows = out.rows;
    debug_assert!(rows >= 1 && rows <= MR && nr <= 64);
    if runs.n > 0 && runs.len > 0 {
        let last = a_off + (rows - 1) * a_rs + (runs.n - 1) * runs.dys + runs.len;
        assert!(last <= dy.len(), "tile reads past the output gradient");
        assert!((runs.n - 1) * runs.ws + runs.len * nr <= w.len(), "tile reads past the packed kernel");
    }
    assert!(
        out.off + (rows - 1) * out.rs + out.nvalid <= out.dx.len(),
        "tile writes past the input gradient"
    );
    let mut tmp = [S::T::default(); 64];
    let mut acc: [[S::V; NV]; MR] = if first {
        // SAFETY: the instruction set is available.
        [[unsafe { S::splat(S::T::default()) }; NV]; MR]
    } else {
        core::array::from_fn(|i| {
            let o = out.off + i.min(rows - 1) * out.rs;
            let p = if out.nvalid == nr {
                out.dx[o..o + nr].as_ptr()
            } else {
                tmp[..out.nvalid].copy_from_slice(&out.dx[o..o + out.nvalid]);
                tmp.as_ptr()
            };
            // SAFETY: `p` points at `nr` readable elements (part of a row of `dx`, or `tmp`,
            // which holds 64 >= nr); the instruction set is available.
            core::array::from_fn(|v| unsafe { S::load(p.add(v * l)) })
        })
    };
    let base = dy.as_ptr();
    // Rows past `rows` repeat the last row, so every pointer stays inside `dy`.
    let ap: [*const S::T; MR] = core::array::from_fn(|i| base.wrapping_add(a_off + i.min(rows - 1) * a_rs));
    for run in 0..runs.n {
        let (ro, wp) = (run * runs.dys, w.as_ptr().wrapping_add(run * runs.ws));
        for c in 0..runs.len {
            // SAFETY: `run * ws + c * nr + nr <= w.len()` (asserted above); the instruction set
            // is available.
            let wv: [S::V; NV] = core::array::from_fn(|v| unsafe { S::load(wp.add(c * nr + v * l)) });
            for i in 0..MR {
                // SAFETY: `ap[i] + ro + c` is at most the last element read by row
                // `min(i, rows - 1)`, inside `dy` (asserted above).
                let xb = unsafe { S::splat_from(ap[i].add(ro + c)) };
                for v in 0..NV {
                    // SAFETY: the instruction set is available.
                    acc[i][v] = unsafe { S::fma(xb, wv[v], acc[i][v]) };
                }
            }
        }
    }
    let y = out.dx.as_mut_ptr();
    if out.nvalid == nr {
        for (i, row) in acc.iter().enumerate().take(rows) {
            for (v, a) in row.iter().enumerate() {
                // SAFETY: row `i < rows` has `nr` values at `off + i * rs` (asserted above).
                unsafe { S::store(y.add(out.off + i * out.rs + v * l), *a) };
            }
        }
    } else {
        for (i, row) in acc.iter().enumerate().take(rows) {
            for (v, a) in row.iter().enumerate() {
                // SAFETY: `tmp` holds 64 >= nr elements.
                unsafe { S::store(tmp.as_mut_ptr().add(v * l), *a) };
            }
            let o = out.off + i * out.rs;
            out.dx[o..o + out.nvalid].copy_from_slice(&tmp[..out.nvalid]);
        }
    }
}

/// One depthwise unit of work: input rows `[p0, p0 + dx.len() / c)` of sample `n`.
pub(crate) struct DepthwiseTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// The kernel, Keras layout `(K, 1, c)`.
    pub w: &'a [T],
    /// The whole output gradient, channels-last `(batch, lout, c)`.
    pub dy: &'a [T],
    /// Sample.
    pub n: usize,
    /// The task's rows of the input gradient, channels-last.
    pub dx: &'a mut [T],
    /// First position of `dx`.
    pub p0: usize,
}

/// Computes a depthwise task (`lout >= 1`): each row over exactly its taps, channels in
/// lanes (4 vectors, then 1, then one overlapping vector for the last channels).
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn depthwise<S: Simd>(task: DepthwiseTask<'_, S::T>) {
    let DepthwiseTask { dims: d, w, dy, n, dx, p0 } = task;
    let c = d.f;
    let l = S::LANES;
    assert!(d.cin == c && w.len() == d.k * c && d.lout >= 1 && dy.len() >= (n + 1) * d.lout * c);
    let (st, dt) = steps(d);
    for (r, row) in dx.chunks_exact_mut(c).enumerate() {
        let i = p0 + r;
        let Some((tap, cnt)) = taps_of(d, i, st) else {
            row.iter_mut().for_each(|v| *v = S::T::default());
            continue;
        };
        let t0 = (i + d.pl - tap * d.d) / d.s;
        let taps = DwTaps { dy0: (n * d.lout + t0) * c, dys: dt * c, w0: tap * c, ws: st * c, cnt };
        if c < l {
            for (o, v) in row.iter_mut().enumerate() {
                let mut acc = S::T::default();
                for q in 0..cnt {
                    acc = S::fma_scalar(dy[taps.dy0 + q * taps.dys + o], w[taps.w0 - q * taps.ws + o], acc);
                }
                *v = acc;
            }
            continue;
        }
        let mut ch = 0;
        while ch + 4 * l <= c {
            // SAFETY: channels `ch..ch + 4 * LANES` exist; the taps are inside `dy` and `w`
            // (`taps_of`); the instruction set is available.
            unsafe { dw_block::<S, 4>(dy, w, taps, row, ch) };
            ch += 4 * l;
        }
        while ch + l <= c {
            // SAFETY: as above, for `LANES` channels.
            unsafe { dw_block::<S, 1>(dy, w, taps, row, ch) };
            ch += l;
        }
        if ch < c {
            // SAFETY: `c >= LANES`: channels `c - LANES..c` exist; the overlap is computed
            // exactly as before.
            unsafe { dw_block::<S, 1>(dy, w, taps, row, c - l) };
        }
    }
}

/// The taps of one depthwise row: `cnt` of them, the `q`-th reading `dy` at `dy0 + q * dys`
/// and the kernel at `w0 - q * ws` (plus the channel).
#[derive(Clone, Copy)]
struct DwTaps {
    dy0: usize,
    dys: usize,
    w0: usize,
    ws: usize,
    cnt: usize,
}

/// Channels `ch..ch + NV * LANES` of one depthwise row.
///
/// # Safety
/// `ch + NV * LANES <= row.len()`, every tap's row of `dy` and `w` is inside them, and the CPU
/// must support the instruction set of `S`.
#[inline(always)]
unsafe fn dw_block<S: Simd, const NV: usize>(
    dy: &[S::T],
    w: &[S::T],
    taps: DwTaps,
    row: &mut [S::T],
    ch: usize,
) {
    let l = S::LANES;
    let c = row.len();
    assert!(taps.cnt >= 1);
    assert!(taps.dy0 + (taps.cnt - 1) * taps.dys + c <= dy.len() && taps.w0 + c <= w.len());
    assert!((taps.cnt - 1) * taps.ws <= taps.w0);
    // SAFETY: the instruction set is available.
    let mut acc = [unsafe { S::splat(S::T::default()) }; NV];
    for q in 0..taps.cnt {
        let dp = dy.as_ptr().wrapping_add(taps.dy0 + q * taps.dys + ch);
        let wp = w.as_ptr().wrapping_add(taps.w0 - q * taps.ws + ch);
        for (v, a) in acc.iter_mut().enumerate() {
            // SAFETY: rows of `c` elements inside `dy` and `w` (asserted above) read at channels
            // below `ch + NV * LANES <= c`; the instruction set is available.
            *a = unsafe { S::fma(S::load(dp.add(v * l)), S::load(wp.add(v * l)), *a) };
        }
    }
    for (v, a) in acc.iter().enumerate() {
        // SAFETY: `ch + NV * LANES <= row.len()` (contract).
        unsafe { S::store(row.as_mut_ptr().add(ch + v * l), *a) };
    }
}

/// Whether the input gradient takes the dot-product kernel [`dot`]: fewer than half a vector
/// of channels per group (the channel-vector kernel would waste most lanes) but at least a
/// vector of filters per group.
pub(crate) fn use_dot(d: &Dims, lanes: usize) -> bool {
    2 * d.cig < lanes && d.fog >= lanes
}

/// One unit of work of the dot-product kernel: input rows `[p0, p0 + dx.len() / cin)` of
/// sample `n`.
pub(crate) struct DotTask<'a, T> {
    /// Sizes of the call.
    pub dims: &'a Dims,
    /// The kernel, Keras layout `(K, cig, f)`.
    pub w: &'a [T],
    /// The whole output gradient, channels-last `(batch, lout, f)`.
    pub dy: &'a [T],
    /// Sample.
    pub n: usize,
    /// The task's rows of the input gradient, channels-last.
    pub dx: &'a mut [T],
    /// First position of `dx`.
    pub p0: usize,
}

/// The input gradient as dot products over the group's filters (few channels per group):
/// per channel, `MR` positions of one residue class at a time, the filters in lanes (both
/// `dy` rows and Keras kernel rows are contiguous in the filters), one accumulator vector
/// per position summed across lanes at the end (in lane order), filters past the last full
/// vector added in scalar.
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn dot<S: Simd, const MR: usize>(task: DotTask<'_, S::T>) {
    let DotTask { dims: d, w, dy, n, dx, p0 } = task;
    assert!(d.lout >= 1 && w.len() == d.k * d.cig * d.f);
    let p1 = p0 + dx.len() / d.cin;
    let (st, dt) = steps(d);
    let dy_n = n * d.lout * d.f;
    let (ilo, ihi) = interior(d);
    let a = ilo.clamp(p0, p1);
    let b = ihi.clamp(a, p1);
    for g in 0..d.groups {
        for cl in 0..d.cig {
            let c = g * d.cig + cl;
            let run_at = |i: usize, tap: usize, cnt: usize| {
                let t = (i + d.pl - tap * d.d) / d.s;
                DotRun {
                    dy0: dy_n + t * d.f + g * d.fog,
                    a_rs: d.f,
                    dys: dt * d.f,
                    w0: (tap * d.cig + cl) * d.f + g * d.fog,
                    ws: st * d.cig * d.f,
                    cnt,
                    len: d.fog,
                }
            };
            for i in (p0..a).chain(b..p1) {
                dx[(i - p0) * d.cin + c] = match taps_of(d, i, st) {
                    None => S::T::default(),
                    Some((tap, cnt)) => {
                        // SAFETY: the instruction set is available (this function's contract).
                        let r = unsafe { dot_rows::<S, 1>(dy, w, run_at(i, tap, cnt), 1) };
                        r[0]
                    }
                };
            }
            for rho in 0..d.s {
                let i0 = a + (rho + d.s - a % d.s) % d.s;
                if i0 >= b {
                    continue;
                }
                let npos = (b - i0).div_ceil(d.s);
                let taps = taps_of(d, i0, st);
                let mut j = 0;
                while j < npos {
                    let rows = MR.min(npos - j);
                    let res = match taps {
                        None => [S::T::default(); MR],
                        // SAFETY: the instruction set is available (this function's contract).
                        Some((tap, cnt)) => unsafe {
                            dot_rows::<S, MR>(dy, w, run_at(i0 + j * d.s, tap, cnt), rows)
                        },
                    };
                    for (r, v) in res.iter().enumerate().take(rows) {
                        dx[(i0 + (j + r) * d.s - p0) * d.cin + c] = *v;
                    }
                    j += MR;
                }
            }
        }
    }
}

/// The reduction of [`dot_rows`]: `cnt` taps, the `q`-th reading `len` values of `dy` at
/// `dy0 + q * dys` (plus `r * a_rs` for row `r`) and of the kernel at `w0 - q * ws`.
#[derive(Clone, Copy)]
struct DotRun {
    dy0: usize,
    a_rs: usize,
    dys: usize,
    w0: usize,
    ws: usize,
    cnt: usize,
    len: usize,
}

/// `rows` (at most `MR`) dot products of [`dot`].
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
unsafe fn dot_rows<S: Simd, const MR: usize>(
    dy: &[S::T],
    w: &[S::T],
    run: DotRun,
    rows: usize,
) -> [S::T; MR] {
    let l = S::LANES;
    let DotRun { dy0, a_rs, dys, w0, ws, cnt, len } = run;
    assert!(rows >= 1 && rows <= MR && cnt >= 1 && l <= 64);
    assert!(dy0 + (rows - 1) * a_rs + (cnt - 1) * dys + len <= dy.len(), "dot reads past dy");
    assert!((cnt - 1) * ws <= w0 && w0 + len <= w.len(), "dot reads past the kernel");
    let nv = len / l;
    // SAFETY: the instruction set is available.
    let mut acc = [unsafe { S::splat(S::T::default()) }; MR];
    let mut sacc = [S::T::default(); MR];
    let (dp, wp) = (dy.as_ptr(), w.as_ptr());
    for q in 0..cnt {
        let (dq, wq) = (dy0 + q * dys, w0 - q * ws);
        for ov in 0..nv {
            // SAFETY: `wq + (ov + 1) * LANES <= wq + len <= w.len()` (asserted above).
            let wv = unsafe { S::load(wp.add(wq + ov * l)) };
            for (r, a) in acc.iter_mut().enumerate() {
                let o = dq + r.min(rows - 1) * a_rs + ov * l;
                // SAFETY: `o + LANES <= dq + (rows - 1) * a_rs + len <= dy.len()` (asserted
                // above); the instruction set is available.
                *a = unsafe { S::fma(S::load(dp.add(o)), wv, *a) };
            }
        }
        for o in nv * l..len {
            for (r, s) in sacc.iter_mut().enumerate().take(rows) {
                *s = S::fma_scalar(dy[dq + r * a_rs + o], w[wq + o], *s);
            }
        }
    }
    let mut tmp = [S::T::default(); 64];
    core::array::from_fn(|r| {
        // SAFETY: `tmp` holds 64 >= LANES elements.
        unsafe { S::store(tmp.as_mut_ptr(), acc[r]) };
        tmp[..l].iter().fold(S::T::default(), |s, &v| s + v) + sacc[r]
    })
}
