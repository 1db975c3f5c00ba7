//! The error of a layer argument outside the range Keras accepts, for arguments that are
//! run-time numbers (rates, slopes, clipping values).

use core::fmt;

/// A layer argument outside the range Keras accepts (Keras raises a `ValueError` when the
/// layer is constructed); given by the constructors that take such numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgumentError {
    /// The Keras layer, e.g. `SpatialDropout1D`.
    pub layer: &'static str,
    /// The argument, as Keras names it, e.g. `rate`.
    pub argument: &'static str,
    /// The value given.
    pub value: String,
    /// What the argument must be, e.g. `a number in [0, 1)`.
    pub expected: &'static str,
}

impl ArgumentError {
    /// Checks `ok`, else the error for `value`.
    pub(crate) fn check(
        ok: bool,
        layer: &'static str,
        argument: &'static str,
        value: f64,
        expected: &'static str,
    ) -> Result<(), Self> {
        if ok {
            Ok(())
        } else {
            Err(Self { layer, argument, value: value.to_string(), expected })
        }
    }
}

impl fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}({}={}): {} must be {} (Keras raises a ValueError when the layer is built)",
            self.layer, self.argument, self.value, self.argument, self.expected
        )
    }
}

impl std::error::Error for ArgumentError {}
