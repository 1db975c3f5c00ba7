//! Activation functions over slices, vectorised on every instruction-set path.
//!
//! [`apply`] runs on [`Isa::detected`], [`apply_with_isa`] on a chosen path; both handle any
//! slice length (a partial last vector goes through a padded buffer). Each function is
//! accurate to a few ulp over its whole range (tiny and subnormal inputs, the overflow and
//! underflow limits of `exp`, the saturation of `tanh` and `sigmoid`, `±0`, `±inf`), and
//! follows TensorFlow's NaN policy: NaN in, NaN out, `relu(NaN) = NaN`; see [`Activation`].
//!
//! [`apply_scalar`] is the plain scalar loop (std/libm, computed in `f64`) the vectorised
//! functions are tested and benchmarked against.
//!
//! ```
//! use shaped_kernels::{activation, Activation};
//! let mut x = [-1.0f32, 0.0, 2.0, f32::NAN];
//! activation::apply(Activation::Relu, &mut x, 4);
//! assert_eq!(x[..3], [0.0, 0.0, 2.0]);
//! assert!(x[3].is_nan());
//! let mut row = [1.0f64, 2.0, 3.0];
//! activation::apply(Activation::Softmax, &mut row, 3);
//! assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-15);
//! ```

use crate::{Activation, Isa, Scalar};

/// Applies `act` in place to `data` on the path of [`Isa::detected`].
///
/// Element-wise activations ignore `row_len`; [`Activation::Softmax`] normalises each run of
/// `row_len` consecutive elements (the last axis; a shorter last run is normalised on its
/// own; 0 counts as 1).
pub fn apply<T: Scalar>(act: Activation, data: &mut [T], row_len: usize) {
    apply_with_isa(Isa::detected(), act, data, row_len);
}

/// [`apply`] on `isa` ([`Isa::Portable`] if this CPU lacks it).
pub fn apply_with_isa<T: Scalar>(isa: Isa, act: Activation, data: &mut [T], row_len: usize) {
    crate::simd::activation::apply(isa.or_portable(), act, data, row_len);
}

/// The scalar reference: each value through `f64` std/libm functions (`erf` from `libm`),
/// rounded back to `T`. Slow; for tests and benchmarks.
pub fn apply_scalar<T: Scalar>(act: Activation, data: &mut [T], row_len: usize) {
    let to = |x: T| x.to_f64().unwrap_or(f64::NAN);
    let of = |x: f64| T::from(x).unwrap_or_else(T::nan);
    match act {
        Activation::Softmax => {
            for row in data.chunks_mut(row_len.max(1)) {
                let m = row.iter().fold(f64::NEG_INFINITY, |m, &x| if to(x) > m { to(x) } else { m });
                let e: Vec<f64> = row.iter().map(|&x| (to(x) - m).exp()).collect();
                let s: f64 = e.iter().sum();
                for (x, e) in row.iter_mut().zip(e) {
                    *x = of(e / s);
                }
            }
        }
        _ => data.iter_mut().for_each(|x| *x = of(scalar(act, to(*x)))),
    }
}

/// One value of an element-wise activation in `f64` (softmax: 1).
pub(crate) fn scalar(act: Activation, x: f64) -> f64 {
    match act {
        Activation::Linear => x,
        Activation::Relu => {
            if x < 0.0 {
                0.0
            } else {
                x
            }
        }
        Activation::LeakyRelu(s) => {
            if x > 0.0 {
                x
            } else {
                s * x
            }
        }
        Activation::Elu(a) => {
            if x < 0.0 {
                a * x.exp_m1()
            } else {
                x
            }
        }
        Activation::Gelu => 0.5 * x * libm::erfc(-x * core::f64::consts::FRAC_1_SQRT_2),
        Activation::GeluTanh => {
            // 0.5 x (1 + tanh(u)) = x sigmoid(2u), without the cancellation for x << 0.
            let u = (2.0 / core::f64::consts::PI).sqrt() * (x + 0.044715 * x * x * x);
            let a = 2.0 * u;
            if a >= 0.0 {
                x / (1.0 + (-a).exp())
            } else {
                let e = a.exp();
                x * e / (1.0 + e)
            }
        }
        Activation::Sigmoid => {
            if x >= 0.0 {
                1.0 / (1.0 + (-x).exp())
            } else {
                let e = x.exp();
                e / (1.0 + e)
            }
        }
        Activation::Tanh => x.tanh(),
        Activation::Silu => {
            if x >= 0.0 {
                x / (1.0 + (-x).exp())
            } else {
                let e = x.exp();
                x * e / (1.0 + e)
            }
        }
        Activation::Softmax => {
            if x.is_nan() {
                x
            } else {
                1.0
            }
        }
    }
}
