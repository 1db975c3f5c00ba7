//! The backward kernels: every path against the reference loops, the reference against finite
//! differences of the forward pass, threads, edge cases, NaN, in-place updates.
//!
//! **Tolerance.** The kernels sum in another order than the reference. For a sum of `m`
//! products computed in `T` in any order, the error is at most `gamma_{m+1} * sum |terms|`
//! with `gamma_j = j u / (1 - j u)` and `u = EPSILON / 2` (Higham, *Accuracy and Stability*,
//! 3.1 and 4.2; FMA or separate multiply-add alike). The reference here runs in `f64` on the
//! `T`-rounded operands, so its own error is negligible for `f32`; for `f64` it is of the same
//! size as the kernel's, so the allowed difference is `(m + 2) * EPSILON * sum |terms|`: twice
//! the worst case for one side, about the bound for both. `sum |terms|` is the reference run
//! on the absolute values. Elements with no term must be exactly zero.

use proptest::prelude::*;

use super::support::{isas, values};
use crate::backward::{reference_backward_input, reference_backward_weights};
use crate::{
    Activation, Conv1dGeometry, Conv1dScratch, Conv1dSpec, Conv1dWeights, Isa, Layout, Parallelism, Scalar,
};

/// `f32` or `f64`, converted through `f64`.
trait S: Scalar {
    fn of(x: f64) -> Self;
    fn to(self) -> f64;
    fn eps() -> f64;
}
impl S for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn to(self) -> f64 {
        f64::from(self)
    }
    fn eps() -> f64 {
        f64::from(f32::EPSILON)
    }
}
impl S for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn to(self) -> f64 {
        self
    }
    fn eps() -> f64 {
        f64::EPSILON
    }
}

fn cast<T: S>(v: &[f64]) -> Vec<T> {
    v.iter().map(|&x| T::of(x)).collect()
}
fn back<T: S>(v: &[T]) -> Vec<f64> {
    v.iter().map(|&x| x.to()).collect()
}
fn abs(v: &[f64]) -> Vec<f64> {
    v.iter().map(|x| x.abs()).collect()
}

/// One backward case.
#[derive(Clone, Copy, Debug)]
struct Case {
    spec: Conv1dSpec,
    geo: Conv1dGeometry,
}

fn spec(cin: usize, f: usize, k: usize, stride: usize, dilation: usize, groups: usize) -> Conv1dSpec {
    Conv1dSpec {
        in_channels: cin,
        filters: f,
        kernel_size: k,
        stride,
        dilation,
        groups,
        activation: Activation::Linear,
    }
}

fn geo(batch: usize, length: usize, pl: usize, pr: usize, layout: Layout) -> Conv1dGeometry {
    Conv1dGeometry { batch, length, pad_left: pl, pad_right: pr, layout }
}

/// The three gradients of one call.
struct Grads<T> {
    dx: Vec<T>,
    dk: Vec<T>,
    db: Vec<T>,
}

fn run<T: S>(w: &Conv1dWeights<T>, geo: &Conv1dGeometry, x: &[T], dy: &[T]) -> Grads<T> {
    let spec = *w.spec();
    let mut dx = vec![T::nan(); geo.input_len(&spec)];
    let mut dk = vec![T::nan(); spec.kernel_len()];
    let mut db = vec![T::nan(); spec.filters];
    w.backward_input(geo, dy, &mut dx).expect("backward_input");
    w.backward_weights(geo, x, dy, &mut dk, Some(&mut db)).expect("backward_weights");
    // The caller-scratch variants and the call without a bias give the same bits.
    let mut scratch = Conv1dScratch::new();
    let mut dx2 = vec![T::nan(); dx.len()];
    let mut dk2 = vec![T::nan(); dk.len()];
    w.backward_input_into(geo, dy, &mut dx2, &mut scratch).expect("backward_input_into");
    w.backward_weights_into(geo, x, dy, &mut dk2, None, &mut scratch).expect("backward_weights_into");
    assert!(bits(&dx) == bits(&dx2) && bits(&dk) == bits(&dk2), "the _into variants differ");
    Grads { dx, dk, db }
}

/// The bits of each value, every NaN as one pattern (NaN payloads and signs are unspecified
/// in Rust, and Miri picks them at random).
fn bits<T: S>(v: &[T]) -> Vec<u64> {
    v.iter().map(|x| if x.is_nan() { u64::MAX } else { x.to().to_bits() }).collect()
}

/// Checks `got` against the `f64` reference `want` with sums of absolute terms `scale` and at
/// most `terms` terms per element.
fn close<T: S>(what: &str, case: &Case, isa: Isa, got: &[T], want: &[f64], scale: &[f64], terms: usize) {
    assert_eq!(got.len(), want.len());
    let tol = (terms + 2) as f64 * T::eps();
    for (i, ((g, r), s)) in got.iter().zip(want).zip(scale).enumerate() {
        let g = g.to();
        let ok = if r.is_nan() { g.is_nan() } else { (g - r).abs() <= tol * s };
        assert!(
            ok,
            "{what} {case:?} on {isa:?} in {}: element {i}: got {g}, want {r} (scale {s}, tol {tol})",
            core::any::type_name::<T>()
        );
    }
}

/// Runs `case` on every path in `T` against the reference (in `f64` on the same values).
fn check<T: S>(case: &Case, seed: u64) {
    let (spec, geo) = (case.spec, case.geo);
    let x = back(&cast::<T>(&values(geo.input_len(&spec), seed)));
    let w = back(&cast::<T>(&values(spec.kernel_len(), seed + 1)));
    let dy = back(&cast::<T>(&values(geo.output_len(&spec), seed + 2)));
    let b = values(spec.filters, seed + 3);
    let (mut rdx, mut sdx) = (vec![0.0; x.len()], vec![0.0; x.len()]);
    reference_backward_input(&spec, &geo, &w, &dy, &mut rdx);
    reference_backward_input(&spec, &geo, &abs(&w), &abs(&dy), &mut sdx);
    let (mut rdk, mut sdk) = (vec![0.0; w.len()], vec![0.0; w.len()]);
    let (mut rdb, mut sdb) = (vec![0.0; spec.filters], vec![0.0; spec.filters]);
    reference_backward_weights(&spec, &geo, &x, &dy, &mut rdk, Some(&mut rdb));
    reference_backward_weights(&spec, &geo, &abs(&x), &abs(&dy), &mut sdk, Some(&mut sdb));
    let rows = geo.batch * geo.output_length(&spec);
    let dx_terms = spec.kernel_size * spec.filters_per_group();
    for isa in isas() {
        let weights =
            Conv1dWeights::from_keras(spec, &cast::<T>(&w), Some(&cast::<T>(&b))).unwrap().with_isa(isa);
        let g = run(&weights, &geo, &cast::<T>(&x), &cast::<T>(&dy));
        close("dx", case, isa, &g.dx, &rdx, &sdx, dx_terms);
        close("dkernel", case, isa, &g.dk, &rdk, &sdk, rows);
        close("dbias", case, isa, &g.db, &rdb, &sdb, rows);
    }
}

fn check_both(case: &Case, seed: u64) {
    check::<f32>(case, seed);
    check::<f64>(case, seed);
}

fn layouts() -> [Layout; 2] {
    [Layout::ChannelsLast, Layout::ChannelsFirst]
}

/// Random specs: grouped, depthwise with a channel multiplier, strides, dilations, paddings.
fn case() -> impl Strategy<Value = (Case, bool, u64)> {
    (
        (0usize..3, 0usize..40, 1usize..6, 1usize..4, 1usize..40, 1usize..7),
        (1usize..5, 1usize..4, 0usize..7, 0usize..7),
        (0usize..3, any::<bool>(), any::<bool>(), any::<u64>()),
    )
        .prop_map(|((batch, length, cig, groups, fog, k), (stride, dilation, pl, pr), flags)| {
            let (kind, first, f64s, seed) = flags;
            let spec = match kind {
                // Depthwise with multiplier `fog % 4 + 1`.
                0 => {
                    let c = groups * cig;
                    spec(c, c * (fog % 4 + 1), k, stride, dilation, c)
                }
                _ => spec(groups * cig, groups * fog, k, stride, dilation, groups),
            };
            let layout = if first { Layout::ChannelsFirst } else { Layout::ChannelsLast };
            (Case { spec, geo: geo(batch, length, pl, pr, layout) }, f64s, seed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    #[cfg_attr(miri, ignore = "too slow under Miri; the fixed cases below cover the portable path")]
    fn backward_matches_reference((case, f64s, seed) in case()) {
        if f64s {
            check::<f64>(&case, seed);
        } else {
            check::<f32>(&case, seed);
        }
    }
}

/// `full` normally, `miri` under Miri.
fn sizes<T: Clone>(full: &[T], miri: &[T]) -> Vec<T> {
    if cfg!(miri) { miri } else { full }.to_vec()
}

#[test]
fn backward_fixed_shapes() {
    // (cin, f, k, stride, dilation, groups), (batch, len, pl, pr)
    let full: &[((usize, usize, usize, usize, usize, usize), (usize, usize, usize, usize))] = &[
        ((3, 5, 3, 1, 1, 1), (2, 17, 1, 1)),
        ((1, 32, 3, 1, 1, 1), (3, 20, 0, 0)),
        ((1, 16, 9, 4, 1, 1), (2, 70, 0, 0)),
        ((20, 33, 3, 1, 1, 1), (2, 40, 1, 1)),
        ((17, 70, 5, 2, 3, 1), (2, 50, 4, 3)),
        ((24, 36, 3, 3, 2, 6), (2, 31, 2, 5)),
        ((40, 40, 7, 1, 1, 40), (2, 60, 3, 3)),
        ((19, 19, 4, 2, 2, 19), (1, 33, 5, 0)),
        ((6, 18, 3, 1, 2, 6), (2, 25, 2, 2)),
        ((3, 3, 3, 1, 1, 3), (1, 9, 1, 1)),
        // A reduction long enough for the L1 blocks of the input-gradient kernel.
        ((64, 300, 3, 1, 1, 1), (1, 20, 1, 1)),
        ((16, 600, 2, 2, 1, 1), (1, 9, 0, 1)),
        ((64, 100, 5, 1, 1, 1), (1, 12, 2, 2)),
    ];
    // Under Miri: the channel-vector and the dot-product input kernels, grouped, and the
    // depthwise kernels with a partial last vector (9 channels).
    let miri: &[_] = &[
        ((3, 5, 3, 2, 1, 1), (1, 7, 1, 2)),
        ((4, 8, 3, 1, 2, 4), (1, 6, 2, 1)),
        ((1, 8, 3, 2, 1, 1), (1, 9, 1, 1)),
        ((9, 9, 3, 1, 1, 9), (1, 6, 1, 1)),
    ];
    for (i, ((cin, f, k, s, d, g), (b, l, pl, pr))) in sizes(full, miri).into_iter().enumerate() {
        for layout in layouts() {
            let case = Case { spec: spec(cin, f, k, s, d, g), geo: geo(b, l, pl, pr, layout) };
            check_both(&case, i as u64);
        }
    }
}

/// The benchmark shapes S1–S6 (`benches/conv1d_backward.rs`), batch 1 or 2.
#[test]
#[cfg_attr(miri, ignore = "large; the fixed cases cover the portable path")]
fn backward_bench_shapes() {
    let shapes = [
        (spec(1, 32, 3, 1, 1, 1), geo(2, 20, 0, 0, Layout::ChannelsLast)),
        (spec(1, 64, 80, 4, 1, 1), geo(1, 2000, 0, 0, Layout::ChannelsLast)),
        (spec(64, 64, 3, 1, 1, 1), geo(2, 1024, 1, 1, Layout::ChannelsLast)),
        (spec(256, 256, 5, 1, 1, 1), geo(1, 64, 0, 0, Layout::ChannelsLast)),
        (spec(64, 64, 3, 1, 4, 1), geo(2, 1024, 8, 0, Layout::ChannelsLast)),
        (spec(256, 256, 7, 1, 1, 256), geo(2, 1024, 3, 3, Layout::ChannelsLast)),
        (spec(64, 64, 3, 1, 1, 1), geo(2, 1024, 1, 1, Layout::ChannelsFirst)),
    ];
    for (i, (sp, g)) in shapes.into_iter().enumerate() {
        check::<f32>(&Case { spec: sp, geo: g }, 40 + i as u64);
    }
}

#[test]
fn backward_edge_cases() {
    for layout in layouts() {
        // Output length 0: the kernel does not fit; the gradients are zero.
        check_both(&Case { spec: spec(2, 3, 5, 1, 1, 1), geo: geo(2, 2, 1, 0, layout) }, 1);
        check_both(&Case { spec: spec(3, 3, 4, 1, 2, 3), geo: geo(1, 3, 0, 0, layout) }, 2);
        // Batch 0 and length 0.
        check_both(&Case { spec: spec(2, 3, 3, 1, 1, 1), geo: geo(0, 5, 1, 1, layout) }, 3);
        check_both(&Case { spec: spec(2, 3, 3, 1, 1, 1), geo: geo(2, 0, 2, 2, layout) }, 4);
        // The kernel wider than either padding and than the input; padding wider than the
        // kernel (taps that only ever read padding).
        check_both(&Case { spec: spec(2, 4, 7, 1, 1, 1), geo: geo(1, 3, 2, 4, layout) }, 5);
        check_both(&Case { spec: spec(2, 2, 2, 3, 1, 2), geo: geo(1, 4, 6, 6, layout) }, 6);
        check_both(&Case { spec: spec(4, 4, 3, 1, 1, 4), geo: geo(2, 2, 5, 5, layout) }, 7);
        // A stride wider than the kernel: some inputs receive no gradient.
        check_both(&Case { spec: spec(3, 5, 2, 5, 1, 1), geo: geo(1, 13, 0, 0, layout) }, 8);
    }
}

/// Zero gradients of the right size when nothing flows, and the first call on a zero-length
/// output leaves nothing from before.
#[test]
fn backward_zero_output_overwrites() {
    let sp = spec(2, 3, 5, 1, 1, 1);
    let g = geo(1, 2, 0, 0, Layout::ChannelsLast);
    assert_eq!(g.output_length(&sp), 0);
    let w = Conv1dWeights::from_keras(sp, &[1.0f32; 30], None).unwrap();
    let (mut dx, mut dk, mut db) = ([7.0f32; 4], [7.0f32; 30], [7.0f32; 3]);
    w.backward_input(&g, &[], &mut dx).unwrap();
    w.backward_weights(&g, &[1.0; 4], &[], &mut dk, Some(&mut db)).unwrap();
    assert!(dx.iter().chain(&dk).chain(&db).all(|&v| v == 0.0));
    // Wrong lengths fail.
    assert!(w.backward_input(&g, &[0.0], &mut dx).is_err());
    assert!(w.backward_weights(&g, &[0.0; 3], &[], &mut dk, None).is_err());
    assert!(w.backward_weights(&g, &[0.0; 4], &[], &mut dk, Some(&mut [0.0; 2])).is_err());
}

/// A NaN (and an infinity) in dy reaches exactly the gradients the reference says, on every
/// path, and nothing else.
#[test]
fn backward_nan_in_dy_propagates() {
    let shapes = sizes(
        &[
            (spec(5, 20, 3, 2, 1, 1), geo(2, 30, 2, 1, Layout::ChannelsLast)),
            (spec(24, 24, 5, 1, 2, 24), geo(1, 40, 3, 3, Layout::ChannelsFirst)),
            (spec(6, 12, 3, 1, 1, 3), geo(1, 20, 1, 1, Layout::ChannelsLast)),
        ],
        &[(spec(3, 4, 3, 2, 1, 1), geo(1, 8, 2, 1, Layout::ChannelsLast))],
    );
    for (sp, g) in shapes {
        let x: Vec<f64> = values(g.input_len(&sp), 1);
        let w: Vec<f64> = values(sp.kernel_len(), 2);
        let mut dy: Vec<f64> = values(g.output_len(&sp), 3);
        let n = dy.len();
        dy[0] = f64::NAN;
        dy[n / 2] = f64::INFINITY;
        dy[n - 1] = f64::NAN;
        let (mut rdx, mut rdk, mut rdb) = (vec![0.0; x.len()], vec![0.0; w.len()], vec![0.0; sp.filters]);
        reference_backward_input(&sp, &g, &w, &dy, &mut rdx);
        reference_backward_weights(&sp, &g, &x, &dy, &mut rdk, Some(&mut rdb));
        assert!(rdx.iter().any(|v| v.is_nan()) && rdk.iter().any(|v| v.is_nan()));
        let class = |v: f64| (v.is_nan(), v.is_infinite());
        for isa in isas() {
            for f32s in [false, true] {
                let (gdx, gdk, gdb) = if f32s {
                    let wt = Conv1dWeights::from_keras(sp, &cast::<f32>(&w), None).unwrap().with_isa(isa);
                    let r = run(&wt, &g, &cast::<f32>(&x), &cast::<f32>(&dy));
                    (back(&r.dx), back(&r.dk), back(&r.db))
                } else {
                    let wt = Conv1dWeights::from_keras(sp, &w, None).unwrap().with_isa(isa);
                    let r = run(&wt, &g, &x, &dy);
                    (r.dx, r.dk, r.db)
                };
                for (what, got, want) in [("dx", &gdx, &rdx), ("dk", &gdk, &rdk), ("db", &gdb, &rdb)] {
                    for (i, (a, b)) in got.iter().zip(want.iter()).enumerate() {
                        assert_eq!(
                            class(*a),
                            class(*b),
                            "{what}[{i}] on {isa:?} ({sp:?}): got {a}, want {b}"
                        );
                    }
                }
            }
        }
    }
}

/// `L = sum_j r_j y_j` through the forward pass (linear activation, with bias).
fn loss(spec: Conv1dSpec, geo: &Conv1dGeometry, x: &[f64], w: &[f64], b: &[f64], r: &[f64]) -> f64 {
    let weights = Conv1dWeights::from_keras(spec, w, Some(b)).unwrap().with_isa(Isa::Portable);
    let mut y = vec![0.0; geo.output_len(&spec)];
    weights.forward(geo, x, &mut y).unwrap();
    y.iter().zip(r).map(|(y, r)| y * r).sum()
}

/// The reference gradients against central differences of the forward pass. The convolution
/// is linear in each argument, so a central difference is exact but for rounding: the
/// tolerance is a few ulp of the terms of `L`, divided by the step.
#[test]
fn backward_reference_matches_finite_differences() {
    let cases = sizes(
        &[
            (spec(3, 4, 3, 1, 1, 1), geo(2, 9, 1, 1, Layout::ChannelsLast)),
            (spec(4, 6, 3, 2, 2, 2), geo(2, 11, 3, 0, Layout::ChannelsFirst)),
            (spec(3, 6, 4, 3, 1, 3), geo(1, 13, 0, 5, Layout::ChannelsLast)),
            (spec(2, 2, 5, 1, 1, 2), geo(1, 3, 4, 4, Layout::ChannelsFirst)),
            (spec(2, 5, 2, 4, 3, 1), geo(2, 12, 2, 2, Layout::ChannelsLast)),
        ],
        &[(spec(2, 4, 3, 2, 1, 2), geo(1, 6, 1, 2, Layout::ChannelsLast))],
    );
    let h = 0.5;
    for (i, (sp, g)) in cases.into_iter().enumerate() {
        let s = i as u64 * 10;
        let (x, w, b, r) = (
            values(g.input_len(&sp), s),
            values(sp.kernel_len(), s + 1),
            values(sp.filters, s + 2),
            values(g.output_len(&sp), s + 3),
        );
        let (mut dx, mut dk, mut db) = (vec![0.0; x.len()], vec![0.0; w.len()], vec![0.0; b.len()]);
        reference_backward_input(&sp, &g, &w, &r, &mut dx);
        reference_backward_weights(&sp, &g, &x, &r, &mut dk, Some(&mut db));
        let scale = loss(sp, &g, &abs(&x), &abs(&w), &abs(&b), &abs(&r)) + 1.0;
        let tol = 64.0 * f64::EPSILON * scale / h;
        let fd = |which: usize, j: usize| {
            let at = |delta: f64| {
                let (mut x, mut w, mut b) = (x.clone(), w.clone(), b.clone());
                [&mut x, &mut w, &mut b][which][j] += delta;
                loss(sp, &g, &x, &w, &b, &r)
            };
            (at(h) - at(-h)) / (2.0 * h)
        };
        for (which, grad) in [&dx, &dk, &db].into_iter().enumerate() {
            for (j, &want) in grad.iter().enumerate() {
                let got = fd(which, j);
                assert!(
                    (got - want).abs() <= tol,
                    "{sp:?} {g:?}: gradient {which}[{j}]: fd {got}, reference {want}"
                );
            }
        }
        // Not all zero: the check means something.
        assert!(dx.iter().any(|&v| v != 0.0) && dk.iter().any(|&v| v != 0.0));
    }
}

/// Results do not depend on the thread count (calls large enough for the pool).
#[test]
#[cfg_attr(miri, ignore = "threads under Miri are slow; the kernel code is covered elsewhere")]
fn backward_thread_count_does_not_change_the_bits() {
    let shapes = [
        (spec(32, 48, 5, 1, 1, 1), geo(3, 300, 2, 2, Layout::ChannelsLast)),
        (spec(32, 48, 3, 2, 2, 2), geo(3, 1200, 4, 0, Layout::ChannelsFirst)),
        (spec(96, 96, 7, 1, 1, 96), geo(3, 1200, 3, 3, Layout::ChannelsLast)),
        (spec(1, 64, 40, 4, 1, 1), geo(4, 2000, 0, 0, Layout::ChannelsLast)),
    ];
    for (sp, g) in shapes {
        assert!(g.flops(&sp) >= 1 << 21, "{sp:?}: too small for the pool");
        let x: Vec<f32> = cast(&values(g.input_len(&sp), 1));
        let w: Vec<f32> = cast(&values(sp.kernel_len(), 2));
        let dy: Vec<f32> = cast(&values(g.output_len(&sp), 3));
        for isa in isas() {
            let weights =
                Conv1dWeights::from_keras(sp, &w, Some(&[0.5f32; 96][..sp.filters])).unwrap().with_isa(isa);
            let all = |w: &Conv1dWeights<f32>| {
                let r = run(w, &g, &x, &dy);
                (bits(&r.dx), bits(&r.dk), bits(&r.db))
            };
            let seq = all(&weights.clone().with_parallelism(Parallelism::Sequential));
            #[cfg(feature = "parallel")]
            for threads in [1, 2, 3] {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                assert!(pool.install(|| all(&weights)) == seq, "{isa:?} {sp:?}: {threads} threads differ");
            }
        }
    }
}

/// `update` changes what every pass computes, repacking in place (same buffers).
#[test]
fn backward_update_repacks_in_place() {
    for (sp, layout) in [
        (spec(5, 20, 3, 1, 1, 1), Layout::ChannelsLast),
        (spec(6, 6, 3, 1, 1, 6), Layout::ChannelsFirst),
        (spec(6, 9, 2, 2, 1, 3), Layout::ChannelsLast),
    ] {
        let g = geo(2, 11, 1, 1, layout);
        let (w0, w1) = (values(sp.kernel_len(), 1), values(sp.kernel_len(), 2));
        let (b0, b1) = (values(sp.filters, 3), values(sp.filters, 4));
        let x = values(g.input_len(&sp), 5);
        let dy = values(g.output_len(&sp), 6);
        for isa in isas() {
            let mut w = Conv1dWeights::from_keras(sp, &w0, Some(&b0)).unwrap().with_isa(isa);
            let _ = run(&w, &g, &x, &dy);
            let pack = (!crate::backward::is_depthwise(&sp)).then(|| w.input_pack().block(0, 0).as_ptr());
            w.update(|k, b| {
                k.copy_from_slice(&w1);
                b.expect("has a bias").copy_from_slice(&b1);
            });
            if let Some(p) = pack {
                assert_eq!(w.input_pack().block(0, 0).as_ptr(), p, "repacked into a new buffer");
            }
            let fresh = Conv1dWeights::from_keras(sp, &w1, Some(&b1)).unwrap().with_isa(isa);
            let (a, b) = (run(&w, &g, &x, &dy), run(&fresh, &g, &x, &dy));
            assert!(bits(&a.dx) == bits(&b.dx) && bits(&a.dk) == bits(&b.dk), "{isa:?}: stale backward");
            let (mut ya, mut yb) = (vec![0.0; g.output_len(&sp)], vec![0.0; g.output_len(&sp)]);
            w.forward(&g, &x, &mut ya).unwrap();
            fresh.forward(&g, &x, &mut yb).unwrap();
            assert!(bits(&ya) == bits(&yb), "{isa:?}: stale forward after update");
        }
    }
}

/// The vectorised activation derivatives against the `f64` loop, on every path: relu and
/// linear bit for bit, the others within 4 ulp of the result (for `f64` plus the f64 loop's
/// own rounding of `y^2` or `y` (tanh, sigmoid), about `eps * |g| * y^2`: the loop is exact
/// for `f32`, not for `f64`). Lengths not a multiple of any vector; NaN, infinities, zeros of
/// both signs in the input and the gradient.
fn activation_case<T: S>(act: Activation, seed: u64) {
    let n = if cfg!(miri) { 21 } else { 203 };
    let mut x: Vec<f64> = values(n, seed).iter().map(|v| v * 12.0).collect();
    let mut g: Vec<f64> = values(n, seed + 1).iter().map(|v| v * 3.0).collect();
    let specials = [0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e-30, -1e-30, 0.5, 40.0, -40.0];
    for (i, s) in specials.iter().enumerate() {
        x[2 * i] = *s;
        g[2 * i + 1] = *s;
        g[3 * i % n] = specials[(i + 3) % specials.len()];
    }
    let x: Vec<T> = cast(&x);
    let g: Vec<T> = cast(&g);
    let mut y = x.clone();
    crate::activation::apply_scalar(act, &mut y, n);
    let mut want = g.clone();
    crate::activation::backward_scalar(act, &x, &y, &mut want, n);
    for isa in isas() {
        let mut got = g.clone();
        crate::activation::backward_with_isa(isa, act, &x, &y, &mut got, n);
        for i in 0..n {
            let (a, b) = (got[i].to(), want[i].to());
            let ok = if matches!(act, Activation::Relu | Activation::Linear) {
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
            } else if b.is_nan() {
                a.is_nan()
            } else {
                let own = if T::eps() < 1e-10 {
                    let yv = y[i].to().abs();
                    g[i].to().abs()
                        * if matches!(act, Activation::Tanh) { yv * yv } else { yv }
                        * 2.0
                        * T::eps()
                } else {
                    0.0
                };
                a == b || (a - b).abs() <= 4.0 * T::eps() * b.abs() + own
            };
            assert!(
                ok,
                "{act:?} on {isa:?} in {}: x {} y {} g {}: got {a}, want {b}",
                core::any::type_name::<T>(),
                x[i].to(),
                y[i].to(),
                g[i].to()
            );
        }
    }
}

#[test]
fn backward_activation_derivatives_match_the_f64_loop() {
    let acts = [
        Activation::Linear,
        Activation::Relu,
        Activation::LeakyRelu(0.2),
        Activation::LeakyRelu(0.01),
        Activation::Sigmoid,
        Activation::Tanh,
        // Not vectorised: the same loop (checks the dispatch).
        Activation::Gelu,
        Activation::Softmax,
    ];
    for (i, act) in acts.into_iter().enumerate() {
        activation_case::<f32>(act, 7 + i as u64);
        activation_case::<f64>(act, 7 + i as u64);
    }
}
