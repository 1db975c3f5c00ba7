//! The common activations' derivatives on vectors, for
//! [`activation::backward`](crate::activation::backward): linear, relu, leaky relu (from the
//! sign of the input), sigmoid and tanh (from the output), computed in `T`.
//!
//! Relu and linear are exact (the gradient times 1 or 0, so NaN and infinity stay as the f64
//! loop gives them); leaky relu rounds the slope to `T` first (at most about 1.5 ulp from the
//! f64 loop); sigmoid is `g * (y * (1 - y))` and tanh `g * ((1 - y) * (1 + y))` (no cancellation
//! near `|y| = 1`: the factor at 1 is exact by Sterbenz), a few ulp.

use crate::simd::Simd;
use crate::Activation;

/// Whether [`apply`] handles `act`.
pub(crate) fn vectorised(act: Activation) -> bool {
    matches!(
        act,
        Activation::Linear
            | Activation::Relu
            | Activation::LeakyRelu(_)
            | Activation::Sigmoid
            | Activation::Tanh
    )
}

/// `grad <- grad * act'(input or output)`, for the activations of [`vectorised`].
///
/// # Safety
/// The CPU must support the instruction set of `S`.
#[inline(always)]
pub(crate) unsafe fn apply<S: Simd>(act: Activation, x: &[S::T], y: &[S::T], g: &mut [S::T]) {
    use crate::scalar::sealed::Sealed;
    let l = S::LANES;
    assert!(x.len() == g.len() && y.len() == g.len() && l <= 64);
    let slope = match act {
        Activation::LeakyRelu(s) => <S::T as Sealed>::from_f64(s),
        _ => S::T::default(),
    };
    let n = g.len();
    let mut i = 0;
    while i < n {
        let m = l.min(n - i);
        let (mut xb, mut yb, mut gb) = ([S::T::default(); 64], [S::T::default(); 64], [S::T::default(); 64]);
        xb[..m].copy_from_slice(&x[i..i + m]);
        yb[..m].copy_from_slice(&y[i..i + m]);
        gb[..m].copy_from_slice(&g[i..i + m]);
        // SAFETY: the buffers hold 64 >= LANES elements; the instruction set is available.
        unsafe {
            let (xv, yv, gv) = (S::load(xb.as_ptr()), S::load(yb.as_ptr()), S::load(gb.as_ptr()));
            let zero = S::splat(S::T::default());
            let one = S::splat(<S::T as Sealed>::from_f64(1.0));
            let out = match act {
                Activation::Relu => S::mul(gv, S::select(S::lt(zero, xv), one, zero)),
                Activation::LeakyRelu(_) => S::mul(gv, S::select(S::lt(zero, xv), one, S::splat(slope))),
                Activation::Sigmoid => S::mul(gv, S::mul(yv, S::sub(one, yv))),
                Activation::Tanh => S::mul(gv, S::mul(S::sub(one, yv), S::add(one, yv))),
                _ => gv,
            };
            S::store(gb.as_mut_ptr(), out);
        }
        g[i..i + m].copy_from_slice(&gb[..m]);
        i += m;
    }
}
