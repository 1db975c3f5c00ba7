//! `ReLU` as a layer, with Keras's `max_value`, `negative_slope` and `threshold`.

use shaped_shapes::Shape;
use shaped_tensor::{Tensor, Workspace};

use crate::argument::ArgumentError;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// `max(x, 0)`, or with its arguments: `x` above `threshold` (else 0), clipped at `max_value`,
/// minus `negative_slope * relu(threshold - x)` below the threshold, exactly as Keras computes
/// it (`keras.activations.relu`: with a slope and neither of the others, a leaky ReLU; with
/// `max_value=6` and no threshold, TensorFlow's `relu6`).
///
/// **Keras equivalent:** `keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)`.
/// **PyTorch equivalent:** `nn.ReLU()`, `nn.ReLU6()` (`max_value=6`), `nn.Threshold`.
///
/// **NaN:** propagated (NaN in gives NaN out) except with a `threshold` and no slope, where
/// Keras's `where(x > threshold, x, 0)` gives 0.
///
/// ```
/// use shaped::layers::{Layer, ReLU};
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// // Keras: ReLU(max_value=6.0, negative_slope=0.1, threshold=1.0)
/// let relu = ReLU::with_args(Some(6.0), 0.1, 1.0)?;
/// let x = Tensor::<f32, shape![1, 4]>::from_vec(vec![-2.0, 0.5, 3.0, 10.0])?;
/// assert_eq!(relu.forward(&x).as_slice(), &[-0.3, -0.05, 3.0, 6.0]);
/// assert!(ReLU::with_args(Some(-1.0), 0.0, 0.0).is_err()); // Keras raises a ValueError
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReLU {
    max_value: Option<f64>,
    negative_slope: f64,
    threshold: f64,
}

impl Default for ReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl ReLU {
    /// `ReLU()`: `max(x, 0)`.
    #[must_use]
    pub fn new() -> Self {
        Self { max_value: None, negative_slope: 0.0, threshold: 0.0 }
    }

    /// `ReLU(max_value, negative_slope, threshold)`.
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] for a negative (or NaN) `max_value`, `negative_slope` or `threshold`,
    /// as Keras raises.
    pub fn with_args(
        max_value: Option<f64>,
        negative_slope: f64,
        threshold: f64,
    ) -> Result<Self, ArgumentError> {
        if let Some(m) = max_value {
            ArgumentError::check(m >= 0.0, "ReLU", "max_value", m, "a number >= 0 (or None)")?;
        }
        ArgumentError::check(
            negative_slope >= 0.0,
            "ReLU",
            "negative_slope",
            negative_slope,
            "a number >= 0",
        )?;
        ArgumentError::check(threshold >= 0.0, "ReLU", "threshold", threshold, "a number >= 0")?;
        Ok(Self { max_value, negative_slope, threshold })
    }

    /// `max_value` (`None`: no clipping).
    #[must_use]
    pub fn max_value(&self) -> Option<f64> {
        self.max_value
    }

    /// `negative_slope`.
    #[must_use]
    pub fn negative_slope(&self) -> f64 {
        self.negative_slope
    }

    /// `threshold`.
    #[must_use]
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The function on one value, in Keras's order of operations.
    fn apply<E: Float>(&self, x: E) -> E {
        let cast = |v: f64| -> E { num_traits::cast(v).unwrap_or_else(E::zero) };
        let relu = |v: E| if v > E::zero() || v.is_nan() { v } else { E::zero() };
        let slope = cast(self.negative_slope);
        if self.negative_slope != 0.0 && self.max_value.is_none() && self.threshold == 0.0 {
            // backend.nn.leaky_relu: x > 0 ? x : x * slope.
            return if x > E::zero() { x } else { x * slope };
        }
        let thr = cast(self.threshold);
        let negative_part = if self.threshold != 0.0 { relu(-x + thr) } else { relu(-x) };
        let mut clip_max = self.max_value.is_some();
        let mut y = if self.threshold != 0.0 {
            if x > thr {
                x
            } else {
                E::zero()
            }
        } else if self.max_value == Some(6.0) {
            clip_max = false;
            let six = cast(6.0);
            let r = relu(x);
            if r > six {
                six
            } else {
                r
            }
        } else {
            relu(x)
        };
        if clip_max {
            let m = cast(self.max_value.unwrap_or(0.0));
            if y < E::zero() {
                y = E::zero();
            } else if y > m {
                y = m;
            }
        }
        if self.negative_slope != 0.0 {
            y = y - slope * negative_part;
        }
        y
    }
}

impl LayerInfo for ReLU {
    fn name(&self) -> String {
        let mut args = Vec::new();
        if let Some(m) = self.max_value {
            args.push(format!("max_value={m}"));
        }
        if self.negative_slope != 0.0 {
            args.push(format!("negative_slope={}", self.negative_slope));
        }
        if self.threshold != 0.0 {
            args.push(format!("threshold={}", self.threshold));
        }
        if args.is_empty() {
            "ReLU".to_string()
        } else {
            format!("ReLU({})", args.join(", "))
        }
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for ReLU {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        let mut y = ws.copy_of(x);
        y.as_mut_slice().iter_mut().for_each(|v| *v = self.apply(*v));
        y
    }
}
