//! Writing safetensors files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use safetensors::tensor::TensorView;
use safetensors::Dtype;

use super::element::dtype_of;
use super::{WeightElement, WeightError, WeightLayout};

/// Collects named tensors and writes them as a safetensors file.
///
/// The layouts used by the layer helpers ([`crate::save_conv1d`]) are recorded in the file's
/// `layout` metadata (`"keras"`, `"pytorch"`, or `"mixed"`), which the loaders check.
///
/// ```
/// use shaped::io::{WeightFile, WeightWriter};
/// let mut w = WeightWriter::new();
/// w.add("x", &[2], &[1.0f64, 2.0])?;
/// assert_eq!(w.add("x", &[1], &[3.0f64]).unwrap_err().to_string(), "weight x written twice");
/// assert_eq!(
///     w.add("y", &[2, 2], &[1.0f64]).unwrap_err().to_string(),
///     "weight y: shape (2, 2) holds 4 elements, got 1"
/// );
/// let file = WeightFile::from_bytes(w.to_bytes()?)?;
/// assert_eq!(file.dtype("x").as_deref(), Some("F64"));
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct WeightWriter {
    tensors: BTreeMap<String, (Dtype, Vec<usize>, Vec<u8>)>,
    layouts: BTreeSet<&'static str>,
    metadata: BTreeMap<String, String>,
}

impl WeightWriter {
    /// An empty file.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds tensor `name` of `shape` holding `values` (row-major).
    ///
    /// # Errors
    ///
    /// [`WeightError::Duplicate`] for a name already added, [`WeightError::DataLength`] if
    /// `values` does not fill `shape`.
    pub fn add<E: WeightElement>(
        &mut self,
        name: &str,
        shape: &[usize],
        values: &[E],
    ) -> Result<(), WeightError> {
        if self.tensors.contains_key(name) {
            return Err(WeightError::Duplicate { name: name.to_string() });
        }
        let count = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        if count != Some(values.len()) {
            return Err(WeightError::DataLength {
                name: name.to_string(),
                shape: shape.to_vec(),
                len: values.len(),
            });
        }
        let mut bytes = Vec::with_capacity(values.len() * E::SIZE);
        for &v in values {
            v.extend_le(&mut bytes);
        }
        self.tensors.insert(name.to_string(), (dtype_of::<E>(), shape.to_vec(), bytes));
        Ok(())
    }

    /// Sets a `__metadata__` entry (e.g. `"model"`); `layout` is managed by the layer helpers.
    pub fn metadata(&mut self, key: &str, value: &str) {
        self.metadata.insert(key.to_string(), value.to_string());
    }

    /// Records that a layer was written in `layout`.
    pub(crate) fn note_layout(&mut self, layout: WeightLayout) {
        self.layouts.insert(layout.as_str());
    }

    /// Tensors added so far.
    #[must_use]
    pub fn len(&self) -> usize {
        self.tensors.len()
    }

    /// True when nothing was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tensors.is_empty()
    }

    /// The safetensors bytes.
    ///
    /// # Errors
    ///
    /// An error if safetensors refuses to serialise the tensors.
    pub fn to_bytes(&self) -> Result<Vec<u8>, WeightError> {
        let mut views = Vec::with_capacity(self.tensors.len());
        for (name, (dtype, shape, bytes)) in &self.tensors {
            let view = TensorView::new(*dtype, shape.clone(), bytes)
                .map_err(|e| WeightError::InvalidHeader { reason: format!("tensor {name}: {e}") })?;
            views.push((name.as_str(), view));
        }
        let mut metadata: HashMap<String, String> =
            self.metadata.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut layouts = self.layouts.iter();
        match (layouts.next(), layouts.next()) {
            (Some(one), None) => {
                metadata.insert("layout".to_string(), (*one).to_string());
            }
            (Some(_), Some(_)) => {
                metadata.insert("layout".to_string(), "mixed".to_string());
            }
            _ => {}
        }
        let metadata = (!metadata.is_empty()).then_some(metadata);
        safetensors::serialize(views, metadata)
            .map_err(|e| WeightError::InvalidHeader { reason: e.to_string() })
    }

    /// Writes the file.
    ///
    /// # Errors
    ///
    /// [`WeightError::Io`] (with the operating system's error) if the file cannot be written;
    /// otherwise as [`WeightWriter::to_bytes`].
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), WeightError> {
        let path = path.as_ref();
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes)
            .map_err(|e| WeightError::Io { path: path.display().to_string(), error: e.into() })
    }
}
