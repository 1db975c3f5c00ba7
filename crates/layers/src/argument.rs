//! Layer arguments whose values are checked when the layer is built.

/// A layer argument outside the values the layer takes, reported when the layer is built (Keras
/// raises `ValueError` in the layer's constructor).
///
/// ```
/// use shaped::layers::Dropout;
/// let err = Dropout::new(1.5).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "Dropout(rate=1.5): rate must be in [0, 1), got 1.5 (Keras raises: \"Invalid value received for argument `rate`. Expected a float value between 0 and 1.\")"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct ArgumentError {
    /// The layer, as Keras names it: `Dropout`.
    pub layer: &'static str,
    /// The argument: `rate`.
    pub argument: &'static str,
    /// What it must be: `in [0, 1)`, `a number >= 0`.
    pub expected: &'static str,
    /// The value given.
    pub actual: f64,
    /// What Keras does with the value.
    pub keras: &'static str,
}

impl ArgumentError {
    /// `Ok` when `ok`, else the error for `actual` (Keras raises a `ValueError` when the layer is
    /// built).
    pub(crate) fn check(
        ok: bool,
        layer: &'static str,
        argument: &'static str,
        actual: f64,
        expected: &'static str,
    ) -> Result<(), Self> {
        if ok {
            Ok(())
        } else {
            Err(Self {
                layer,
                argument,
                expected,
                actual,
                keras: "Keras raises a ValueError when the layer is built",
            })
        }
    }
}

impl core::fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let Self { layer, argument, expected, actual, keras } = self;
        write!(f, "{layer}({argument}={actual:?}): {argument} must be {expected}, got {actual:?} ({keras})")
    }
}

impl std::error::Error for ArgumentError {}
