//! The oracle and the harness that runs one case on one path.

include!("../../../../tests/support/reference.rs");

use crate::{Activation, Conv1dGeometry, Conv1dScratch, Conv1dSpec, Conv1dWeights, Isa, Layout, Scalar};

/// The paths this CPU runs (under Miri: only the portable one).
pub fn isas() -> Vec<Isa> {
    Isa::ALL.into_iter().filter(|i| i.is_supported()).collect()
}

/// Deterministic values in `[-1, 1)`.
pub fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// One test case: the reference arguments plus what the reference does not cover.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub conv: RefConv,
    pub bias: bool,
    pub layout: Layout,
}

impl Case {
    pub fn spec(&self) -> Conv1dSpec {
        let c = &self.conv;
        Conv1dSpec {
            in_channels: c.in_channels,
            filters: c.filters,
            kernel_size: c.kernel_size,
            stride: c.stride,
            dilation: c.dilation,
            groups: c.groups,
            activation: if c.relu { Activation::Relu } else { Activation::Linear },
        }
    }

    pub fn geometry(&self) -> Conv1dGeometry {
        let c = &self.conv;
        Conv1dGeometry {
            batch: c.batch,
            length: c.length,
            pad_left: c.pad_left,
            pad_right: c.pad_right,
            layout: self.layout,
        }
    }
}

/// Converts between `f64` and the element type under test.
pub trait TestScalar: Scalar {
    const TOL: f64;
    fn of(x: f64) -> Self;
    fn to(self) -> f64;
}
impl TestScalar for f32 {
    const TOL: f64 = 1e-5;
    fn of(x: f64) -> Self {
        x as f32
    }
    fn to(self) -> f64 {
        f64::from(self)
    }
}
impl TestScalar for f64 {
    const TOL: f64 = 1e-12;
    fn of(x: f64) -> Self {
        x
    }
    fn to(self) -> f64 {
        self
    }
}

/// Runs `case` on `isa` in `T` and returns its channels-last output.
pub fn run<T: TestScalar>(case: &Case, isa: Isa, x: &[f64], w: &[f64], b: Option<&[f64]>) -> Vec<T> {
    let (spec, geo) = (case.spec(), case.geometry());
    let c = &case.conv;
    let xt: Vec<T> = x.iter().map(|&v| T::of(v)).collect();
    let wt: Vec<T> = w.iter().map(|&v| T::of(v)).collect();
    let bt: Option<Vec<T>> = b.map(|b| b.iter().map(|&v| T::of(v)).collect());
    let weights = Conv1dWeights::from_keras(spec, &wt, bt.as_deref()).expect("valid case").with_isa(isa);
    assert_eq!(weights.isa(), isa);
    let input = match case.layout {
        Layout::ChannelsLast => xt,
        Layout::ChannelsFirst => swap_last_axes(&xt, c.batch, c.length, c.in_channels),
    };
    let lout = geo.output_length(&spec);
    let mut out = vec![T::nan(); geo.output_len(&spec)];
    weights.forward(&geo, &input, &mut out).expect("forward");
    // The caller-held scratch path gives the same bits.
    let mut again = vec![T::nan(); out.len()];
    weights.forward_into(&geo, &input, &mut again, &mut Conv1dScratch::new()).expect("forward_into");
    assert!(
        out.iter().zip(&again).all(|(a, b)| a.to().to_bits() == b.to().to_bits()),
        "forward_into differs"
    );
    match case.layout {
        Layout::ChannelsLast => out,
        Layout::ChannelsFirst => swap_last_axes(&out, c.batch, c.filters, lout),
    }
}

/// Checks `case` on every path, in `T`, against the reference.
pub fn check<T: TestScalar>(case: &Case, seed: u64) {
    let c = &case.conv;
    let cig = c.in_channels / c.groups;
    let x = values(c.batch * c.length * c.in_channels, seed);
    let w = values(c.kernel_size * cig * c.filters, seed + 1);
    let b = case.bias.then(|| values(c.filters, seed + 2));
    let (want, scale) = match c.output_length() {
        Some(_) => {
            let xr: Vec<f64> = x.iter().map(|&v| T::of(v).to()).collect();
            let wr: Vec<f64> = w.iter().map(|&v| T::of(v).to()).collect();
            let br: Option<Vec<f64>> = b.as_ref().map(|b| b.iter().map(|&v| T::of(v).to()).collect());
            let abs = |v: &[f64]| v.iter().map(|x| x.abs()).collect::<Vec<_>>();
            let unrelu = RefConv { relu: false, ..*c };
            let scale = unrelu.run(&abs(&xr), &abs(&wr), br.as_deref().map(abs).as_deref());
            (c.run(&xr, &wr, br.as_deref()), scale)
        }
        None => (Vec::new(), Vec::new()),
    };
    for isa in isas() {
        let got = run::<T>(case, isa, &x, &w, b.as_deref());
        assert_eq!(got.len(), want.len(), "{case:?} on {isa:?}: output length");
        for (i, ((g, r), s)) in got.iter().zip(&want).zip(&scale).enumerate() {
            let err = (g.to() - r).abs();
            assert!(
                err <= T::TOL * s.max(f64::MIN_POSITIVE),
                "{case:?} on {isa:?}, {}: element {i}: got {}, want {r} (scale {s})",
                core::any::type_name::<T>(),
                g.to()
            );
        }
    }
}

/// Checks `case` in `f32` and `f64`, both layouts (under Miri, `f64` channels-last only).
pub fn check_all(conv: RefConv, bias: bool, seed: u64) {
    for layout in [Layout::ChannelsLast, Layout::ChannelsFirst] {
        let case = Case { conv, bias, layout };
        check::<f32>(&case, seed);
        if !cfg!(miri) || layout == Layout::ChannelsLast {
            check::<f64>(&case, seed);
        }
    }
}

/// A case with the given sizes and no padding, stride, dilation, groups or ReLU.
pub fn conv(batch: usize, length: usize, in_channels: usize, filters: usize, kernel_size: usize) -> RefConv {
    RefConv {
        batch,
        length,
        in_channels,
        filters,
        kernel_size,
        stride: 1,
        dilation: 1,
        groups: 1,
        pad_left: 0,
        pad_right: 0,
        relu: false,
    }
}
