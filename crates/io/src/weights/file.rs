//! A parsed safetensors file, taken from tensor by tensor.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use safetensors::{Dtype, SafeTensorError, SafeTensors};

use super::element::{dtype_name, dtype_of};
use super::{WeightElement, WeightError};

/// The largest header accepted, as the safetensors crate's own limit.
const MAX_HEADER: usize = 100_000_000;

/// At most this many names are listed in a "missing weight" message.
const LIST: usize = 10;

/// One tensor's place in the file.
#[derive(Clone, Debug)]
struct Entry {
    dtype: Dtype,
    shape: Vec<usize>,
    start: usize,
    end: usize,
}

/// A safetensors file, validated once, from which layers take their tensors by name.
///
/// Validation (by the `safetensors` crate and here) rejects a file shorter than its header
/// claims, a header above 100 MB, offsets that overlap, leave gaps or run past the end, and
/// shapes whose byte size overflows, before anything is allocated from the header's numbers.
///
/// ```
/// use shaped_io::{WeightFile, WeightWriter};
/// let mut w = WeightWriter::new();
/// w.add("dense.kernel", &[2, 3], &[1.0f32, 2., 3., 4., 5., 6.])?;
/// w.add("dense.bias", &[3], &[0.5f32; 3])?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// assert_eq!(file.shape("dense.kernel"), Some(&[2, 3][..]));
/// let kernel: Vec<f32> = file.tensor("dense.kernel", &[2, 3])?;
/// assert_eq!(kernel[5], 6.0);
/// // The same numbers in another shape are an error, not a reshape.
/// let err = file.tensor::<f32>("dense.bias", &[1, 3]).unwrap_err();
/// assert_eq!(err.to_string(), "weight dense.bias: expected shape (1, 3), found (3,) in the file");
/// assert_eq!(file.report().unused, vec!["dense.bias".to_string()]);
/// # Ok::<(), shaped_io::WeightError>(())
/// ```
#[derive(Clone, Debug)]
pub struct WeightFile {
    bytes: Vec<u8>,
    entries: BTreeMap<String, Entry>,
    metadata: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

impl WeightFile {
    /// Parses and validates the bytes of a safetensors file.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, WeightError> {
        let prefix: [u8; 8] = match bytes.get(..8).and_then(|b| b.try_into().ok()) {
            Some(p) => p,
            None => return Err(WeightError::TooShort { len: bytes.len() }),
        };
        let claimed = u64::from_le_bytes(prefix);
        let available = bytes.len() - 8;
        if claimed > available as u64 {
            return Err(WeightError::HeaderLength { claimed, available });
        }
        if claimed > MAX_HEADER as u64 {
            return Err(WeightError::HeaderTooLarge { claimed, limit: MAX_HEADER });
        }
        let (n, metadata) = SafeTensors::read_metadata(&bytes).map_err(invalid)?;
        let data_start = n.checked_add(8).ok_or(WeightError::HeaderLength { claimed, available })?;
        let mut entries = BTreeMap::new();
        for (name, info) in metadata.tensors() {
            let (s, e) = info.data_offsets;
            let (start, end) = match (data_start.checked_add(s), data_start.checked_add(e)) {
                (Some(start), Some(end)) if start <= end && end <= bytes.len() => (start, end),
                _ => {
                    return Err(WeightError::InvalidHeader {
                        reason: format!(
                            "tensor {name}: data_offsets [{s}, {e}] run past the end of the file"
                        ),
                    })
                }
            };
            entries.insert(name, Entry { dtype: info.dtype, shape: info.shape.clone(), start, end });
        }
        let metadata = metadata
            .metadata()
            .as_ref()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        Ok(Self { bytes, entries, metadata, used: BTreeSet::new() })
    }

    /// Reads and parses a safetensors file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, WeightError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|e| WeightError::Io { path: path.display().to_string(), message: e.to_string() })?;
        Self::from_bytes(bytes)
    }

    /// The tensor names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.keys().map(String::as_str)
    }

    /// Number of tensors in the file.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the file holds no tensor.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the file has a tensor of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// A tensor's shape as stored.
    pub fn shape(&self, name: &str) -> Option<&[usize]> {
        self.entries.get(name).map(|e| e.shape.as_slice())
    }

    /// A tensor's dtype as safetensors names it (`"F32"`, `"F64"`, `"BF16"` ...).
    pub fn dtype(&self, name: &str) -> Option<String> {
        self.entries.get(name).map(|e| format!("{:?}", e.dtype))
    }

    /// The file's `__metadata__` (string to string).
    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.metadata
    }

    /// The `layout` the file's metadata declares, if any (`"keras"`, `"pytorch"`).
    pub fn declared_layout(&self) -> Option<&str> {
        self.metadata.get("layout").map(String::as_str)
    }

    /// Takes tensor `name`, which must have exactly `expected_shape` and the dtype of `E`,
    /// and marks it as used.
    pub fn tensor<E: WeightElement>(
        &mut self,
        name: &str,
        expected_shape: &[usize],
    ) -> Result<Vec<E>, WeightError> {
        let entry = self.entries.get(name).ok_or_else(|| self.missing(name, None))?;
        let wanted = dtype_of::<E>();
        if entry.dtype != wanted {
            return Err(WeightError::Dtype {
                name: name.to_string(),
                expected: dtype_name(wanted),
                actual: dtype_name(entry.dtype),
            });
        }
        if entry.shape != expected_shape {
            return Err(WeightError::Shape {
                name: name.to_string(),
                expected: expected_shape.to_vec(),
                actual: entry.shape.clone(),
                axes: None,
                hint: None,
            });
        }
        let bytes = self.bytes.get(entry.start..entry.end).unwrap_or_default();
        let values: Vec<E> = bytes.chunks_exact(E::SIZE).filter_map(E::from_le_slice).collect();
        let count = expected_shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        if count != Some(values.len()) {
            return Err(WeightError::InvalidHeader {
                reason: format!("tensor {name}: {} bytes do not hold its shape", bytes.len()),
            });
        }
        self.used.insert(name.to_string());
        Ok(values)
    }

    /// The error for a missing tensor, listing what the file has.
    pub(crate) fn missing(&self, name: &str, hint: Option<String>) -> WeightError {
        let mut available: Vec<String> = self.entries.keys().take(LIST).cloned().collect();
        if self.entries.len() > LIST {
            available.push(format!("... ({} more)", self.entries.len() - LIST));
        }
        WeightError::Missing { name: name.to_string(), available, hint }
    }

    /// What was loaded and what was not.
    pub fn report(&self) -> LoadReport {
        LoadReport {
            loaded: self.used.iter().cloned().collect(),
            unused: self.entries.keys().filter(|k| !self.used.contains(*k)).cloned().collect(),
        }
    }

    /// The report, or [`WeightError::Unused`] if a tensor was not loaded (strict mode).
    pub fn finish_strict(&self) -> Result<LoadReport, WeightError> {
        let report = self.report();
        if report.unused.is_empty() {
            Ok(report)
        } else {
            Err(WeightError::Unused { names: report.unused })
        }
    }
}

/// Which tensors of a [`WeightFile`] were loaded and which were not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadReport {
    /// Tensors taken, sorted.
    pub loaded: Vec<String>,
    /// Tensors in the file that nobody took, sorted.
    pub unused: Vec<String>,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loaded {} tensors", self.loaded.len())?;
        if self.unused.is_empty() {
            write!(f, "; every tensor in the file was used")
        } else {
            write!(f, "; {} not used: {}", self.unused.len(), self.unused.join(", "))
        }
    }
}

/// Describes a safetensors validation error.
fn invalid(e: SafeTensorError) -> WeightError {
    let reason = match e {
        SafeTensorError::InvalidHeader => "the header is not UTF-8 text".to_string(),
        SafeTensorError::InvalidHeaderStart => "the header does not start with `{`".to_string(),
        SafeTensorError::InvalidHeaderDeserialization => {
            "the header is not safetensors JSON (`{\"name\": {\"dtype\", \"shape\", \"data_offsets\"}, ...}`)"
                .to_string()
        }
        SafeTensorError::HeaderTooLarge => format!("the header is larger than {MAX_HEADER} bytes"),
        SafeTensorError::HeaderTooSmall => "shorter than the 8-byte header length".to_string(),
        SafeTensorError::InvalidHeaderLength => "the header length runs past the end of the file".to_string(),
        SafeTensorError::TensorInvalidInfo => {
            "a tensor's data_offsets do not span its shape times its dtype size".to_string()
        }
        SafeTensorError::InvalidOffset(name) => {
            format!("tensor {name}: data_offsets do not start where the previous tensor ends")
        }
        SafeTensorError::MetadataIncompleteBuffer => {
            "the tensors' data does not end where the file ends (truncated file or trailing bytes)"
                .to_string()
        }
        SafeTensorError::ValidationOverflow => "a tensor's shape overflows its byte size".to_string(),
        other => other.to_string(),
    };
    WeightError::InvalidHeader { reason }
}
