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
//!
//! # From a `.ts` file to a padded, typed batch
//!
//! ```
//! use shaped_io::{pad_sequences_multi, PadOptions, Side, TsDataset};
//! use shaped_shapes::{shape, Dyn};
//! use shaped_tensor::Tensor;
//!
//! let text = "@problemName Tiny\n@dimensions 2\n@equalLength false\n@classLabel true a b\n@data\n\
//!             1,2,3:4,5,6:b\n7:8:a\n";
//! let data = TsDataset::<f32>::parse(text)?;
//! assert_eq!(data.labels(), &[1, 0]);
//! let (x, report): (Tensor<f32, shape![Dyn, 3, 2]>, _) =
//!     pad_sequences_multi(&data.sequences(), &PadOptions::new().padding(Side::Post))?;
//! assert_eq!(x.as_slice(), &[1., 4., 2., 5., 3., 6., 7., 8., 0., 0., 0., 0.]);
//! assert_eq!(report.padded, 1);
//! # Ok::<(), shaped_io::Error>(())
//! ```
#![forbid(unsafe_code)]

mod error;
pub mod pad;
pub mod ts;
pub mod weights;

pub use error::Error;
pub use pad::{pad_sequences, pad_sequences_multi, PadError, PadOptions, PadReport, Side};
pub use ts::{TsDataset, TsError, TsErrorKind, TsHeader};
pub use weights::{
    load_batch_norm, load_conv1d, load_conv1d_without_bias, load_dense, save_batch_norm, save_conv1d,
    save_dense, LoadReport, WeightElement, WeightError, WeightFile, WeightFormat, WeightLayout, WeightWriter,
};
