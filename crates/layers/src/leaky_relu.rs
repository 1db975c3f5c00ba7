//! `LeakyReLU` as a layer.

use shaped_shapes::Shape;
use shaped_tensor::{Tensor, Workspace};

use crate::argument::ArgumentError;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// `x` for `x > 0`, `negative_slope * x` otherwise (TensorFlow's `LeakyRelu` kernel:
/// `x > 0 ? x : x * negative_slope`; NaN propagates).
///
/// **Keras equivalent:** `keras.layers.LeakyReLU(negative_slope=0.3)` (the layer's default is
/// 0.3; the activation string `"leaky_relu"` uses 0.2). **PyTorch equivalent:**
/// `nn.LeakyReLU(negative_slope=0.01)`.
///
/// ```
/// use shaped::layers::{Layer, LeakyReLU};
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![1, 3]>::from_vec(vec![-2.0, 0.0, 3.0])?;
/// assert_eq!(LeakyReLU::new().forward(&x).as_slice(), &[-0.6, 0.0, 3.0]);
/// assert_eq!(LeakyReLU::with_slope(0.5)?.forward(&x).as_slice(), &[-1.0, 0.0, 3.0]);
/// assert!(LeakyReLU::with_slope(-0.1).is_err()); // Keras raises a ValueError
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeakyReLU {
    negative_slope: f64,
}

impl Default for LeakyReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl LeakyReLU {
    /// `LeakyReLU()`: negative slope 0.3.
    #[must_use]
    pub fn new() -> Self {
        Self { negative_slope: 0.3 }
    }

    /// `LeakyReLU(negative_slope)`.
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] for a negative (or NaN) slope, as Keras raises.
    pub fn with_slope(negative_slope: f64) -> Result<Self, ArgumentError> {
        ArgumentError::check(
            negative_slope >= 0.0,
            "LeakyReLU",
            "negative_slope",
            negative_slope,
            "a number >= 0",
        )?;
        Ok(Self { negative_slope })
    }

    /// `negative_slope`.
    #[must_use]
    pub fn negative_slope(&self) -> f64 {
        self.negative_slope
    }
}

impl LayerInfo for LeakyReLU {
    fn name(&self) -> String {
        format!("LeakyReLU({})", self.negative_slope)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for LeakyReLU {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        let slope: E = num_traits::cast(self.negative_slope).unwrap_or_else(E::zero);
        let mut y = ws.copy_of(x);
        for v in y.as_mut_slice() {
            // x > 0 ? x : x * slope (NaN takes the second branch and stays NaN).
            if (*v).partial_cmp(&E::zero()) != Some(core::cmp::Ordering::Greater) {
                *v = *v * slope;
            }
        }
        y
    }
}
