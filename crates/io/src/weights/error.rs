//! The error of weight files.

use core::fmt;

use shaped_tensor::ShapeError;

use super::{fmt_shape, WeightLayout};
use crate::OsError;

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
        /// The operating system's error (its `kind()` tells a missing file from a denied one).
        error: OsError,
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
    /// A limit of [`crate::WeightLimits`] exceeded.
    Limit {
        /// Which limit.
        limit: super::WeightLimit,
        /// What was found (for tensors: at least `max + 1`).
        found: u64,
        /// The limit in force.
        max: u64,
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
        /// The file's names closest to `name` (edit distance; at most 3, all of them if the
        /// file has no more than 3).
        available: Vec<String>,
        /// How many tensors the file has.
        total: usize,
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
    /// Bytes that are none of the formats read here.
    UnknownFormat {
        /// The first bytes (at most 16).
        first_bytes: Vec<u8>,
        /// The length of the whole input.
        len: usize,
    },
    /// A file of another format than the function called reads.
    WrongFormat {
        /// What the function reads.
        expected: String,
        /// What the bytes are.
        found: String,
        /// What to call instead.
        hint: String,
    },
    /// A `.keras` archive or Keras HDF5 file that does not have Keras's structure (a missing
    /// entry, group or attribute, a config that does not match the variables ...).
    Keras {
        /// What is wrong.
        reason: String,
    },
    /// An HDF5 file this reader cannot read: corrupt, truncated, or using an HDF5 feature that
    /// Keras does not write.
    Hdf5 {
        /// Byte offset in the HDF5 file where the problem was found.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// A `.keras` archive that is not a valid zip file.
    Zip {
        /// What is wrong.
        reason: String,
    },
    /// A Keras file given to a build without the `keras` feature.
    FeatureDisabled {
        /// The file's format.
        format: String,
    },
    /// An integer tensor value that does not fit an `i64`.
    IntegerRange {
        /// The tensor's name.
        name: String,
        /// The value.
        value: u64,
    },
}

impl fmt::Display for WeightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WeightError as W;
        match self {
            W::Io { path, error } => write!(f, "cannot access {path}: {error}"),
            W::TooShort { len } => write!(
                f,
                "not a safetensors file: {len} bytes, expected at least the 8-byte header length"
            ),
            W::HeaderLength { claimed, available } => write!(
                f,
                "truncated or corrupt safetensors file: the header claims {claimed} bytes, \
                 but only {available} bytes follow the 8-byte length"
            ),
            W::Limit { limit, found, max } => {
                use super::WeightLimit as L;
                let (what, name) = match limit {
                    L::FileBytes => (format!("the file is {found} bytes"), "max_file_bytes"),
                    L::HeaderBytes => (format!("the header is {found} bytes"), "max_header_bytes"),
                    L::Tensors => (format!("the file has {found} tensors or more"), "max_tensors"),
                };
                write!(f, "{what}, more than the limit of {max} (WeightLimits::{name})")
            }
            W::HeaderTooLarge { claimed, limit } => write!(
                f,
                "safetensors header of {claimed} bytes, above the limit of {limit} bytes"
            ),
            W::InvalidHeader { reason } => write!(f, "invalid safetensors file: {reason}"),
            W::Missing { name, available, total, hint } => {
                write!(f, "missing weight {name}; ")?;
                if available.is_empty() {
                    write!(f, "the file has no tensors")?;
                } else if available.len() == *total {
                    write!(f, "the file has {}", available.join(", "))?;
                } else {
                    write!(f, "the closest of the file's {total} tensors: {}", available.join(", "))?;
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
            W::UnknownFormat { first_bytes, len } => write!(
                f,
                "not a weight file: its {len} bytes start with {} ({}); expected safetensors (an 8-byte \
                 little-endian header length, then `{{`), a Keras 3 .keras archive (zip: `PK\\x03\\x04`) \
                 or a Keras HDF5 .h5 file (`\\x89HDF\\r\\n\\x1a\\n`)",
                first_bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" "),
                escape(first_bytes)
            ),
            W::WrongFormat { expected, found, hint } => {
                write!(f, "not a {expected} file: {found}; {hint}")
            }
            W::Keras { reason } => write!(f, "invalid Keras file: {reason}"),
            W::Hdf5 { offset, reason } => write!(f, "invalid or unsupported HDF5 file at byte {offset}: {reason}"),
            W::Zip { reason } => write!(f, "invalid .keras archive (zip): {reason}"),
            W::FeatureDisabled { format } => write!(
                f,
                "{format}: this build of shaped-io has no `keras` feature (on by default); enable it to read Keras files"
            ),
            W::IntegerRange { name, value } => {
                write!(f, "weight {name}: value {value} does not fit in an i64")
            }
        }
    }
}

/// Bytes as Python prints them in a `bytes` literal: `b"PK\x03\x04"`.
pub(crate) fn escape(bytes: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &b in bytes {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

impl std::error::Error for WeightError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Displayed as the layer's message itself, so its source is the layer error's source
            // (reporters would otherwise print the message twice).
            WeightError::Layer(e) => std::error::Error::source(e),
            // The path and the operating system's message are displayed; its own source follows.
            WeightError::Io { error, .. } => error.get().source(),
            _ => None,
        }
    }
}

impl From<ShapeError> for WeightError {
    fn from(e: ShapeError) -> Self {
        WeightError::Layer(e)
    }
}
