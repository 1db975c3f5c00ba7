//! `Dropout`: the identity at inference; in training (`shaped-train`) a seeded mask.

use shaped_shapes::Shape;
use shaped_tensor::{Tensor, Workspace};

use crate::layer::{Layer, LayerInfo};
use crate::ArgumentError;
use crate::Float;

/// Dropout: the identity at inference; `shaped_train` drops a seeded random fraction `rate`
/// of the inputs in training, scaling the rest by `1 / (1 - rate)`.
///
/// **Keras equivalent:** `keras.layers.Dropout(rate)`; at `predict` time it passes its input
/// through unchanged. A rate outside `[0, 1)` is refused when the layer is built: at run time
/// by [`Dropout::new`]'s `Result`, at compile time for a literal with [`dropout!`](crate::dropout).
/// (Keras refuses rates outside `[0, 1]`; a rate of 1 drops everything and divides by zero.)
///
/// ```
/// use shaped::layers::{dropout, Dropout};
/// let d = Dropout::new(0.25)?;
/// assert_eq!(d.rate(), 0.25);
/// assert_eq!(dropout!(0.25), d);
/// assert!(Dropout::new(1.5).is_err());
/// # Ok::<(), shaped::layers::ArgumentError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dropout {
    rate: f64,
}

impl Dropout {
    /// A dropout layer of the given rate (kept for the summary and training; it does not act at
    /// inference).
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] when `rate` is not in `[0, 1)` (NaN included), as Keras's
    /// `ValueError: Invalid value received for argument rate`.
    pub const fn new(rate: f64) -> Result<Self, ArgumentError> {
        if rate >= 0.0 && rate < 1.0 {
            Ok(Self { rate })
        } else {
            Err(ArgumentError {
                layer: "Dropout",
                argument: "rate",
                expected: "in [0, 1)",
                actual: rate,
                keras: "Keras raises: \"Invalid value received for argument `rate`. Expected a float value between 0 and 1.\"",
            })
        }
    }

    /// A rate `dropout!` has checked; not for direct use.
    #[doc(hidden)]
    #[must_use]
    pub const fn __checked_rate(rate: f64) -> Self {
        Self { rate }
    }

    /// The fraction of inputs dropped in training.
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.rate
    }
}

/// A [`Dropout`] of a literal rate, checked when the macro expands: `dropout!(1.5)` does not
/// compile, and `cargo check` and the editor say why.
///
/// The form for declarations (`Dropout(x).with(dropout!(0.25))`) and literals; a rate known only
/// at run time goes through [`Dropout::new`] and its `Result`.
///
/// ```
/// use shaped::layers::dropout;
/// assert_eq!(dropout!(0.5).rate(), 0.5);
/// ```
///
/// ```compile_fail
/// use shaped::layers::dropout;
/// let _ = dropout!(1.5);
/// ```
#[macro_export]
macro_rules! dropout {
    ($rate:expr) => {
        $crate::__private::__dropout_literal!($crate; $rate)
    };
}

impl LayerInfo for Dropout {
    fn name(&self) -> String {
        format!("Dropout({})", self.rate)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for Dropout {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        ws.copy_of(x)
    }
}
