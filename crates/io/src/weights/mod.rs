//! Layer weights as safetensors (or Keras's own files), in Keras layout or PyTorch layout.
//!
//! **Keras equivalent:** `layer.set_weights([kernel, bias])` / `model.load_weights(...)`;
//! **PyTorch equivalent:** `module.load_state_dict(safetensors.torch.load_file(...))`.
//!
//! A [`WeightFile`] is a parsed safetensors file, Keras 3 `.keras` archive or legacy Keras
//! `.h5` file (told apart by their first bytes; see [`WeightFormat`]). Its tensors are taken by name with the exact
//! shape and dtype the layer needs ([`WeightFile::tensor`]); layer helpers such as
//! [`load_conv1d`] name the tensors (`<layer>.kernel` in Keras, `<layer>.weight` in PyTorch)
//! and check their layout. The layout is always an argument, [`WeightLayout`], never guessed
//! from a shape: a PyTorch `(filters, in_channels, kernel_size)` tensor put into a Keras slot
//! whose shape happens to be the same is what Keras accepts silently and computes garbage with
//! (catalog row `set_weights_pytorch_layout_ambiguous`).
//!
//! After loading every layer of a model from one file, [`WeightFile::report`] lists the
//! tensors nobody took, and [`WeightFile::finish_strict`] makes them an error.
//! [`WeightWriter`] and [`save_conv1d`] write files in either layout.
//!
//! ```
//! use shaped::io::{load_conv1d, save_conv1d, WeightFile, WeightLayout, WeightWriter};
//! use shaped::layers::Conv1D;
//! use shaped::shapes::U;
//!
//! type Conv = Conv1D<f32, U![3], U![3], U![3]>; // 3 channels in, 3 filters, kernel 3
//! let conv = Conv::new(7);
//!
//! // Saved in PyTorch layout: `conv.weight` (filters, in_channels, kernel_size).
//! let mut writer = WeightWriter::new();
//! save_conv1d(&mut writer, "conv", &conv, WeightLayout::PyTorch)?;
//! let bytes = writer.to_bytes()?;
//!
//! // Loading it in Keras layout fails by name, although the shapes are both (3, 3, 3).
//! let mut file = WeightFile::from_bytes(bytes)?;
//! let err = load_conv1d::<f32, U![3], U![3], U![3], _, _, _, _, _>(&mut file, "conv", WeightLayout::Keras)
//!     .map(|_: Conv| ()).unwrap_err();
//! assert!(err.to_string().starts_with("the file declares layout \"pytorch\""));
//!
//! let loaded: Conv = load_conv1d(&mut file, "conv", WeightLayout::PyTorch)?;
//! assert_eq!(loaded.keras_kernel(), conv.keras_kernel());
//! assert!(file.finish_strict()?.unused.is_empty());
//! # Ok::<(), shaped::io::WeightError>(())
//! ```

mod conv1d;
mod dense_bn;
mod element;
mod embedding;
mod error;
mod file;
#[cfg(feature = "keras")]
mod hdf5;
#[cfg(feature = "keras")]
mod keras;
mod layout;
mod limits;
mod source;
mod writer;

pub use conv1d::{load_conv1d, load_conv1d_without_bias, save_conv1d};
pub use dense_bn::{load_batch_norm, load_dense, save_batch_norm, save_dense};
pub use element::WeightElement;
pub use embedding::{load_embedding, save_embedding};
pub use error::WeightError;
pub use file::{LoadReport, WeightFile, WeightFormat};
pub use layout::WeightLayout;
pub use limits::{WeightLimit, WeightLimits};
pub use writer::WeightWriter;

/// Writes a shape the way Keras prints it: `(3, 1, 32)`, `(32,)`, `()`.
pub(crate) fn fmt_shape(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [d] => format!("({d},)"),
        _ => format!("({})", shape.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
    }
}
