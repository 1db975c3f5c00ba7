//! Activation functions, as a layer argument and as a layer.
//!
//! **Keras equivalent:** `activation="relu"` on a layer, or `keras.layers.Activation("relu")`,
//! `ReLU()`, `LeakyReLU(negative_slope)`, `ELU()`, `Softmax()`.

use shaped_shapes::Shape;
use shaped_tensor::{Tensor, Workspace};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// An activation function.
///
/// Softmax applies over the last axis (Keras's default `axis=-1`), subtracting the maximum
/// first so that large inputs do not overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Activation {
    /// The identity (`None` / `"linear"`).
    #[default]
    Linear,
    /// `max(x, 0)`.
    Relu,
    /// `x` for `x > 0`, `negative_slope * x` otherwise (Keras's `"leaky_relu"` uses 0.2,
    /// `LeakyReLU()` 0.3).
    LeakyRelu(f64),
    /// `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise (Keras's default alpha is 1).
    Elu(f64),
    /// `x * Phi(x)` with the exact normal CDF (`gelu(approximate=False)`, Keras's default).
    Gelu,
    /// The tanh approximation of GELU (`gelu(approximate=True)`).
    GeluTanh,
    /// `1 / (1 + exp(-x))`.
    Sigmoid,
    /// `tanh(x)`.
    Tanh,
    /// `exp(x - max) / sum(exp(x - max))` over the last axis.
    Softmax,
}

impl Activation {
    /// Keras's name of the activation.
    pub fn keras_name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Relu => "relu",
            Activation::LeakyRelu(_) => "leaky_relu",
            Activation::Elu(_) => "elu",
            Activation::Gelu | Activation::GeluTanh => "gelu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softmax => "softmax",
        }
    }

    /// The activation the Conv1D kernel can fuse, if this one is fusable.
    pub(crate) fn fused(self) -> Option<shaped_kernels::Activation> {
        match self {
            Activation::Linear => Some(shaped_kernels::Activation::Linear),
            Activation::Relu => Some(shaped_kernels::Activation::Relu),
            _ => None,
        }
    }

    /// Applies the activation in place to rows of `last` elements (the last axis).
    pub fn apply_in_place<E: Float>(self, data: &mut [E], last: usize) {
        let c = |v: f64| -> E { num_traits::cast(v).unwrap_or_else(E::nan) };
        match self {
            Activation::Linear => {}
            Activation::Relu => data.iter_mut().for_each(|x| *x = x.max(E::zero())),
            Activation::LeakyRelu(slope) => {
                let s = c(slope);
                data.iter_mut().for_each(|x| {
                    if *x < E::zero() {
                        *x = *x * s;
                    }
                });
            }
            Activation::Elu(alpha) => {
                let a = c(alpha);
                data.iter_mut().for_each(|x| {
                    if *x <= E::zero() {
                        *x = a * x.exp_m1();
                    }
                });
            }
            Activation::Gelu => data.iter_mut().for_each(|x| {
                let v = x.to_f64().unwrap_or(f64::NAN);
                *x = c(0.5 * v * (1.0 + libm::erf(v / core::f64::consts::SQRT_2)));
            }),
            Activation::GeluTanh => data.iter_mut().for_each(|x| {
                let v = x.to_f64().unwrap_or(f64::NAN);
                let inner = (2.0 / core::f64::consts::PI).sqrt() * (v + 0.044715 * v * v * v);
                *x = c(0.5 * v * (1.0 + inner.tanh()));
            }),
            Activation::Sigmoid => data.iter_mut().for_each(|x| {
                // Split by sign so exp never overflows.
                *x = if *x >= E::zero() {
                    E::one() / (E::one() + (-*x).exp())
                } else {
                    let e = x.exp();
                    e / (E::one() + e)
                };
            }),
            Activation::Tanh => data.iter_mut().for_each(|x| *x = x.tanh()),
            Activation::Softmax => {
                for row in data.chunks_exact_mut(last.max(1)) {
                    let max = row.iter().copied().fold(E::neg_infinity(), E::max);
                    let mut sum = E::zero();
                    for x in row.iter_mut() {
                        *x = (*x - max).exp();
                        sum = sum + *x;
                    }
                    row.iter_mut().for_each(|x| *x = *x / sum);
                }
            }
        }
    }
}

impl LayerInfo for Activation {
    fn name(&self) -> String {
        format!("Activation({})", self.keras_name())
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for Activation {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        let mut y = ws.copy_of(x);
        let last = S::SAMPLE_DIMS.last().copied().unwrap_or(1);
        self.apply_in_place(y.as_mut_slice(), last);
        y
    }
}
