//! Regression losses: mean squared error, mean absolute error, Huber.

use shaped_layers::Float;
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use super::{e, f, Loss};

/// Mean over every element of `loss(y - t)`, and its gradient `d(y - t) / n`.
fn elementwise<E: Float>(
    y: &[E],
    t: &[E],
    grad: Option<&mut [E]>,
    loss: impl Fn(f64) -> f64,
    d: impl Fn(f64) -> f64,
) -> f64 {
    if y.is_empty() {
        return 0.0;
    }
    let scale = 1.0 / y.len() as f64;
    let total: f64 = y.iter().zip(t).map(|(&a, &b)| loss(f(a) - f(b))).sum();
    if let Some(g) = grad {
        for ((g, &a), &b) in g.iter_mut().zip(y).zip(t) {
            *g = e(d(f(a) - f(b)) * scale);
        }
    }
    total * scale
}

macro_rules! regression_loss {
    ($(#[$doc:meta])* $name:ident, $keras:literal, |$s:ident, $r:ident| $loss:expr, |$s2:ident, $r2:ident| $grad:expr) => {
        impl<E: Float, S: Shape> Loss<Tensor<E, S>, Tensor<E, S>> for $name {
            fn name(&self) -> &'static str {
                $keras
            }
            fn value(&self, y: &Tensor<E, S>, target: &Tensor<E, S>) -> f64 {
                let $s = self;
                elementwise(y.as_slice(), target.as_slice(), None, |$r| $loss, |_| 0.0)
            }
            fn value_and_grad(
                &self,
                y: &Tensor<E, S>,
                target: &Tensor<E, S>,
                grad: &mut Tensor<E, S>,
            ) -> f64 {
                let ($s, $s2) = (self, self);
                elementwise(
                    y.as_slice(),
                    target.as_slice(),
                    Some(grad.as_mut_slice()),
                    |$r| $loss,
                    |$r2| $grad,
                )
            }
        }
    };
}

/// Keras's `MeanSquaredError()`: `mean((y - t)^2)` over the last axis, then over the batch.
///
/// Targets must have the output's shape: labels of shape `(batch, 1)` for an output of
/// `(batch, steps, 1)`, which Keras broadcasts over the time steps without a word, do not
/// compile.
///
/// ```
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// use shaped::train::loss::{Loss, MeanSquaredError};
/// let y = Tensor::<f64, shape![1, 2]>::from_vec(vec![1.0, 3.0])?;
/// let t = Tensor::<f64, shape![1, 2]>::from_vec(vec![0.0, 1.0])?;
/// assert_eq!(MeanSquaredError.value(&y, &t), 2.5);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeanSquaredError;

impl MeanSquaredError {
    /// The loss (Keras `MeanSquaredError()`; the unit value `MeanSquaredError` is the same).
    #[must_use]
    pub const fn new() -> Self {
        Self
    }
}

regression_loss!(MeanSquaredError, "mean_squared_error", |_s, r| r * r, |_t, r| 2.0 * r);

/// Keras's `MeanAbsoluteError()`: `mean(|y - t|)`; its gradient at 0 is 0 (TensorFlow's sign).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeanAbsoluteError;

impl MeanAbsoluteError {
    /// The loss (Keras `MeanAbsoluteError()`; the unit value `MeanAbsoluteError` is the same).
    #[must_use]
    pub const fn new() -> Self {
        Self
    }
}

regression_loss!(MeanAbsoluteError, "mean_absolute_error", |_s, r| r.abs(), |_t, r| if r > 0.0 {
    1.0
} else if r < 0.0 {
    -1.0
} else {
    0.0 * r
});

/// Keras's `Huber(delta=1.0)`: `0.5 r^2` where `|r| <= delta`, `delta (|r| - 0.5 delta)`
/// elsewhere, with `r = y - t`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Huber {
    delta: f64,
}

impl Huber {
    /// Keras's default, `delta = 1`.
    pub fn new() -> Self {
        Self { delta: 1.0 }
    }

    /// Another `delta`.
    #[must_use]
    pub fn delta(delta: f64) -> Self {
        Self { delta }
    }
}

impl Default for Huber {
    fn default() -> Self {
        Self::new()
    }
}

regression_loss!(
    Huber,
    "huber_loss",
    |s, r| if r.abs() <= s.delta { 0.5 * r * r } else { s.delta * r.abs() - 0.5 * s.delta * s.delta },
    |t, r| if r.abs() <= t.delta { r } else { t.delta * r.signum() }
);
