//! The error of data entering a typed tensor.

use core::fmt;

/// Run-time data that does not have the shape the type asks for.
///
/// Each variant names what was expected and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeError {
    /// A flat buffer of the wrong length.
    Length {
        /// The shape the type asks for, written as Keras prints shapes, e.g. `(100, 20, 1)`.
        expected_shape: String,
        /// Elements that shape holds.
        expected: usize,
        /// Elements given.
        actual: usize,
    },
    /// A buffer for a run-time batch that is not a whole number of samples.
    PartialSample {
        /// The sample shape, e.g. `(20, 1)`.
        sample_shape: String,
        /// Elements per sample.
        sample_len: usize,
        /// Elements given.
        actual: usize,
    },
    /// A batch whose element count (or byte size) does not fit in memory's address range.
    TooLarge {
        /// The batch asked for.
        batch: usize,
        /// Elements per sample.
        sample_len: usize,
    },
    /// A batch size that does not match a static batch dimension.
    Batch {
        /// The batch the type asks for.
        expected: usize,
        /// The batch found.
        actual: usize,
    },
    /// One row of nested data has the wrong length (ragged data).
    Ragged {
        /// Where the row is, e.g. `sample 2` or `sample 2, step 7`.
        at: String,
        /// What the row holds, e.g. `time steps` or `channels`.
        what: &'static str,
        /// The length the type asks for.
        expected: usize,
        /// The length found.
        actual: usize,
    },
    /// A layer weight of the wrong size.
    Weight {
        /// The weight, as Keras names it, e.g. `conv1d.kernel`.
        name: String,
        /// Its shape in the layout given, e.g. `(3, 1, 32)`.
        expected_shape: String,
        /// Elements that shape holds.
        expected: usize,
        /// Elements given.
        actual: usize,
    },
    /// An array (e.g. from `ndarray`) whose shape is not the type's.
    Array {
        /// The type's shape, `None` for a run-time batch.
        expected: String,
        /// The array's shape.
        actual: String,
    },
    /// A value the element type cannot hold exactly.
    NotRepresentable {
        /// Flat index of the value.
        index: usize,
        /// The value as written in the source.
        value: String,
        /// The element type, e.g. `float32`.
        dtype: &'static str,
    },
    /// A token id outside the vocabulary (`0..vocabulary`, an Embedding's `input_dim`), found
    /// when the ids entered a [`crate::Tokens`].
    Token {
        /// Where the id is, e.g. `sample 2, step 7`.
        at: String,
        /// The id as given (negative ids included).
        id: String,
        /// The vocabulary size (Keras's `input_dim`).
        vocabulary: usize,
    },
    /// A mask that does not hold one flag per sample and time step of its values.
    Mask {
        /// The mask shape the values ask for, `(batch, steps)`.
        expected: String,
        /// The mask given: `has shape (3, 5)`, or `has 7 flags`.
        actual: String,
        /// The values' shape, `(batch, steps, channels)`.
        values: String,
    },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Length { expected_shape, expected, actual } => write!(
                f,
                "expected {expected} elements for shape {expected_shape}, got {actual}"
            ),
            ShapeError::PartialSample { sample_shape, sample_len, actual } => write!(
                f,
                "expected a whole number of samples of shape {sample_shape} ({sample_len} elements each), got {actual} elements"
            ),
            ShapeError::Batch { expected, actual } => {
                write!(f, "expected a batch of {expected} samples, got {actual}")
            }
            ShapeError::TooLarge { batch, sample_len } => write!(
                f,
                "a batch of {batch} samples of {sample_len} elements each is too large to allocate"
            ),
            ShapeError::Ragged { at, what, expected, actual } => write!(
                f,
                "ragged data: {at} has {actual} {what}, expected {expected} (pad or truncate the sequences first, e.g. with pad_sequences)"
            ),
            ShapeError::Weight { name, expected_shape, expected, actual } => write!(
                f,
                "weight {name}: expected shape {expected_shape} ({expected} elements), got {actual} elements"
            ),
            ShapeError::Array { expected, actual } => {
                write!(f, "expected an array of shape {expected}, got {actual}")
            }
            ShapeError::NotRepresentable { index, value, dtype } => write!(
                f,
                "value {value} at index {index} is not exactly representable as {dtype}"
            ),
            ShapeError::Token { at, id, vocabulary } => write!(
                f,
                "token id {id} at {at} is outside the vocabulary: expected an id in 0..{vocabulary} (Embedding input_dim = {vocabulary})"
            ),
            ShapeError::Mask { expected, actual, values } => write!(
                f,
                "the mask {actual}, expected shape {expected}: one flag per sample and time step of the values {values}"
            ),
        }
    }
}

impl std::error::Error for ShapeError {}

/// Writes dimensions the way Keras prints shapes: `(100, 20, 1)`, `(20,)`, with `None` for a
/// run-time batch.
pub(crate) fn fmt_dims(batch: Option<usize>, dims: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(dims.len() + 1);
    if let Some(b) = batch {
        parts.push(b.to_string());
    }
    parts.extend(dims.iter().map(ToString::to_string));
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}
