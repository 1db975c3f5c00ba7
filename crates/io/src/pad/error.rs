//! The error of `pad_sequences`.

use core::fmt;

use shaped_tensor::ShapeError;

/// Sequences that `pad_sequences` cannot bring to the requested shape.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PadError {
    /// A time step with the wrong number of channels.
    Channels {
        /// Index of the sequence.
        sequence: usize,
        /// Index of the time step in that sequence.
        step: usize,
        /// The channel count of the tensor type.
        expected: usize,
        /// The channel count found.
        actual: usize,
    },
    /// [`crate::PadOptions::require_longest`] was asked and the longest sequence is not as
    /// long as the tensor's length type.
    Longest {
        /// The longest sequence's length.
        longest: usize,
        /// The tensor's length type.
        maxlen: usize,
    },
    /// [`crate::PadOptions::forbid_truncation`] was asked and a sequence is too long.
    Truncation {
        /// Index of the first sequence that is too long.
        sequence: usize,
        /// Its length.
        length: usize,
        /// The tensor's length type.
        maxlen: usize,
    },
    /// The padded data did not fit the tensor type (not expected; kept for completeness).
    Shape(ShapeError),
}

impl fmt::Display for PadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PadError::Channels { sequence, step, expected, actual } => {
                write!(f, "sequence {sequence}, time step {step} has {actual} channels, expected {expected}")
            }
            PadError::Longest { longest, maxlen } => write!(
                f,
                "the longest sequence has {longest} time steps but the tensor length is {maxlen} \
                 (maxlen=None pads to the longest: make the length type {longest})"
            ),
            PadError::Truncation { sequence, length, maxlen } => write!(
                f,
                "sequence {sequence} has {length} time steps, more than maxlen {maxlen}: \
                 truncation would drop {} steps and was forbidden",
                length.saturating_sub(*maxlen)
            ),
            PadError::Shape(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for PadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Displayed as the shape error's message itself, so its source is that error's source
            // (reporters would otherwise print the message twice).
            PadError::Shape(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<ShapeError> for PadError {
    fn from(e: ShapeError) -> Self {
        PadError::Shape(e)
    }
}
