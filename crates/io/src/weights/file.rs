//! A parsed safetensors file, taken from tensor by tensor.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use safetensors::{Dtype, SafeTensorError, SafeTensors};

use super::element::{bf16_to_f32, dtype_name, dtype_of, f16_to_f32};
use super::limits::count_entries;
use super::{WeightElement, WeightError, WeightLimit, WeightLimits};

/// The largest header accepted, as the safetensors crate's own limit.
const MAX_HEADER: usize = 100_000_000;

/// At most this many names are suggested in a "missing weight" message.
const SUGGEST: usize = 3;

/// The zip local file header signature, at the start of a `.keras` archive.
const ZIP: &[u8; 4] = b"PK\x03\x04";
/// The signature of an empty zip archive (its end-of-central-directory record).
const ZIP_EMPTY: &[u8; 4] = b"PK\x05\x06";
/// The HDF5 signature.
const HDF5: &[u8; 8] = b"\x89HDF\r\n\x1a\n";

/// The format a [`WeightFile`] was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WeightFormat {
    /// safetensors: tensors named as written.
    Safetensors,
    /// A Keras 3 `.keras` archive (`config.json` + `model.weights.h5` in a zip), or a bare
    /// `model.weights.h5` with its config: variables named `<layer>.<variable>` from the
    /// layer classes of the config.
    KerasArchive,
    /// A legacy Keras HDF5 file (`model.save("x.h5")` or `save_weights`, Keras 2 / tf.keras
    /// layout): variables named `<layer>.<variable>` from each layer's `weight_names`.
    KerasH5,
}

impl fmt::Display for WeightFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WeightFormat::Safetensors => "safetensors",
            WeightFormat::KerasArchive => "Keras 3 .keras archive",
            WeightFormat::KerasH5 => "legacy Keras HDF5 (.h5)",
        })
    }
}

/// What the first bytes of a file say it is.
fn sniff(bytes: &[u8]) -> Option<WeightFormat> {
    if bytes.starts_with(ZIP) || bytes.starts_with(ZIP_EMPTY) {
        Some(WeightFormat::KerasArchive)
    } else if bytes.starts_with(HDF5) {
        Some(WeightFormat::KerasH5)
    } else {
        None
    }
}

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
/// use shaped::io::{WeightFile, WeightWriter};
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
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
#[derive(Clone, Debug)]
pub struct WeightFile {
    bytes: Vec<u8>,
    entries: BTreeMap<String, Entry>,
    metadata: BTreeMap<String, String>,
    used: BTreeSet<String>,
    format: WeightFormat,
    #[cfg(feature = "keras")]
    config: Option<serde_json::Value>,
    skipped: Vec<String>,
}

impl WeightFile {
    /// Parses and validates a weight file of any of the three formats, told apart by their
    /// first bytes: a Keras 3 `.keras` archive (zip, `PK\x03\x04`), a legacy Keras HDF5 file
    /// (`\x89HDF\r\n\x1a\n`), or safetensors. Keras variables are named as the safetensors
    /// files of this project name them, `<layer>.<variable>` in Keras layout, so that the
    /// loaders ([`crate::load_conv1d`] ...) work the same on all three.
    ///
    /// ```
    /// use shaped::io::{WeightFile, WeightFormat};
    /// let err = WeightFile::from_bytes(b"\x7fELF\x02\x01\x01\0 and more bytes".to_vec()).unwrap_err();
    /// assert!(err.to_string().starts_with("not a weight file: its 23 bytes start with 7f 45 4c 46"), "{err}");
    /// let err = WeightFile::from_bytes(b"PK\x03\x04 not really a zip".to_vec()).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid .keras archive (zip): "), "{err}");
    /// ```
    ///
    /// # Errors
    ///
    /// [`WeightError::UnknownFormat`] for bytes that are none of the three formats; the
    /// format's own error (a corrupt archive, header or HDF5 structure) otherwise.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, WeightError> {
        Self::from_bytes_with(bytes, &WeightLimits::default())
    }

    /// [`WeightFile::from_bytes`] within `limits` (see [`WeightLimits`]).
    pub fn from_bytes_with(bytes: Vec<u8>, limits: &WeightLimits) -> Result<Self, WeightError> {
        check_file_size(bytes.len() as u64, limits)?;
        match sniff(&bytes) {
            Some(WeightFormat::KerasArchive) => Self::keras_archive(&bytes, limits),
            Some(_) => Self::keras_h5(&bytes, limits),
            None => {
                // Not safetensors either when the length prefix is impossible and no `{` follows.
                let claimed = bytes.get(..8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
                let implausible = claimed.is_some_and(|c| c > (bytes.len() - 8) as u64);
                if implausible && bytes.get(8) != Some(&b'{') {
                    return Err(WeightError::UnknownFormat {
                        first_bytes: bytes.iter().take(16).copied().collect(),
                        len: bytes.len(),
                    });
                }
                Self::safetensors(bytes, limits)
            }
        }
    }

    /// Parses and validates the bytes of a safetensors file, and only that (a Keras file is an
    /// error saying what it is and what to call).
    ///
    /// ```
    /// use shaped::io::WeightFile;
    /// let err = WeightFile::from_safetensors_bytes(b"PK\x03\x04...".to_vec()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "not a safetensors file: a zip archive (it starts with PK\\x03\\x04), as a Keras 3 .keras file is; \
    ///      read it with WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and safetensors"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`WeightError::WrongFormat`] for a Keras file; a header error (length, JSON, offsets)
    /// for a bad safetensors file.
    pub fn from_safetensors_bytes(bytes: Vec<u8>) -> Result<Self, WeightError> {
        Self::safetensors(bytes, &WeightLimits::default())
    }

    fn safetensors(bytes: Vec<u8>, limits: &WeightLimits) -> Result<Self, WeightError> {
        check_file_size(bytes.len() as u64, limits)?;
        if let Some(format) = sniff(&bytes) {
            let found = match format {
                WeightFormat::KerasArchive => {
                    "a zip archive (it starts with PK\\x03\\x04), as a Keras 3 .keras file is"
                }
                _ => "an HDF5 file (it starts with \\x89HDF\\r\\n\\x1a\\n), as a Keras .h5 file is",
            };
            return Err(WeightError::WrongFormat {
                expected: "safetensors".to_string(),
                found: found.to_string(),
                hint:
                    "read it with WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and \
                       safetensors"
                        .to_string(),
            });
        }
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
        check_header(&bytes[8..], claimed, limits)?;
        let (n, metadata) = SafeTensors::read_metadata(&bytes).map_err(invalid)?;
        // The scan counts what the parser reads, save for an escaped `__metadata__` key: check
        // again.
        if metadata.tensors().len() > limits.max_tensors {
            return Err(too_many_tensors(metadata.tensors().len(), limits));
        }
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
        Ok(Self {
            bytes,
            entries,
            metadata,
            used: BTreeSet::new(),
            format: WeightFormat::Safetensors,
            #[cfg(feature = "keras")]
            config: None,
            skipped: Vec::new(),
        })
    }

    /// Reads and parses a weight file of any of the three formats ([`WeightFile::from_bytes`]).
    ///
    /// ```
    /// use shaped::io::{WeightFile, WeightFormat};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/models/gunpoint_cnn_flatten/model.keras");
    /// let file = WeightFile::read(path)?;
    /// assert_eq!(file.format(), WeightFormat::KerasArchive);
    /// assert_eq!(file.shape("conv1d.kernel"), Some(&[7, 1, 16][..]));
    /// # Ok::<(), shaped::io::WeightError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`WeightError::Io`] (with the operating system's error) if the file cannot be read;
    /// otherwise as [`WeightFile::from_bytes`].
    pub fn read(path: impl AsRef<Path>) -> Result<Self, WeightError> {
        Self::read_with(path, &WeightLimits::default())
    }

    /// [`WeightFile::read`] within `limits`. The file's size is checked before anything is
    /// read, and a safetensors header (its length, its size and the number of its tensors)
    /// before the tensors' data is read; a Keras file is read whole (a zip's directory is at
    /// its end), once its size is within [`WeightLimits::max_file_bytes`].
    ///
    /// Why not memory-mapped: a mapping of a file that another process truncates or rewrites
    /// is undefined behaviour for safe Rust reading it, and this crate has no `unsafe`; the
    /// header is what a hostile file would inflate, and it is refused before the data is read.
    pub fn read_with(path: impl AsRef<Path>, limits: &WeightLimits) -> Result<Self, WeightError> {
        Self::from_bytes_with(read_checked(path.as_ref(), limits)?, limits)
    }

    /// Reads and parses a safetensors file, and only that ([`WeightFile::from_safetensors_bytes`]).
    ///
    /// # Errors
    ///
    /// [`WeightError::Io`] if the file cannot be read; otherwise as
    /// [`WeightFile::from_safetensors_bytes`].
    pub fn read_safetensors(path: impl AsRef<Path>) -> Result<Self, WeightError> {
        let limits = WeightLimits::default();
        Self::safetensors(read_checked(path.as_ref(), &limits)?, &limits)
    }

    /// Parses a Keras 3 `.keras` archive: the variables of `model.weights.h5`, named
    /// `<layer>.<variable>` by each layer's class in `config.json` (Conv1D: `kernel`, `bias` if
    /// `use_bias`; Dense: `kernel`, `bias`; BatchNormalization: `gamma` if `scale`, `beta` if
    /// `center`, `moving_mean`, `moving_variance`; also SeparableConv1D, DepthwiseConv1D,
    /// Conv1DTranspose, LayerNormalization, Embedding). Other state (optimizer variables, seed
    /// generators, layers of other classes) is listed by [`WeightFile::skipped`].
    ///
    /// # Errors
    ///
    /// An error if the zip archive, its `config.json` or its `model.weights.h5` is malformed,
    /// or a variable is of a kind not read here.
    pub fn from_keras_archive(bytes: &[u8]) -> Result<Self, WeightError> {
        Self::keras_archive(bytes, &WeightLimits::default())
    }

    fn keras_archive(bytes: &[u8], limits: &WeightLimits) -> Result<Self, WeightError> {
        check_file_size(bytes.len() as u64, limits)?;
        if sniff(bytes) != Some(WeightFormat::KerasArchive) {
            return Err(wrong_format(bytes, "Keras 3 .keras (zip)"));
        }
        #[cfg(feature = "keras")]
        {
            let loaded = super::keras::read_archive(bytes, limits.max_header_bytes)?;
            Self::from_loaded(loaded, WeightFormat::KerasArchive, limits)
        }
        #[cfg(not(feature = "keras"))]
        {
            let _ = (bytes, limits);
            Err(WeightError::FeatureDisabled { format: WeightFormat::KerasArchive.to_string() })
        }
    }

    /// Parses a Keras HDF5 file: a legacy `model.save("x.h5")` or `save_weights("x.h5")` file
    /// (tensors `<layer>.<variable>` from each layer's `weight_names` attribute, with the
    /// `model_config` attribute as [`WeightFile::keras_config`]). A bare Keras 3
    /// `model.weights.h5` is an error pointing to [`WeightFile::from_keras_weights_h5`].
    ///
    /// # Errors
    ///
    /// An error if the HDF5 file is malformed or is not a Keras model file.
    pub fn from_keras_h5(bytes: &[u8]) -> Result<Self, WeightError> {
        Self::keras_h5(bytes, &WeightLimits::default())
    }

    fn keras_h5(bytes: &[u8], limits: &WeightLimits) -> Result<Self, WeightError> {
        check_file_size(bytes.len() as u64, limits)?;
        if sniff(bytes) != Some(WeightFormat::KerasH5) {
            return Err(wrong_format(bytes, "Keras HDF5 (.h5)"));
        }
        #[cfg(feature = "keras")]
        {
            let loaded = super::keras::read_legacy_h5(bytes)?;
            Self::from_loaded(loaded, WeightFormat::KerasH5, limits)
        }
        #[cfg(not(feature = "keras"))]
        {
            let _ = (bytes, limits);
            Err(WeightError::FeatureDisabled { format: WeightFormat::KerasH5.to_string() })
        }
    }

    /// Parses a Keras 3 `model.weights.h5` (as in a `.keras` archive, or written by
    /// `model.save_weights("x.weights.h5")`) with the model's `config.json` text, which names
    /// the variables (see [`WeightFile::from_keras_archive`]).
    ///
    /// # Errors
    ///
    /// An error if the HDF5 file or the JSON configuration is malformed, or they do not match.
    #[cfg(feature = "keras")]
    pub fn from_keras_weights_h5(h5: &[u8], config_json: &str) -> Result<Self, WeightError> {
        let config = serde_json::from_str(config_json)
            .map_err(|e| WeightError::Keras { reason: format!("the config is not JSON: {e}") })?;
        let loaded = super::keras::read_weights_h5(h5, config)?;
        Self::from_loaded(loaded, WeightFormat::KerasArchive, &WeightLimits::default())
    }

    #[cfg(feature = "keras")]
    fn from_loaded(
        loaded: super::keras::Loaded,
        format: WeightFormat,
        limits: &WeightLimits,
    ) -> Result<Self, WeightError> {
        if loaded.tensors.len() > limits.max_tensors {
            return Err(too_many_tensors(loaded.tensors.len(), limits));
        }
        // The tensors' data lies inside the file, whose size is bounded: the sum cannot
        // overflow, but is checked all the same.
        let total =
            loaded.tensors.iter().try_fold(0usize, |a, t| a.checked_add(t.data.len())).ok_or_else(|| {
                WeightError::InvalidHeader { reason: "the tensors' sizes overflow".to_string() }
            })?;
        let mut bytes = Vec::with_capacity(total);
        let mut entries = BTreeMap::new();
        for t in loaded.tensors {
            let start = bytes.len();
            bytes.extend_from_slice(&t.data);
            let entry = Entry { dtype: t.dtype, shape: t.shape, start, end: bytes.len() };
            if entries.insert(t.name.clone(), entry).is_some() {
                return Err(WeightError::Duplicate { name: t.name });
            }
        }
        let mut metadata = BTreeMap::new();
        metadata.insert("layout".to_string(), "keras".to_string());
        Ok(Self {
            bytes,
            entries,
            metadata,
            used: BTreeSet::new(),
            format,
            config: Some(loaded.config),
            skipped: loaded.skipped,
        })
    }

    /// The format the file was read from.
    #[must_use]
    pub fn format(&self) -> WeightFormat {
        self.format
    }

    /// The model's configuration of a Keras file: `config.json` of a `.keras` archive, the
    /// `model_config` attribute of a legacy `.h5` (`Null` if it has none); `None` for
    /// safetensors.
    #[cfg(feature = "keras")]
    #[must_use]
    pub fn keras_config(&self) -> Option<&serde_json::Value> {
        self.config.as_ref()
    }

    /// The datasets of a Keras file that are not layer variables by the rules of
    /// [`WeightFile::from_keras_archive`] (optimizer state, seed generators, layers of other
    /// classes), with their dtype and shape; they are not tensors of the file and are not
    /// reported as unused.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The tensor names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.keys().map(String::as_str)
    }

    /// Number of tensors in the file.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the file holds no tensor.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the file has a tensor of this name.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// A tensor's shape as stored.
    #[must_use]
    pub fn shape(&self, name: &str) -> Option<&[usize]> {
        self.entries.get(name).map(|e| e.shape.as_slice())
    }

    /// A tensor's dtype as safetensors names it (`"F32"`, `"F64"`, `"BF16"` ...).
    #[must_use]
    pub fn dtype(&self, name: &str) -> Option<String> {
        self.entries.get(name).map(|e| format!("{:?}", e.dtype))
    }

    /// The file's `__metadata__` (string to string).
    #[must_use]
    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.metadata
    }

    /// The `layout` the file's metadata declares, if any (`"keras"`, `"pytorch"`).
    pub fn declared_layout(&self) -> Option<&str> {
        self.metadata.get("layout").map(String::as_str)
    }

    /// Takes tensor `name`, which must have exactly `expected_shape` and the dtype of `E`,
    /// and marks it as used.
    ///
    /// A half-precision tensor (`F16`, `BF16`) is converted exactly to `E`; any other dtype
    /// than `E`'s is an error.
    ///
    /// # Errors
    ///
    /// [`WeightError::Missing`] (with the closest names), [`WeightError::Shape`] or
    /// [`WeightError::Dtype`].
    pub fn tensor<E: WeightElement>(
        &mut self,
        name: &str,
        expected_shape: &[usize],
    ) -> Result<Vec<E>, WeightError> {
        let values = self.peek(name, expected_shape)?;
        self.mark_used(name);
        Ok(values)
    }

    /// [`WeightFile::tensor`] without marking the tensor as used.
    pub(crate) fn peek<E: WeightElement>(
        &self,
        name: &str,
        expected_shape: &[usize],
    ) -> Result<Vec<E>, WeightError> {
        let entry = self.entries.get(name).ok_or_else(|| self.missing(name, None))?;
        let wanted = dtype_of::<E>();
        let half = match entry.dtype {
            d if d == wanted => None,
            Dtype::F16 => Some(f16_to_f32 as fn(u16) -> f32),
            Dtype::BF16 => Some(bf16_to_f32 as fn(u16) -> f32),
            other => {
                return Err(WeightError::Dtype {
                    name: name.to_string(),
                    expected: dtype_name(wanted),
                    actual: dtype_name(other),
                })
            }
        };
        let bytes = self.checked_bytes(name, entry, expected_shape)?;
        Ok(match half {
            None => bytes.chunks_exact(E::SIZE).filter_map(E::from_le_slice).collect(),
            Some(convert) => bytes
                .chunks_exact(2)
                .map(|b| E::from_f32(convert(u16::from_le_bytes([b[0], b[1]]))))
                .collect(),
        })
    }

    /// Takes integer tensor `name` (any of `I8` to `I64`, `U8` to `U64`, widened exactly to
    /// `i64`), which must have exactly `expected_shape`, and marks it as used: Keras's
    /// iteration counters and seed states, PyTorch's `num_batches_tracked`, labels.
    ///
    /// ```
    /// use shaped::io::WeightFile;
    /// use safetensors::{tensor::TensorView, Dtype};
    /// let data: Vec<u8> = [7i64, -1].iter().flat_map(|v| v.to_le_bytes()).collect();
    /// let view = TensorView::new(Dtype::I64, vec![2], &data).unwrap();
    /// let bytes = safetensors::serialize([("steps", view)], None).unwrap();
    /// let mut file = WeightFile::from_bytes(bytes)?;
    /// assert_eq!(file.tensor_i64("steps", &[2])?, vec![7, -1]);
    /// let err = file.tensor::<f32>("steps", &[2]).unwrap_err();
    /// assert!(err.to_string().contains("found I64 (int64)"));
    /// # Ok::<(), shaped::io::WeightError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`WeightFile::tensor`], and [`WeightError::IntegerRange`] for an unsigned value above
    /// `i64::MAX`.
    pub fn tensor_i64(&mut self, name: &str, expected_shape: &[usize]) -> Result<Vec<i64>, WeightError> {
        let values = self.peek_i64(name, expected_shape)?;
        self.mark_used(name);
        Ok(values)
    }

    /// [`WeightFile::tensor_i64`] without marking the tensor as used.
    pub(crate) fn peek_i64(&self, name: &str, expected_shape: &[usize]) -> Result<Vec<i64>, WeightError> {
        let entry = self.entries.get(name).ok_or_else(|| self.missing(name, None))?;
        let size = match entry.dtype {
            Dtype::I8 | Dtype::U8 => 1,
            Dtype::I16 | Dtype::U16 => 2,
            Dtype::I32 | Dtype::U32 => 4,
            Dtype::I64 | Dtype::U64 => 8,
            other => {
                return Err(WeightError::Dtype {
                    name: name.to_string(),
                    expected: "an integer (I64 (int64), I32 (int32) ...)".to_string(),
                    actual: dtype_name(other),
                })
            }
        };
        let signed = matches!(entry.dtype, Dtype::I8 | Dtype::I16 | Dtype::I32 | Dtype::I64);
        let bytes = self.checked_bytes(name, entry, expected_shape)?;
        let mut values = Vec::with_capacity(bytes.len() / size);
        for b in bytes.chunks_exact(size) {
            let mut raw = [0u8; 8];
            raw[..size].copy_from_slice(b);
            if signed && b[size - 1] & 0x80 != 0 {
                raw[size..].fill(0xFF); // sign extension
            }
            let unsigned = u64::from_le_bytes(raw);
            let value = if signed {
                i64::from_le_bytes(raw)
            } else {
                i64::try_from(unsigned)
                    .map_err(|_| WeightError::IntegerRange { name: name.to_string(), value: unsigned })?
            };
            values.push(value);
        }
        Ok(values)
    }

    /// The bytes of `entry`, after checking its shape and that they hold it.
    fn checked_bytes(
        &self,
        name: &str,
        entry: &Entry,
        expected_shape: &[usize],
    ) -> Result<&[u8], WeightError> {
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
        let size = match entry.dtype {
            Dtype::BOOL | Dtype::U8 | Dtype::I8 => 1,
            Dtype::F16 | Dtype::BF16 | Dtype::I16 | Dtype::U16 => 2,
            Dtype::F32 | Dtype::I32 | Dtype::U32 => 4,
            _ => 8,
        };
        let count = expected_shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        if count.and_then(|c| c.checked_mul(size)) != Some(bytes.len()) {
            return Err(WeightError::InvalidHeader {
                reason: format!("tensor {name}: {} bytes do not hold its shape", bytes.len()),
            });
        }
        Ok(bytes)
    }

    /// Marks a tensor as loaded.
    pub(crate) fn mark_used(&mut self, name: &str) {
        if self.entries.contains_key(name) {
            self.used.insert(name.to_string());
        }
    }

    /// The error for a missing tensor, suggesting the file's closest names.
    pub(crate) fn missing(&self, name: &str, hint: Option<String>) -> WeightError {
        let mut ranked: Vec<(usize, &String)> =
            self.entries.keys().map(|k| (edit_distance(name, k), k)).collect();
        ranked.sort();
        let mut available: Vec<String> = ranked.into_iter().take(SUGGEST).map(|(_, k)| k.clone()).collect();
        if available.len() == self.entries.len() {
            available.sort();
        }
        WeightError::Missing { name: name.to_string(), available, total: self.entries.len(), hint }
    }

    /// What was loaded and what was not.
    #[must_use]
    pub fn report(&self) -> LoadReport {
        LoadReport {
            loaded: self.used.iter().cloned().collect(),
            unused: self.entries.keys().filter(|k| !self.used.contains(*k)).cloned().collect(),
        }
    }

    /// The report, or [`WeightError::Unused`] if a tensor was not loaded (strict mode).
    ///
    /// # Errors
    ///
    /// [`WeightError::Unused`] naming the tensors nobody loaded.
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

/// The error for bytes given to the reader of another format.
fn wrong_format(bytes: &[u8], expected: &str) -> WeightError {
    let found = match sniff(bytes) {
        Some(WeightFormat::KerasArchive) => "a zip archive (it starts with PK\\x03\\x04)".to_string(),
        Some(_) => "an HDF5 file (it starts with \\x89HDF\\r\\n\\x1a\\n)".to_string(),
        None => format!(
            "it starts with {}",
            super::error::escape(&bytes.iter().take(16).copied().collect::<Vec<_>>())
        ),
    };
    WeightError::WrongFormat {
        expected: expected.to_string(),
        found,
        hint: "read it with WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and safetensors"
            .to_string(),
    }
}

fn check_file_size(len: u64, limits: &WeightLimits) -> Result<(), WeightError> {
    if len > limits.max_file_bytes {
        return Err(WeightError::Limit {
            limit: WeightLimit::FileBytes,
            found: len,
            max: limits.max_file_bytes,
        });
    }
    Ok(())
}

fn too_many_tensors(found: usize, limits: &WeightLimits) -> WeightError {
    WeightError::Limit { limit: WeightLimit::Tensors, found: found as u64, max: limits.max_tensors as u64 }
}

/// Checks a safetensors header of `claimed` bytes, whose first bytes are `header` (all of them
/// when it is complete): its size, then the number of its tensors, before it is parsed.
fn check_header(header: &[u8], claimed: u64, limits: &WeightLimits) -> Result<(), WeightError> {
    if claimed > limits.max_header_bytes {
        return Err(WeightError::Limit {
            limit: WeightLimit::HeaderBytes,
            found: claimed,
            max: limits.max_header_bytes,
        });
    }
    let header = header.get(..usize::try_from(claimed).unwrap_or(usize::MAX)).unwrap_or(header);
    let entries = count_entries(header, limits.max_tensors);
    if entries > limits.max_tensors {
        return Err(too_many_tensors(entries, limits));
    }
    Ok(())
}

/// Reads a weight file, checking its size first and, for safetensors, its header before the
/// data.
fn read_checked(path: &Path, limits: &WeightLimits) -> Result<Vec<u8>, WeightError> {
    use std::io::Read;
    let io = |e: std::io::Error| WeightError::Io { path: path.display().to_string(), error: e.into() };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    check_file_size(len, limits)?;
    let mut bytes = Vec::new();
    // The first 8 bytes: a safetensors header length, or a Keras file's signature.
    (&mut file).take(8).read_to_end(&mut bytes).map_err(io)?;
    if let (Ok(prefix), None) = (<[u8; 8]>::try_from(bytes.as_slice()), sniff(&bytes)) {
        let claimed = u64::from_le_bytes(prefix);
        let available = len.saturating_sub(8);
        if claimed <= available && bytes.len() == 8 {
            if claimed > limits.max_header_bytes {
                return Err(WeightError::Limit {
                    limit: WeightLimit::HeaderBytes,
                    found: claimed,
                    max: limits.max_header_bytes,
                });
            }
            (&mut file).take(claimed).read_to_end(&mut bytes).map_err(io)?;
            check_header(&bytes[8..], claimed, limits)?;
        }
    }
    // The rest, bounded by the size limit even if the file grows meanwhile.
    let rest = limits.max_file_bytes.saturating_add(1).saturating_sub(bytes.len() as u64);
    bytes.try_reserve_exact(usize::try_from(len).unwrap_or(0).saturating_sub(bytes.len())).map_err(|e| {
        let e = std::io::Error::new(std::io::ErrorKind::OutOfMemory, format!("{len} bytes: {e}"));
        WeightError::Io { path: path.display().to_string(), error: e.into() }
    })?;
    file.take(rest).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Levenshtein distance over characters, in `O(a * b)` time and `O(b)` memory.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Describes a safetensors validation error.
fn invalid(e: SafeTensorError) -> WeightError {
    let reason = match e {
        SafeTensorError::InvalidHeader(_) => "the header is not UTF-8 text".to_string(),
        SafeTensorError::InvalidHeaderDeserialization(_) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("conv1d_7.kernel", "conv1d_1.kernel"), 1);
        assert_eq!(edit_distance("conv1d_7.kernel", "conv1d.kernel"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    fn file_of(tensors: &[(&str, Dtype, Vec<usize>, Vec<u8>)]) -> WeightFile {
        let views: Vec<(&str, safetensors::tensor::TensorView<'_>)> = tensors
            .iter()
            .map(|(n, d, s, b)| (*n, safetensors::tensor::TensorView::new(*d, s.clone(), b).expect("view")))
            .collect();
        WeightFile::from_bytes(safetensors::serialize(views, None).expect("bytes")).expect("file")
    }

    #[test]
    fn half_precision_converts_exactly_and_other_dtypes_do_not() {
        let halves: Vec<u8> =
            [0x3C00u16, 0xC100, 0x0001, 0x7C00].iter().flat_map(|v| v.to_le_bytes()).collect();
        let brains: Vec<u8> = [0x3F80u16, 0xC0A0].iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut file =
            file_of(&[("h", Dtype::F16, vec![4], halves), ("b", Dtype::BF16, vec![2], brains.clone())]);
        let h: Vec<f32> = file.tensor("h", &[4]).expect("f16 as f32");
        assert_eq!(h, [1.0, -2.5, 2f32.powi(-24), f32::INFINITY]);
        let h: Vec<f64> = file.tensor("h", &[4]).expect("f16 as f64");
        assert_eq!(h, [1.0, -2.5, 2f64.powi(-24), f64::INFINITY]);
        let b: Vec<f64> = file.tensor("b", &[2]).expect("bf16 as f64");
        assert_eq!(b, [1.0, -5.0]);
        assert_eq!(
            file.tensor::<f32>("b", &[1, 2]).unwrap_err().to_string(),
            "weight b: expected shape (1, 2), found (2,) in the file"
        );
        let err = file.tensor_i64("b", &[2]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "weight b: expected dtype an integer (I64 (int64), I32 (int32) ...), found BF16 (bfloat16) \
             (convert the file; nothing is cast silently)"
        );
        assert!(file.finish_strict().is_ok());
    }

    #[test]
    fn integers_widen_exactly() {
        let i32s: Vec<u8> = [-7i32, 1 << 30].iter().flat_map(|v| v.to_le_bytes()).collect();
        let i8s = vec![0x80u8, 0x7F];
        let u64s: Vec<u8> = [5u64, u64::MAX].iter().flat_map(|v| v.to_le_bytes()).collect();
        let u16s: Vec<u8> = [65535u16].iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut file = file_of(&[
            ("a", Dtype::I32, vec![2], i32s),
            ("b", Dtype::I8, vec![2], i8s),
            ("c", Dtype::U64, vec![2], u64s),
            ("d", Dtype::U16, vec![1], u16s),
        ]);
        assert_eq!(file.tensor_i64("a", &[2]).expect("i32"), [-7, 1 << 30]);
        assert_eq!(file.tensor_i64("b", &[2]).expect("i8"), [-128, 127]);
        assert_eq!(file.tensor_i64("d", &[1]).expect("u16"), [65535]);
        assert_eq!(
            file.tensor_i64("c", &[2]).unwrap_err().to_string(),
            "weight c: value 18446744073709551615 does not fit in an i64"
        );
        assert_eq!(file.report().unused, ["c"]);
        assert!(file.tensor::<f32>("a", &[2]).is_err());
    }

    #[test]
    fn unknown_bytes_are_described() {
        let err = WeightFile::from_bytes(b"hello, this is text".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a weight file: its 19 bytes start with 68 65 6c 6c 6f 2c 20 74 68 69 73 20 69 73 20 74 \
             (b\"hello, this is t\"); expected safetensors (an 8-byte little-endian header length, then `{`), \
             a Keras 3 .keras archive (zip: `PK\\x03\\x04`) or a Keras HDF5 .h5 file (`\\x89HDF\\r\\n\\x1a\\n`)"
        );
        let err = WeightFile::from_safetensors_bytes(b"\x89HDF\r\n\x1a\n".to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("not a safetensors file: an HDF5 file"), "{err}");
        let err = WeightFile::from_keras_archive(b"\x89HDF\r\n\x1a\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a Keras 3 .keras (zip) file: an HDF5 file (it starts with \\x89HDF\\r\\n\\x1a\\n); read it with \
             WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and safetensors"
        );
        let err = WeightFile::from_keras_h5(b"\x10\0\0\0\0\0\0\0{}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a Keras HDF5 (.h5) file: it starts with b\"\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00{}\"; read it with \
             WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and safetensors"
        );
    }
}
