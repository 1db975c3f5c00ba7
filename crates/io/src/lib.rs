//! The data boundary of `shaped`: where run-time data becomes typed tensors and layers.
//!
//! Types guard everything after the boundary; this crate makes the boundary itself solid,
//! because that is where a Keras user's remaining `ValueError`s live. Every function here
//! returns a `Result` whose error names what was expected and what was found, and none panics
//! on its input.
//!
//! | concept | Keras / Python equivalent | here |
//! | --- | --- | --- |
//! | ragged sequences to a batch | `keras.utils.pad_sequences` | [`pad_sequences`], [`pad_sequences_multi`] + [`PadReport`] |
//! | UEA/UCR `.ts` data sets | `sktime.datasets.load_from_tsfile` | [`TsDataset`] |
//! | layer weights | `layer.set_weights` / `load_state_dict` | [`WeightFile`], [`WeightWriter`], [`load_conv1d`], [`save_conv1d`] |
//! | Keras's own files | `keras.saving.load_model("x.keras")`, `load_model("x.h5")` | [`WeightFile::read`] (detects `.keras`, `.h5` and safetensors), [`WeightFile::keras_config`] |
//!
//! # From a `.ts` file to a padded, typed batch
//!
//! ```
//! use shaped::io::{pad_sequences_multi, PadOptions, Side, TsDataset};
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::Tensor;
//!
//! let text = "@problemName Tiny\n@dimensions 2\n@equalLength false\n@classLabel true a b\n@data\n\
//!             1,2,3:4,5,6:b\n7:8:a\n";
//! let data = TsDataset::<f32>::parse(text)?;
//! assert_eq!(data.labels(), &[1, 0]);
//! let (x, report): (Tensor<f32, shape![Dyn, 3, 2]>, _) =
//!     pad_sequences_multi(&data.sequences(), &PadOptions::new().padding(Side::Post))?;
//! assert_eq!(x.as_slice(), &[1., 4., 2., 5., 3., 6., 7., 8., 0., 0., 0., 0.]);
//! assert_eq!(report.padded, 1);
//! # Ok::<(), shaped::io::Error>(())
//! ```
//!
//! # Keras files
//!
//! [`WeightFile::read`] and [`WeightFile::from_bytes`] tell the formats apart by their first
//! bytes and give the same tensors, named `<layer>.<variable>` in Keras layout, so that every
//! loader works unchanged on a Keras 3 `.keras` archive, a legacy `.h5` file
//! (`model.save("x.h5")`) or safetensors:
//!
//! ```
//! use shaped::io::{load_conv1d, WeightFile, WeightFormat, WeightLayout};
//! use shaped::layers::Conv1D;
//! use shaped::shapes::U;
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/models/gunpoint_cnn_flatten");
//! for name in ["model.keras", "model.h5", "weights.safetensors"] {
//!     let mut file = WeightFile::read(format!("{dir}/{name}"))?;
//!     let conv: Conv1D<f32, U![1], U![16], U![7], U![2]> =
//!         load_conv1d(&mut file, "conv1d", WeightLayout::Keras)?;
//!     assert_eq!(conv.keras_kernel().len(), 7 * 16);
//!     if file.format() != WeightFormat::Safetensors {
//!         // The model's architecture, for a code generator: config.json / model_config.
//!         let config = file.keras_config().expect("a Keras file has a config");
//!         assert_eq!(config["config"]["layers"][1]["class_name"], "Conv1D");
//!     }
//! }
//! # Ok::<(), shaped::io::WeightError>(())
//! ```
//!
//! # Cargo features
//!
//! - `keras` (default): Keras 3 `.keras` archives and Keras `.h5` files. Without it, only
//!   safetensors is read, and a Keras file is an error saying so.
//!
//! # Dependencies
//!
//! - `safetensors`: the safetensors format's own crate (Hugging Face), which validates headers.
//! - `zip` 9 (`keras` feature), with `default-features = false` and only `deflate-flate2`:
//!   the maintained zip crate (zip-rs); Keras writes stored entries, deflate is for archives
//!   re-zipped by other tools; no encryption, bzip2, lzma, zstd or time dependencies.
//! - `flate2` 1 (`keras`), `default-features = false, features = ["rust_backend"]`: only to
//!   pick zip's deflate backend, the pure-Rust `miniz_oxide` (no C library).
//! - `serde_json` 1 (`keras`): `config.json` and the `model_config` attribute, returned as a
//!   `serde_json::Value`.
//! - HDF5: no crate. Of the pure-Rust readers on crates.io (`hdf5-reader`, `hdf5-pure`,
//!   `rust-hdf5`, `consus-hdf5`, `hdf5file`), `hdf5-reader` 0.12.1 (read-only, no C) was tried
//!   in depth: it reads every file h5py and Keras write here, but one of our Keras files with a
//!   few bytes changed made it allocate more than 8 GB (found within 100,000 mutations), and it
//!   pulls `memmap2`, `libc`, `ndarray` and `lru`. The crate's own reader (`weights/hdf5.rs`,
//!   about 1,000 lines with its tests) reads exactly what h5py writes for Keras (superblocks 0
//!   to 3, object headers 1 and 2, symbol tables and compact links, contiguous, compact and
//!   chunked datasets, string attributes) with every offset and size bounds-checked, and is
//!   fuzzed in `tests/keras_fuzz.rs`.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Pedantic lints (off by default; `cargo clippy -- -W clippy::pedantic` counts them) allowed
// on purpose, each for its reason:
#![allow(
    // Exact comparisons are the point: f16/bf16 and f64 -> f32 conversions must be exact.
    clippy::float_cmp,
    // File offsets and sizes are checked against the file length before every cast.
    clippy::cast_possible_truncation,
    clippy::similar_names,
)]
#![forbid(unsafe_code)]

mod error;
pub mod pad;
pub mod ts;
pub mod weights;

pub use error::{Error, OsError};
pub use pad::{
    pad_sequences, pad_sequences_masked, pad_sequences_multi, pad_sequences_multi_masked, PadError,
    PadOptions, PadReport, Side,
};
pub use ts::{TsDataset, TsError, TsErrorKind, TsHeader, TsLimit, TsLimits, TsOptions};
pub use weights::{
    load_batch_norm, load_conv1d, load_conv1d_without_bias, load_dense, load_embedding, save_batch_norm,
    save_conv1d, save_dense, save_embedding, LoadReport, WeightElement, WeightError, WeightFile,
    WeightFormat, WeightLayout, WeightLimit, WeightLimits, WeightWriter,
};
