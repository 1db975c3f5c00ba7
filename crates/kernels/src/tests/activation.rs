//! The activations against `f64` std/libm references, on every path, in `f32` and `f64`.
//!
//! `cargo test -p shaped-kernels activation -- --nocapture` prints the measured maximum ulp
//! error of every function, type and path.

use proptest::prelude::*;

use super::support::{isas, values};
use crate::simd::activation::apply_func;
use crate::simd::math::Func;
use crate::{activation, Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Isa, Layout, Scalar};

/// A type under test: its ulp at a reference value and the conversions.
trait Ulp: Scalar {
    const NAME: &'static str;
    const MANT: i32;
    const EMIN: i32;
    fn of(x: f64) -> Self;
    fn to(self) -> f64;
    /// Inputs from random bits (finite ones).
    fn from_bits_u64(b: u64) -> Self;
}
impl Ulp for f32 {
    const NAME: &'static str = "f32";
    const MANT: i32 = 23;
    const EMIN: i32 = -126;
    fn of(x: f64) -> Self {
        x as f32
    }
    fn to(self) -> f64 {
        f64::from(self)
    }
    fn from_bits_u64(b: u64) -> Self {
        f32::from_bits((b >> 32) as u32)
    }
}
impl Ulp for f64 {
    const NAME: &'static str = "f64";
    const MANT: i32 = 52;
    const EMIN: i32 = -1022;
    fn of(x: f64) -> Self {
        x
    }
    fn to(self) -> f64 {
        self
    }
    fn from_bits_u64(b: u64) -> Self {
        f64::from_bits(b)
    }
}

/// The error of `got` in ulps of `T` at `want` (0 when both are the same NaN/inf/zero class).
fn ulps<T: Ulp>(got: T, want: f64) -> f64 {
    let g = got.to();
    if want.is_nan() || g.is_nan() {
        return if want.is_nan() && g.is_nan() { 0.0 } else { f64::INFINITY };
    }
    let w = T::of(want).to();
    if w.is_infinite() || g.is_infinite() {
        return if w == g { 0.0 } else { f64::INFINITY };
    }
    let e = (((want.abs().to_bits() >> 52) & 0x7ff) as i32 - 1023).max(T::EMIN);
    let ulp = libm::scalbn(1.0, e - T::MANT);
    (g - want).abs() / ulp
}

/// `1/sqrt(2)` minus its `f64` rounding.
const FRAC_1_SQRT_2_LO: f64 = -4.833_646_656_726_457e-17;

/// The reference, in `f64`: std/libm, with the GELU argument `-x/sqrt 2` carried in two parts.
fn reference(f: Ref, x: f64) -> f64 {
    match f {
        Ref::Func(Func::Exp) => x.exp(),
        Ref::Func(Func::Expm1) => x.exp_m1(),
        Ref::Func(Func::Tanh) => x.tanh(),
        Ref::Func(Func::Sigmoid) => activation::scalar(Activation::Sigmoid, x),
        Ref::Func(Func::Erf) => libm::erf(x),
        Ref::Act(Activation::Gelu) if x.is_finite() => {
            let zh = -x * core::f64::consts::FRAC_1_SQRT_2;
            let zl = (-x).mul_add(core::f64::consts::FRAC_1_SQRT_2, -zh) + -x * FRAC_1_SQRT_2_LO;
            let d = 2.0 / core::f64::consts::PI.sqrt() * (-zh * zh).exp();
            0.5 * x * (libm::erfc(zh) - d * zl)
        }
        Ref::Act(Activation::Gelu) if x == f64::NEG_INFINITY => -0.0,
        Ref::Act(Activation::GeluTanh) if x == f64::NEG_INFINITY => -0.0,
        Ref::Act(Activation::Silu) if x == f64::NEG_INFINITY => -0.0,
        Ref::Act(a) => activation::scalar(a, x),
    }
}

#[derive(Clone, Copy, Debug)]
enum Ref {
    Func(Func),
    Act(Activation),
}

fn run<T: Ulp>(f: Ref, isa: Isa, xs: &[T]) -> Vec<T> {
    let mut y = xs.to_vec();
    match f {
        Ref::Func(func) => apply_func(isa, func, &mut y),
        Ref::Act(a) => activation::apply_with_isa(isa, a, &mut y, 1),
    }
    y
}

/// Inputs over the whole range: special values, dense sweeps, log-spaced magnitudes down to
/// the subnormals, and random bit patterns.
fn inputs<T: Ulp>() -> Vec<T> {
    let mut v: Vec<f64> = vec![
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::from(f32::MIN_POSITIVE),
        f64::from(f32::MAX),
        1e-45,
        1e-40,
        1e-38,
        0.5,
        -0.5,
        1.0 / core::f64::consts::SQRT_2,
        88.722_839,
        88.7,
        -87.336_544,
        -103.972_08,
        -103.28,
        709.782_712_893_384,
        -708.396_418_532_264,
        -745.133_219_101_941,
        -744.44,
    ];
    let neg: Vec<f64> = v.iter().map(|x| -x).collect();
    v.extend(neg);
    let n = if cfg!(miri) { 50 } else { 100_000 };
    for (lo, hi) in [(-800.0, 800.0), (-40.0, 40.0), (-6.0, 6.0), (-0.8, 0.8)] {
        v.extend((0..=n).map(|i| lo + (hi - lo) * f64::from(i) / f64::from(n)));
    }
    let steps = if cfg!(miri) { 20 } else { 4000 };
    for i in 0..=steps {
        let m = 10f64.powf(-330.0 + 334.0 * f64::from(i) / f64::from(steps));
        v.push(m);
        v.push(-m);
    }
    let mut xs: Vec<T> = v.into_iter().map(T::of).collect();
    let mut s = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..n {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        xs.push(T::from_bits_u64(s));
    }
    xs
}

/// Max ulp error of `f` on `isa` over `xs` (against precomputed `want`), and the worst input.
fn max_err<T: Ulp>(f: Ref, isa: Isa, xs: &[T], want: &[f64], keep: impl Fn(f64) -> bool) -> (f64, f64) {
    let got = run(f, isa, xs);
    let mut worst = (0.0, 0.0);
    for ((&x, &g), &w) in xs.iter().zip(&got).zip(want) {
        if !keep(x.to()) {
            continue;
        }
        // A reference formed as x * (a subnormal factor) has lost bits itself: not measured.
        let product = matches!(f, Ref::Act(Activation::Gelu | Activation::GeluTanh | Activation::Silu));
        if T::NAME == "f64" && product && x.to() != 0.0 && (w / x.to()).abs() < f64::MIN_POSITIVE {
            continue;
        }
        let e = ulps(g, w);
        if e > worst.0 || e.is_nan() {
            worst = (e, x.to());
        }
    }
    worst
}

/// The functions, their ulp bounds in `f32` and `f64`, and the inputs they are measured on.
fn table() -> Vec<(&'static str, Ref, f64, f64, fn(f64) -> bool)> {
    let all: fn(f64) -> bool = |_| true;
    vec![
        ("exp", Ref::Func(Func::Exp), 2.0, 2.0, all),
        ("expm1", Ref::Func(Func::Expm1), 3.0, 3.0, all),
        ("tanh", Ref::Func(Func::Tanh), 3.0, 4.0, all),
        ("sigmoid", Ref::Func(Func::Sigmoid), 3.0, 3.0, all),
        ("erf", Ref::Func(Func::Erf), 3.0, 3.0, all),
        ("relu", Ref::Act(Activation::Relu), 0.0, 0.0, all),
        ("leaky_relu(0.2)", Ref::Act(Activation::LeakyRelu(0.2)), 1.0, 1.0, all),
        ("elu(1)", Ref::Act(Activation::Elu(1.0)), 3.0, 3.0, all),
        ("elu(0.5)", Ref::Act(Activation::Elu(0.5)), 3.0, 3.0, all),
        ("gelu", Ref::Act(Activation::Gelu), 7.0, 7.0, all),
        ("gelu_tanh |x|<=1", Ref::Act(Activation::GeluTanh), 5.0, 5.0, |x: f64| x.abs() <= 1.0 || x.is_nan()),
        ("silu", Ref::Act(Activation::Silu), 4.0, 4.0, all),
    ]
}

fn accuracy<T: Ulp>() {
    let xs = inputs::<T>();
    let mut failures = Vec::new();
    for (name, f, b32, b64, keep) in table() {
        let want: Vec<f64> = xs.iter().map(|&x| reference(f, x.to())).collect();
        let bound = if T::NAME == "f32" { b32 } else { b64 };
        for isa in isas() {
            let (e, x) = max_err(f, isa, &xs, &want, keep);
            println!("{:<18} {} {:<9} max {:>7.3} ulp (at x = {x:e})", name, T::NAME, format!("{isa:?}"), e);
            if e.is_nan() || e > bound {
                failures.push(format!("{name} {} {isa:?}: {e} ulp > {bound} at x = {x:e}", T::NAME));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn accuracy_f32() {
    accuracy::<f32>();
}

#[test]
fn accuracy_f64() {
    accuracy::<f64>();
}

/// The far tail of the tanh form of GELU, where the function's own condition number is about
/// `|2 sqrt(2/pi) x (1 + 0.134 x^2)|`: the error stays within that many ulp.
#[test]
fn gelu_tanh_tail_within_its_conditioning() {
    fn check<T: Ulp>() {
        let xs: Vec<T> = inputs::<T>().into_iter().filter(|x| x.to().abs() > 3.0).collect();
        let f = Ref::Act(Activation::GeluTanh);
        for isa in isas() {
            let got = run(f, isa, &xs);
            for (&x, &g) in xs.iter().zip(&got) {
                let x = x.to();
                let cond = (1.6 * x * (1.0 + 0.134 * x * x)).abs().max(1.0);
                let w = reference(f, x);
                if T::NAME == "f64" && x != 0.0 && (w / x).abs() < f64::MIN_POSITIVE {
                    continue;
                }
                let e = ulps(g, w);
                assert!(e <= 4.0 * cond, "{} {isa:?} gelu_tanh({x:e}): {e} ulp", T::NAME);
            }
        }
    }
    check::<f32>();
    check::<f64>();
}

#[test]
fn nan_in_nan_out_on_every_path() {
    fn check<T: Ulp>() {
        let acts = [
            Activation::Relu,
            Activation::LeakyRelu(0.3),
            Activation::Elu(1.0),
            Activation::Gelu,
            Activation::GeluTanh,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Silu,
            Activation::Softmax,
        ];
        for isa in isas() {
            for act in acts {
                // NaN in every lane position, among ordinary values.
                for pos in 0..20 {
                    let mut x: Vec<T> = (0..20).map(|i| T::of(f64::from(i) - 9.5)).collect();
                    x[pos] = T::nan();
                    activation::apply_with_isa(isa, act, &mut x, 20);
                    assert!(x[pos].is_nan(), "{} {isa:?} {act:?}: NaN at {pos} became {:?}", T::NAME, x[pos]);
                    if act == Activation::Softmax {
                        assert!(x.iter().all(|v| v.is_nan()), "softmax row with a NaN is NaN");
                    }
                }
            }
            for f in [Func::Exp, Func::Expm1, Func::Tanh, Func::Sigmoid, Func::Erf] {
                let mut x = vec![T::nan(); 19];
                apply_func(isa, f, &mut x);
                assert!(x.iter().all(|v| v.is_nan()), "{f:?} {isa:?}");
            }
        }
    }
    check::<f32>();
    check::<f64>();
}

#[test]
fn relu_keeps_nan_and_negative_zero() {
    for isa in isas() {
        let mut x = [f32::NAN, -0.0, -1.0, 2.0, f32::NEG_INFINITY, f32::INFINITY];
        activation::apply_with_isa(isa, Activation::Relu, &mut x, 1);
        assert!(x[0].is_nan());
        assert_eq!(x[1].to_bits(), (-0.0f32).to_bits());
        assert_eq!(x[2..], [0.0, 2.0, 0.0, f32::INFINITY]);
    }
    assert!(Activation::Relu.apply(f64::NAN).is_nan());
}

#[test]
fn limits() {
    for isa in isas() {
        let mut x = [f32::INFINITY, f32::NEG_INFINITY, 30.0, -30.0, 200.0, -200.0];
        let mut t = x;
        activation::apply_with_isa(isa, Activation::Tanh, &mut t, 1);
        assert_eq!(t, [1.0, -1.0, 1.0, -1.0, 1.0, -1.0]);
        let mut s = x;
        activation::apply_with_isa(isa, Activation::Sigmoid, &mut s, 1);
        assert_eq!(s, [1.0, 0.0, 1.0, 9.357_623e-14, 1.0, 0.0]);
        activation::apply_with_isa(isa, Activation::Gelu, &mut x, 1);
        assert_eq!(x[0], f32::INFINITY);
        assert_eq!(x[1], 0.0);
        let mut e = [0.0f64, -0.0, f64::NEG_INFINITY, f64::INFINITY, -1e-320];
        activation::apply_with_isa(isa, Activation::Elu(1.0), &mut e, 1);
        assert_eq!(e[..4], [0.0, -0.0, -1.0, f64::INFINITY]);
        assert_eq!(e[1].to_bits(), (-0.0f64).to_bits());
        assert_eq!(e[4], -1e-320);
    }
}

/// Softmax rows against the `f64` reference, for row lengths around the vector widths.
#[test]
fn softmax_rows() {
    for isa in isas() {
        for row in [1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 100] {
            let x: Vec<f64> = values(row * 3, row as u64).into_iter().map(|v| 30.0 * v).collect();
            let mut want = x.clone();
            activation::apply_scalar(Activation::Softmax, &mut want, row);
            let mut got32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
            activation::apply_with_isa(isa, Activation::Softmax, &mut got32, row);
            let mut got64 = x.clone();
            activation::apply_with_isa(isa, Activation::Softmax, &mut got64, row);
            for i in 0..x.len() {
                // Inputs rounded to f32 move the reference by up to |x| * 2^-24 relative.
                let w32 = {
                    let r = i / row * row;
                    let mut v: Vec<f64> = x[r..r + row].iter().map(|&v| f64::from(v as f32)).collect();
                    activation::apply_scalar(Activation::Softmax, &mut v, row);
                    v[i - r]
                };
                // `x - max` is rounded: that moves exp by |x - max| / 2 ulp (relative).
                let r = i / row * row;
                let m = x[r..r + row].iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
                let spread = x[r..r + row].iter().map(|v| (v - m).abs()).fold(0.0, f64::max);
                let tol = 4.0 + 0.5 * row as f64 + spread;
                assert!(ulps(got32[i], w32) <= tol, "{isa:?} f32 row {row} [{i}]: {} vs {w32}", got32[i]);
                assert!(ulps(got64[i], want[i]) <= tol, "{isa:?} f64 row {row} [{i}]");
            }
        }
        let mut big = [1000.0f32, 1000.0, -f32::INFINITY, 999.0];
        activation::apply_with_isa(isa, Activation::Softmax, &mut big, 4);
        assert!(big.iter().all(|v| v.is_finite()) && big[2] == 0.0);
    }
}

/// Every element-wise activation fused into the Conv1D epilogue gives the bits of the conv
/// followed by the slice pass on the same path; softmax (a separate pass) too.
#[test]
fn fused_equals_conv_then_activation() {
    let acts = [
        Activation::Relu,
        Activation::LeakyRelu(0.2),
        Activation::Elu(0.7),
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Silu,
        Activation::Softmax,
    ];
    let shapes = [(8, 20, 3, 1), (5, 37, 3, 1), (6, 6, 3, 6), (40, 40, 2, 40), (3, 70, 4, 1)];
    for (cin, filters, k, groups) in shapes {
        let spec = Conv1dSpec {
            in_channels: cin,
            filters,
            kernel_size: k,
            stride: 1,
            dilation: 1,
            groups,
            activation: Activation::Linear,
        };
        let w: Vec<f32> = values(spec.kernel_len(), 1).into_iter().map(|v| 3.0 * v as f32).collect();
        let b: Vec<f32> = values(filters, 2).into_iter().map(|v| v as f32).collect();
        for layout in [Layout::ChannelsLast, Layout::ChannelsFirst] {
            let geo = Conv1dGeometry { batch: 2, length: 29, pad_left: 1, pad_right: 1, layout };
            let mut x: Vec<f32> = values(geo.input_len(&spec), 3).into_iter().map(|v| v as f32).collect();
            x[5] = f32::NAN;
            for isa in isas() {
                let plain = Conv1dWeights::from_keras(spec, &w, Some(&b)).unwrap().with_isa(isa);
                let mut lin = vec![0.0f32; geo.output_len(&spec)];
                plain.forward(&geo, &x, &mut lin).unwrap();
                for act in acts {
                    let fused = plain.clone().with_activation(act);
                    let mut y = vec![0.0f32; lin.len()];
                    fused.forward(&geo, &x, &mut y).unwrap();
                    let mut want = lin.clone();
                    let row = match layout {
                        Layout::ChannelsLast => filters,
                        Layout::ChannelsFirst => geo.output_length(&spec),
                    };
                    activation::apply_with_isa(isa, act, &mut want, row);
                    for (i, (g, r)) in y.iter().zip(&want).enumerate() {
                        assert!(
                            g.to_bits() == r.to_bits() || (g.is_nan() && r.is_nan()),
                            "{isa:?} {act:?} {layout:?} cin {cin} f {filters} g {groups} [{i}]: {g} vs {r}"
                        );
                    }
                    assert!(y.iter().any(|v| v.is_nan()), "the NaN input reaches the output");
                }
            }
        }
    }
}

#[test]
fn isa_requests_fall_back_to_the_best_path_with_a_warning() {
    let all = |_: Isa| true;
    let no512 = |i: Isa| i != Isa::Avx512;
    let portable_only = |i: Isa| i == Isa::Portable;
    assert_eq!(Isa::select(None, all), (Isa::Avx512, None));
    assert_eq!(Isa::select(None, no512), (Isa::Avx2, None));
    assert_eq!(Isa::select(Some("avx2"), all), (Isa::Avx2, None));
    assert_eq!(Isa::select(Some(" Portable "), no512), (Isa::Portable, None));
    let (isa, w) = Isa::select(Some("avx512"), no512);
    assert_eq!(isa, Isa::Avx2);
    let w = w.expect("a warning");
    assert!(
        w.contains("\"avx512\"") && w.contains("Avx512") && w.contains("using Avx2") && !w.contains('\n'),
        "{w}"
    );
    let (isa, w) = Isa::select(Some("avx-2"), no512);
    assert_eq!(isa, Isa::Avx2);
    assert!(w.expect("a warning").contains("\"avx-2\" is not avx512, avx2, neon or portable; using Avx2"));
    assert_eq!(Isa::select(Some("neon"), portable_only).0, Isa::Portable);
    assert!(Isa::select(Some("neon"), portable_only).1.is_some());
    // An AArch64 CPU: NEON is its best path, and an x86 request falls back to it.
    let arm = |i: Isa| matches!(i, Isa::Neon | Isa::Portable);
    assert_eq!(Isa::select(None, arm), (Isa::Neon, None));
    assert_eq!(Isa::select(Some("NEON"), arm), (Isa::Neon, None));
    let (isa, w) = Isa::select(Some("avx2"), arm);
    assert_eq!(isa, Isa::Neon);
    assert!(w.expect("a warning").contains("using Neon"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random slices and activations: each element within its bound of the reference, the same
    /// result whatever the slice length or position (lane independence).
    #[test]
    #[cfg_attr(miri, ignore = "slow under Miri")]
    fn random_slices(xs in proptest::collection::vec(-50.0f64..50.0, 0..70), which in 0usize..8, split in 0usize..70) {
        let act = [Activation::Relu, Activation::LeakyRelu(0.3), Activation::Elu(1.0), Activation::Gelu,
                   Activation::GeluTanh, Activation::Sigmoid, Activation::Tanh, Activation::Silu][which];
        let x32: Vec<f32> = xs.iter().map(|&v| v as f32).collect();
        for isa in isas() {
            let mut whole = x32.clone();
            activation::apply_with_isa(isa, act, &mut whole, 1);
            let split = split.min(x32.len());
            let (mut a, mut b) = (x32[..split].to_vec(), x32[split..].to_vec());
            activation::apply_with_isa(isa, act, &mut a, 1);
            activation::apply_with_isa(isa, act, &mut b, 1);
            a.extend(b);
            prop_assert_eq!(a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), whole.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
            for (&x, &g) in x32.iter().zip(&whole) {
                let x = f64::from(x);
                let cond = if act == Activation::GeluTanh { (1.6 * x * (1.0 + 0.134 * x * x)).abs().max(1.0) } else { 1.0 };
                prop_assert!(ulps(g, reference(Ref::Act(act), x)) <= 4.0 * cond, "{:?} {:?} at {}", isa, act, x);
            }
        }
    }
}
