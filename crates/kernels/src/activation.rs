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
//! use shaped::kernels::{activation, Activation};
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
    T::kernels().activation(isa.or_portable(), act, data, row_len);
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

/// The activation's backward pass: turns `grad`, the gradient with respect to the activation's
/// output, into the gradient with respect to its input, in place.
///
/// `input` is what the activation was applied to and `output` what it gave (both the length of
/// `grad`); each derivative reads whichever is exact and cheap (relu and leaky relu the sign of
/// the input, sigmoid and tanh the output, GELU and silu the input). Softmax works on rows of
/// `row_len`: `g_i <- y_i (g_i - sum_j g_j y_j)`.
///
/// Linear, relu, leaky relu, sigmoid and tanh run on vectors of [`Isa::detected`]'s path, in
/// `T` (relu and linear exactly as the `f64` loop, the others within a few ulp of it; tanh as
/// `(1 - y)(1 + y)`, which is more accurate than `1 - y^2` near saturation); the others are
/// computed in `f64` and rounded to `T`, as [`backward_scalar`] does for all.
///
/// ```
/// use shaped::kernels::{activation, Activation};
/// let x = [-1.0f64, 2.0];
/// let mut y = x;
/// activation::apply(Activation::Tanh, &mut y, 2);
/// let mut g = [1.0, 1.0];
/// activation::backward(Activation::Tanh, &x, &y, &mut g, 2);
/// assert!((g[0] - (1.0 - (-1.0f64).tanh().powi(2))).abs() < 1e-15);
/// ```
///
/// # Panics
/// If `input`, `output` and `grad` differ in length.
pub fn backward<T: Scalar>(act: Activation, input: &[T], output: &[T], grad: &mut [T], row_len: usize) {
    backward_with_isa(Isa::detected(), act, input, output, grad, row_len);
}

/// [`backward`] on `isa` ([`Isa::Portable`] if this CPU lacks it).
///
/// # Panics
/// If `input`, `output` and `grad` differ in length.
pub fn backward_with_isa<T: Scalar>(
    isa: Isa,
    act: Activation,
    input: &[T],
    output: &[T],
    grad: &mut [T],
    row_len: usize,
) {
    if crate::backward::activation::vectorised(act) {
        assert!(
            input.len() == grad.len() && output.len() == grad.len(),
            "activation backward: input {}, output {} and gradient {} elements differ",
            input.len(),
            output.len(),
            grad.len()
        );
        T::kernels().backward_activation(isa.or_portable(), act, input, output, grad);
    } else {
        backward_scalar(act, input, output, grad, row_len);
    }
}

/// The scalar reference of [`backward`]: every derivative computed in `f64`, rounded to `T`.
///
/// # Panics
/// If `input`, `output` and `grad` differ in length.
pub fn backward_scalar<T: Scalar>(
    act: Activation,
    input: &[T],
    output: &[T],
    grad: &mut [T],
    row_len: usize,
) {
    assert!(
        input.len() == grad.len() && output.len() == grad.len(),
        "activation backward: input {}, output {} and gradient {} elements differ",
        input.len(),
        output.len(),
        grad.len()
    );
    let to = |x: T| x.to_f64().unwrap_or(f64::NAN);
    let of = |x: f64| T::from(x).unwrap_or_else(T::nan);
    if let Activation::Softmax = act {
        let row = row_len.max(1);
        for (g, y) in grad.chunks_mut(row).zip(output.chunks(row)) {
            let dot: f64 = g.iter().zip(y).map(|(&g, &y)| to(g) * to(y)).sum();
            for (g, &y) in g.iter_mut().zip(y) {
                *g = of(to(y) * (to(*g) - dot));
            }
        }
        return;
    }
    for ((g, &x), &y) in grad.iter_mut().zip(input).zip(output) {
        *g = of(to(*g) * derivative(act, to(x), to(y)));
    }
}

/// The derivative of an element-wise activation at input `x` with output `y`.
pub(crate) fn derivative(act: Activation, x: f64, y: f64) -> f64 {
    use core::f64::consts::{FRAC_1_SQRT_2, PI};
    let sigmoid = |x: f64| {
        if x >= 0.0 {
            1.0 / (1.0 + (-x).exp())
        } else {
            let e = x.exp();
            e / (1.0 + e)
        }
    };
    match act {
        Activation::Linear | Activation::Softmax => 1.0,
        // TensorFlow's ReluGrad: the gradient passes where the input is positive.
        Activation::Relu => {
            if x > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        Activation::LeakyRelu(s) => {
            if x > 0.0 {
                1.0
            } else {
                s
            }
        }
        // TensorFlow's EluGrad: `y + alpha` where the output is negative.
        Activation::Elu(a) => {
            if y < 0.0 {
                y + a
            } else {
                1.0
            }
        }
        Activation::Gelu => {
            let cdf = 0.5 * libm::erfc(-x * FRAC_1_SQRT_2);
            let pdf = (-0.5 * x * x).exp() / (2.0 * PI).sqrt();
            cdf + x * pdf
        }
        Activation::GeluTanh => {
            let c = (2.0 / PI).sqrt();
            let u = c * (x + 0.044715 * x * x * x);
            let t = u.tanh();
            0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * c * (1.0 + 3.0 * 0.044715 * x * x)
        }
        Activation::Sigmoid => y * (1.0 - y),
        Activation::Tanh => 1.0 - y * y,
        Activation::Silu => {
            let s = sigmoid(x);
            s * (1.0 + x * (1.0 - s))
        }
    }
}
