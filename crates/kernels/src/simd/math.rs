//! Vectorised elementary functions and activations, written once against [`Simd`].
//!
//! - **exp**: Cody-Waite reduction `x = n ln2 + r`, `|r| <= ln2/2` (ln2 split in a part whose
//!   products with `n` are exact and a correction), then `e^r = 1 + r Q(r)` with `Q` the Taylor
//!   series of `(e^r - 1)/r` (degree 7 for `f32`, 13 for `f64`), and `2^n` applied in two
//!   steps so that results into the subnormal range are rounded once and overflow gives `inf`.
//! - **expm1**: the same reduction, `expm1(x) = 2 (2^(n-1) r Q(r) + 2^(n-1) - 1/2)`: no
//!   cancellation near 0, exact for subnormal `x`.
//! - **tanh**: `e / (e + 2)` with `e = expm1(2|x|)` (saturating at 1), sign copied back.
//! - **sigmoid** and `y * sigmoid(a)`: `e = exp(-|a|)`, `y / (1 + e)`, times `e` for `a < 0`
//!   (the `e` factor scaled in last, so tiny results round once).
//! - **erf / erfc**: `erf(z) = z P(z^2)` for `|z| < 1/2`, else `1 - erfc(z)` with
//!   `erfc(z) = exp(-z^2) t H(t)`, `t = 2/(2+z)`; `P` and `H` are Chebyshev interpolants
//!   (near-minimax, fitted for this crate with mpmath) and `z^2` is formed exactly (a
//!   Veltkamp split) so the tail keeps its relative accuracy.
//! - **gelu**: `x Phi(x)` through erf for `x > -1/sqrt(2)` and through the erfc tail (times `x/2`
//!   inside the final scaling) below; **gelu_tanh** is `x sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3))`
//!   (the same function as Keras's `0.5 x (1 + tanh(...))` without its cancellation).
//!
//! NaN in gives NaN out for every function (clamps are written `min(hi, max(lo, x))`, whose
//! operand order lets a NaN through, and every select keeps the NaN-carrying branch).

use super::Simd;
use crate::scalar::sealed::Sealed;
use crate::Activation;

/// Per-type constants.
struct Consts {
    /// Cody-Waite split of ln 2: `n * LN2_HI` is exact for every `n` the clamps allow.
    ln2_hi: f64,
    ln2_lo: f64,
    /// `1.5 * 2^mantissa_bits`: adding and subtracting it rounds to an integer.
    round: f64,
    /// Clamp of `exp`'s argument: below, the result is 0 (even times a factor up to `|lo|`);
    /// above, `inf`.
    exp_lo: f64,
    exp_hi: f64,
    /// Below this `expm1` is -1 to the last bit.
    expm1_lo: f64,
    /// Above this `tanh` is 1 to the last bit.
    tanh_hi: f64,
    /// `1/(k+1)!`, `k = 0..`: the Taylor series of `(e^r - 1)/r`.
    taylor: &'static [f64],
    /// Veltkamp splitting factor `2^ceil(p/2) + 1`.
    split: f64,
    /// Past this `erfc` underflows (even times `x/2` in GELU).
    erfc_zmax: f64,
    /// `erf(z)/z` in `w = 8 z^2 - 1` on `z^2 in [0, 1/4]`, lowest degree first.
    erf_small: &'static [f64],
    /// `erfc(z) e^(z^2) / t` in `w` mapping `t = 2/(2+z) in [T0, 0.8]` onto `[-1, 1]`.
    erfc_tail: &'static [f64],
    /// `2 / (2 + erfc_zmax)`.
    erfc_t0: f64,
}

const INV_FACT: [f64; 15] = [
    1.0,
    0.5,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
    1.0 / 87_178_291_200.0,
    1.0 / 1_307_674_368_000.0,
];

#[allow(clippy::excessive_precision)] // coefficients as published, digit for digit
const ERF_SMALL_F32: [f64; 6] = [
    1.0830752376890724,
    -0.04364205888689717,
    0.0016130714358452245,
    -4.762336575818992e-05,
    1.152222981418237e-06,
    -2.3481855099921593e-08,
];
#[allow(clippy::excessive_precision)] // coefficients as published, digit for digit
const ERF_SMALL_F64: [f64; 11] = [
    1.0830752376761712,
    -0.04364205888669792,
    0.0016130716680617086,
    -4.762336934468488e-05,
    1.1516037795137051e-06,
    -2.3472291635348667e-08,
    4.127025421149766e-10,
    -6.374417501930906e-12,
    8.774530776451494e-14,
    -1.0893748314600193e-15,
    1.2306848762872106e-17,
];
#[allow(clippy::excessive_precision)] // coefficients as published, digit for digit
const ERFC_TAIL_F32: [f64; 10] = [
    0.49727052469627453,
    0.21279464366531117,
    0.056298789797400585,
    0.005213574466499982,
    -0.0016891064346722243,
    -0.0003860594657496976,
    9.546535121836862e-05,
    2.3091078668386905e-05,
    -7.0228965396843225e-06,
    -9.713010044932584e-07,
];
#[allow(clippy::excessive_precision)] // coefficients as published, digit for digit
const ERFC_TAIL_F64: [f64; 23] = [
    0.4677658877753235,
    0.22528629878352988,
    0.07048019404186603,
    0.009137105546315053,
    -0.002371140799454411,
    -0.0008986913189569246,
    0.00015469009465902828,
    8.317191924081677e-05,
    -2.0639040220323684e-05,
    -7.369676829319325e-06,
    3.512985150223553e-06,
    3.4591770951596675e-07,
    -5.49887752296257e-07,
    7.986268786170256e-08,
    6.125674025963635e-08,
    -3.038487882941412e-08,
    -4.728690001959053e-10,
    5.5356960387142825e-09,
    -1.7550058295468789e-09,
    -5.402419785948394e-10,
    4.255913116601108e-10,
    1.477242305335509e-11,
    -4.1915687339772334e-11,
];

const F32: Consts = Consts {
    ln2_hi: 0.693_359_375,
    ln2_lo: -2.121_944_4e-4,
    round: 12_582_912.0,
    exp_lo: -120.0,
    exp_hi: 89.0,
    expm1_lo: -18.0,
    tanh_hi: 10.0,
    taylor: INV_FACT.split_at(8).0,
    split: 4097.0,
    erfc_zmax: 10.5,
    erf_small: &ERF_SMALL_F32,
    erfc_tail: &ERFC_TAIL_F32,
    erfc_t0: 2.0 / 12.5,
};

#[allow(clippy::excessive_precision)] // coefficients as published, digit for digit
const F64: Consts = Consts {
    ln2_hi: 6.931_471_803_691_238_164_90e-01,
    ln2_lo: 1.908_214_929_270_587_700_02e-10,
    round: 6_755_399_441_055_744.0,
    exp_lo: -760.0,
    exp_hi: 710.0,
    expm1_lo: -40.0,
    tanh_hi: 20.0,
    taylor: &INV_FACT,
    split: 134_217_729.0,
    erfc_zmax: 27.5,
    erf_small: &ERF_SMALL_F64,
    erfc_tail: &ERFC_TAIL_F64,
    erfc_t0: 2.0 / 29.5,
};

#[inline(always)]
fn consts<S: Simd>() -> &'static Consts {
    if <S::T as Sealed>::IS_F64 {
        &F64
    } else {
        &F32
    }
}

/// Every lane `x` (rounded to the element type).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn k<S: Simd>(x: f64) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { S::splat(<S::T as Sealed>::from_f64(x)) }
}

/// `sum cs[i] w^i` by Horner's rule.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn horner<S: Simd>(cs: &[f64], w: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let (last, rest) = cs.split_last().unwrap_or((&0.0, &[]));
        let mut acc = k::<S>(*last);
        for &c in rest.iter().rev() {
            acc = S::fma(acc, w, k::<S>(c));
        }
        acc
    }
}

/// `round(v)` for `|v| < 2^(mantissa bits - 1)` (round half to even).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn round<S: Simd>(v: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let m = k::<S>(consts::<S>().round);
        S::sub(S::add(v, m), m)
    }
}

/// Cody-Waite reduction of `min(hi, max(lo, x))`: `(n, r)` with `x = n ln2 + r`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn reduce<S: Simd>(x: S::V, lo: f64, hi: f64) -> (S::V, S::V) {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let xc = S::min(k::<S>(hi), S::max(k::<S>(lo), x));
        let n = round::<S>(S::mul(xc, k::<S>(core::f64::consts::LOG2_E)));
        let r = S::fma(n, k::<S>(-c.ln2_hi), xc);
        let r = S::fma(n, k::<S>(-c.ln2_lo), r);
        (n, r)
    }
}

/// `(e^r - 1) / r` on the reduced range.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn q<S: Simd>(r: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { horner::<S>(consts::<S>().taylor, r) }
}

/// `v * 2^n` for integer-valued `n` in the clamped range, in two exact-or-once-rounded steps.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn scale<S: Simd>(v: S::V, n: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let n1 = round::<S>(S::mul(n, k::<S>(0.5)));
        let n2 = S::sub(n, n1);
        S::mul(S::mul(v, S::pow2i(n1)), S::pow2i(n2))
    }
}

/// `y * e^(x + x_lo)` (`x_lo` a small correction to `x`), with `y` applied before the final
/// scaling so that tiny results round once.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn exp_mul<S: Simd>(x: S::V, x_lo: S::V, y: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let (n, r) = reduce::<S>(x, c.exp_lo, c.exp_hi);
        let r = S::add(r, x_lo);
        let e = S::fma(r, q::<S>(r), k::<S>(1.0));
        scale::<S>(S::mul(e, y), n)
    }
}

/// `e^x`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn exp<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let (n, r) = reduce::<S>(x, c.exp_lo, c.exp_hi);
        scale::<S>(S::fma(r, q::<S>(r), k::<S>(1.0)), n)
    }
}

/// `e^x - 1`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn expm1<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let (n, r) = reduce::<S>(x, c.expm1_lo, c.exp_hi);
        let p = S::mul(r, q::<S>(r));
        let s = S::pow2i(S::sub(n, k::<S>(1.0)));
        let v = S::mul(k::<S>(2.0), S::fma(s, p, S::sub(s, k::<S>(0.5))));
        // expm1(-0) = -0 (the sum above gives +0).
        S::select(S::lt(S::abs(x), k::<S>(f64::MIN_POSITIVE)), x, v)
    }
}

/// `tanh(x)`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn tanh<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let a = S::min(k::<S>(consts::<S>().tanh_hi), S::abs(x));
        let e = expm1::<S>(S::add(a, a));
        S::copysign(S::div(e, S::add(e, k::<S>(2.0))), x)
    }
}

/// `y * sigmoid(a)`; `y` must not exceed `|a|` in magnitude where `a` is below the exp clamp
/// (callers clamp `y`).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn mul_sigmoid<S: Simd>(y: S::V, a: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let (n, r) = reduce::<S>(S::sub(k::<S>(0.0), S::abs(a)), c.exp_lo, c.exp_hi);
        let er = S::fma(r, q::<S>(r), k::<S>(1.0));
        let e = scale::<S>(er, n);
        let qd = S::div(y, S::add(k::<S>(1.0), e));
        S::select(S::lt(a, k::<S>(0.0)), scale::<S>(S::mul(er, qd), n), qd)
    }
}

/// `1 / (1 + e^-x)`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn sigmoid<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { mul_sigmoid::<S>(k::<S>(1.0), x) }
}

/// `x * sigmoid(x)` (swish / SiLU).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn silu<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { mul_sigmoid::<S>(S::max(k::<S>(consts::<S>().exp_lo), x), x) }
}

/// The exact square of `v` as `(hi, lo)` (Veltkamp split: `hi` exact, `lo` a rounded
/// correction).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn square<S: Simd>(v: S::V) -> (S::V, S::V) {
    // SAFETY: forwarded contract.
    unsafe {
        let c = S::mul(k::<S>(consts::<S>().split), v);
        let vh = S::sub(c, S::sub(c, v));
        let vl = S::sub(v, vh);
        (S::mul(vh, vh), S::mul(vl, S::add(vh, v)))
    }
}

/// `m * erfc(z)` for `z >= 1/2` (clamped to the underflow point), where `sq = (hi, lo)` is
/// `z^2` in two parts.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn erfc_tail<S: Simd>(z: S::V, (hi, lo): (S::V, S::V), m: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let t = S::div(k::<S>(2.0), S::add(k::<S>(2.0), z));
        let width = 0.8 - c.erfc_t0;
        let w = S::fma(t, k::<S>(2.0 / width), k::<S>(-(0.8 + c.erfc_t0) / width));
        let h = horner::<S>(c.erfc_tail, w);
        let zero = k::<S>(0.0);
        exp_mul::<S>(S::sub(zero, hi), S::sub(zero, lo), S::mul(m, S::mul(t, h)))
    }
}

/// `erf(z) / z` for `|z| < 1/2`, from `z^2`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
unsafe fn erf_small<S: Simd>(z2: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { horner::<S>(consts::<S>().erf_small, S::fma(z2, k::<S>(8.0), k::<S>(-1.0))) }
}

/// `erf(x)` (GELU inlines its own use of the pieces; the tests check this one).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) unsafe fn erf<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let z = S::abs(x);
        let small = S::mul(z, erf_small::<S>(S::mul(z, z)));
        let zc = S::min(k::<S>(consts::<S>().erfc_zmax), z);
        let big = S::sub(k::<S>(1.0), erfc_tail::<S>(zc, square::<S>(zc), k::<S>(1.0)));
        S::copysign(S::select(S::lt(z, k::<S>(0.5)), small, big), x)
    }
}

/// `x Phi(x) = x/2 erfc(-x/sqrt 2)` (exact GELU).
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn gelu<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        let c = consts::<S>();
        let rs2 = k::<S>(core::f64::consts::FRAC_1_SQRT_2);
        let half = k::<S>(0.5);
        let zs = S::mul(x, rs2);
        let hx = S::mul(half, x);
        // |x| < 1/sqrt(2): x/2 (1 + erf(x/sqrt 2)).
        let small = S::fma(hx, S::mul(zs, erf_small::<S>(S::mul(zs, zs))), hx);
        // Otherwise through erfc(|x|/sqrt 2), with x^2/2 formed exactly from x.
        let xmax = c.erfc_zmax * core::f64::consts::SQRT_2;
        let xc = S::min(k::<S>(xmax), S::max(k::<S>(-xmax), x));
        let ac = S::abs(xc);
        let (sh, sl) = square::<S>(ac);
        let e = erfc_tail::<S>(S::mul(ac, rs2), (S::mul(half, sh), S::mul(half, sl)), S::mul(half, xc));
        let big = S::select(S::lt(x, k::<S>(0.0)), e, S::sub(x, e));
        S::select(S::lt(S::abs(zs), half), small, big)
    }
}

/// `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`, as `x sigmoid(2 sqrt(2/pi) (...))`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn gelu_tanh<S: Simd>(x: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        // 2 sqrt(2/pi) and 2 sqrt(2/pi) 0.044715.
        let c1 = 1.595_769_121_605_730_7;
        let c2 = c1 * 0.044_715;
        let a = S::mul(x, S::fma(k::<S>(c2), S::mul(x, x), k::<S>(c1)));
        mul_sigmoid::<S>(S::max(k::<S>(consts::<S>().exp_lo), x), a)
    }
}

/// `x < 0 ? alpha (e^x - 1) : x`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn elu<S: Simd>(x: S::V, alpha: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { S::select(S::lt(x, k::<S>(0.0)), S::mul(alpha, expm1::<S>(x)), x) }
}

/// `x > 0 ? x : slope x`.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn leaky_relu<S: Simd>(x: S::V, slope: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe { S::select(S::lt(k::<S>(0.0), x), x, S::mul(slope, x)) }
}

/// Applies the element-wise activation `act` to every vector of `regs` (softmax and linear
/// leave them unchanged). Matches on `act` once.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn apply_regs<S: Simd>(act: Activation, regs: &mut [S::V]) {
    macro_rules! each {
        (|$v:ident| $e:expr) => {
            for $v in regs.iter_mut() {
                *$v = $e;
            }
        };
    }
    let t = <S::T as Sealed>::from_f64;
    // SAFETY: forwarded contract.
    unsafe {
        match act {
            Activation::Linear | Activation::Softmax => {}
            Activation::Relu => each!(|v| S::relu(*v)),
            Activation::LeakyRelu(s) => {
                let s = S::splat(t(s));
                each!(|v| leaky_relu::<S>(*v, s))
            }
            Activation::Elu(a) => {
                let a = S::splat(t(a));
                each!(|v| elu::<S>(*v, a))
            }
            Activation::Gelu => each!(|v| gelu::<S>(*v)),
            Activation::GeluTanh => each!(|v| gelu_tanh::<S>(*v)),
            Activation::Sigmoid => each!(|v| sigmoid::<S>(*v)),
            Activation::Tanh => each!(|v| tanh::<S>(*v)),
            Activation::Silu => each!(|v| silu::<S>(*v)),
        }
    }
}

/// [`apply_regs`] on a tile of accumulators taken and returned by value.
///
/// Kernels call this, never [`apply_regs`] on their accumulator array itself: taking that
/// array's address makes LLVM keep it in memory, storing every accumulator after each FMA of the
/// reduction loop (a third of the FMA rate on Zen 4). The copy here costs a few moves per tile.
///
/// # Safety
/// The instruction set of `S` is available.
#[inline(always)]
pub(crate) unsafe fn activated<S: Simd, const R: usize, const N: usize>(
    act: Activation,
    mut tile: [[S::V; N]; R],
) -> [[S::V; N]; R] {
    // SAFETY: forwarded contract.
    unsafe { apply_regs::<S>(act, tile.as_flattened_mut()) };
    tile
}

/// Functions for the tests, one at a time.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Exp,
    Expm1,
    Tanh,
    Sigmoid,
    Erf,
}

/// Applies a test function to one vector.
///
/// # Safety
/// The instruction set of `S` is available.
#[cfg(test)]
#[inline(always)]
pub(crate) unsafe fn apply_func<S: Simd>(f: Func, v: S::V) -> S::V {
    // SAFETY: forwarded contract.
    unsafe {
        match f {
            Func::Exp => exp::<S>(v),
            Func::Expm1 => expm1::<S>(v),
            Func::Tanh => tanh::<S>(v),
            Func::Sigmoid => sigmoid::<S>(v),
            Func::Erf => erf::<S>(v),
        }
    }
}
