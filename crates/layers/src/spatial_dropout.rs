//! `SpatialDropout1D`: the identity at inference.

use core::ops::Mul;

use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned};

use crate::argument::ArgumentError;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Dropout of whole channels (the same channels dropped at every step of a sample) in
/// training; the identity at inference, which is what this layer computes.
///
/// **Keras equivalent:** `keras.layers.SpatialDropout1D(rate)` on `(batch, steps, channels)`;
/// at `predict` time it passes its input through unchanged. **PyTorch equivalent:**
/// `nn.Dropout1d(p)` on channels-first data.
///
/// The rate must be in `[0, 1)`: Keras also accepts `rate=1`, which in training drops
/// everything and scales by `1 / (1 - rate)` = infinity; shaped refuses it.
///
/// ```
/// use shaped::layers::{Layer, SpatialDropout1D};
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// let drop = SpatialDropout1D::new(0.25)?;
/// let x = Tensor::<f32, shape![1, 2, 2]>::from_vec(vec![1., 2., 3., 4.])?;
/// assert_eq!(drop.forward(&x), x);
/// let err = SpatialDropout1D::new(1.5).unwrap_err();
/// assert_eq!(err.to_string(), "SpatialDropout1D(rate=1.5): rate must be a number in [0, 1), got 1.5 (Keras raises a ValueError when the layer is built)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpatialDropout1D {
    rate: f64,
}

impl SpatialDropout1D {
    /// `SpatialDropout1D(rate)`.
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] for a rate outside `[0, 1)` (NaN included).
    pub fn new(rate: f64) -> Result<Self, ArgumentError> {
        ArgumentError::check(
            (0.0..1.0).contains(&rate),
            "SpatialDropout1D",
            "rate",
            rate,
            "a number in [0, 1)",
        )?;
        Ok(Self { rate })
    }

    /// The fraction of channels dropped in training.
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.rate
    }
}

impl LayerInfo for SpatialDropout1D {
    fn name(&self) -> String {
        format!("SpatialDropout1D({})", self.rate)
    }
    fn param_count(&self) -> usize {
        0
    }
}

/// Sequences only, as Keras's `InputSpec(ndim=3)`.
impl<E, B, L, C> Layer<Tensor<E, (B, L, C)>> for SpatialDropout1D
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim,
    Prod<L, C>: Unsigned,
{
    type Output = Tensor<E, (B, L, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        ws.copy_of(x)
    }
}
