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
#[non_exhaustive]
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
    /// `gelu(-inf)` is -0 (the limit); TensorFlow computes `-inf * 0` there and gives NaN.
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
    #[must_use]
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
    /// The same function as the kernels name it (softmax included), for callers that drive
    /// the slice-level kernels (training's derivatives do).
    pub fn kernel_activation(self) -> shaped_kernels::Activation {
        self.fused().unwrap_or(shaped_kernels::Activation::Softmax)
    }

    pub(crate) fn fused(self) -> Option<shaped_kernels::Activation> {
        use shaped_kernels::Activation as K;
        // Every element-wise activation is fused; softmax needs whole rows (a separate pass).
        match self {
            Activation::Linear => Some(K::Linear),
            Activation::Relu => Some(K::Relu),
            Activation::LeakyRelu(slope) => Some(K::LeakyRelu(slope)),
            Activation::Elu(alpha) => Some(K::Elu(alpha)),
            Activation::Gelu => Some(K::Gelu),
            Activation::GeluTanh => Some(K::GeluTanh),
            Activation::Sigmoid => Some(K::Sigmoid),
            Activation::Tanh => Some(K::Tanh),
            Activation::Softmax => None,
        }
    }

    /// Applies the activation in place to rows of `last` elements (the last axis).
    pub fn apply_in_place<E: Float>(self, data: &mut [E], last: usize) {
        // The kernels' vectorised functions (TensorFlow's NaN policy: NaN in, NaN out); only
        // softmax is not fusable.
        let act = self.fused().unwrap_or(shaped_kernels::Activation::Softmax);
        shaped_kernels::activation::apply(act, data, last);
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
