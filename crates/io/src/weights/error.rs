//! The error of weight files.

use core::fmt;

use shaped_tensor::ShapeError;

use super::{fmt_shape, WeightLayout};

/// A weight file that cannot be read or written, or a tensor in it that does not fit.
///
/// Every variant names what was expected and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WeightError {
    /// The file could not be read or written.
    Io {
        /// The path given.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// Fewer than the 8 bytes that hold a safetensors header's length.
    TooShort {
        /// Bytes given.
        len: usize,
    },
    /// A header length running past the end of the file (a truncated or hostile file).
    HeaderLength {
        /// The header length the file claims.
        claimed: u64,
        /// Bytes after the 8-byte length.
        available: usize,
    },
    /// A header length above the safetensors limit.
    HeaderTooLarge {
        /// The header length the file claims.
        claimed: u64,
        /// The limit.
        limit: usize,
    },
    /// A header that safetensors rejects (not JSON, offsets that do not match shapes, data
    /// that does not end with the file ...).
    InvalidHeader {
        /// What is wrong.
        reason: String,
    },
    /// A tensor the layer needs is not in the file.
    Missing {
        /// The tensor's name.
        name: String,
        /// The names the file has (at most 10).
        available: Vec<String>,
        /// A hint, e.g. that the file has the other layout's name.
        hint: Option<String>,
    },
    /// A tensor with a different shape than the layer needs (checked exactly, not only its
    /// element count).
    Shape {
        /// The tensor's name.
        name: String,
        /// The shape the layer needs.
        expected: Vec<usize>,
        /// The shape in the file.
        actual: Vec<usize>,
        /// What the axes are, e.g. `Keras layout (kernel_size, in_channels/groups, filters)`.
        axes: Option<String>,
        /// A hint, e.g. that the shape is the other layout's.
        hint: Option<String>,
    },
    /// A tensor with another dtype than the layer's element type.
    Dtype {
        /// The tensor's name.
        name: String,
        /// The layer's dtype, e.g. `F32 (float32)`.
        expected: String,
        /// The file's dtype.
        actual: String,
    },
    /// Tensors nobody loaded, in strict mode.
    Unused {
        /// Their names.
        names: Vec<String>,
    },
    /// A file whose `layout` metadata differs from the layout asked for.
    LayoutMismatch {
        /// The layout asked for.
        requested: WeightLayout,
        /// The file's `layout` metadata.
        declared: String,
    },
    /// A tensor name written twice.
    Duplicate {
        /// The name.
        name: String,
    },
    /// Values whose count does not match the shape given for them (when writing).
    DataLength {
        /// The tensor's name.
        name: String,
        /// The shape given.
        shape: Vec<usize>,
        /// The values given.
        len: usize,
    },
    /// The layer refused the weights.
    Layer(ShapeError),
}

impl fmt::Display for WeightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WeightError as W;
        match self {
            W::Io { path, message } => write!(f, "cannot access {path}: {message}"),
            W::TooShort { len } => write!(
                f,
                "not a safetensors file: {len} bytes, expected at least the 8-byte header length"
            ),
            W::HeaderLength { claimed, available } => write!(
                f,
                "truncated or corrupt safetensors file: the header claims {claimed} bytes, \
                 but only {available} bytes follow the 8-byte length"
            ),
            W::HeaderTooLarge { claimed, limit } => write!(
                f,
                "safetensors header of {claimed} bytes, above the limit of {limit} bytes"
            ),
            W::InvalidHeader { reason } => write!(f, "invalid safetensors file: {reason}"),
            W::Missing { name, available, hint } => {
                write!(f, "missing weight {name}; the file has ")?;
                if available.is_empty() {
                    write!(f, "no tensors")?;
                } else {
                    write!(f, "{}", available.join(", "))?;
                }
                if let Some(h) = hint {
                    write!(f, " ({h})")?;
                }
                Ok(())
            }
            W::Shape { name, expected, actual, axes, hint } => {
                write!(f, "weight {name}: expected shape {}", fmt_shape(expected))?;
                if let Some(a) = axes {
                    write!(f, " in {a}")?;
                }
                write!(f, ", found {} in the file", fmt_shape(actual))?;
                if let Some(h) = hint {
                    write!(f, " ({h})")?;
                }
                Ok(())
            }
            W::Dtype { name, expected, actual } => write!(
                f,
                "weight {name}: expected dtype {expected}, found {actual} (convert the file; nothing is cast silently)"
            ),
            W::Unused { names } => write!(
                f,
                "{} tensors in the file were not loaded (strict mode): {}",
                names.len(),
                names.join(", ")
            ),
            W::LayoutMismatch { requested, declared } => write!(
                f,
                "the file declares layout {declared:?} in its metadata, but the weights were requested in {requested}"
            ),
            W::Duplicate { name } => write!(f, "weight {name} written twice"),
            W::DataLength { name, shape, len } => write!(
                f,
                "weight {name}: shape {} holds {} elements, got {len}",
                fmt_shape(shape),
                shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d)).map_or("too many".to_string(), |n| n.to_string())
            ),
            W::Layer(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WeightError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WeightError::Layer(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ShapeError> for WeightError {
    fn from(e: ShapeError) -> Self {
        WeightError::Layer(e)
    }
}
