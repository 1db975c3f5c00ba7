//! A reader for the UEA/UCR time-series archive's `.ts` text format.
//!
//! **Python equivalent:** `sktime.datasets.load_from_tsfile` (to a nested data frame) followed
//! by stacking into `(cases, length, dimensions)`.
//!
//! A file is a header of `@` lines (`@problemName`, `@univariate`, `@dimensions`,
//! `@equalLength`, `@seriesLength`, `@classLabel true LABEL...`), then `@data` and one case per
//! line: dimensions separated by `:`, values by `,`, the class label last. Class labels become
//! indices in the order `@classLabel` lists them.
//!
//! [`TsDataset`] holds the cases as parsed (any lengths); [`TsDataset::to_tensor`] gives an
//! equal-length data set as a typed `(batch, length, channels)` tensor, checked against the
//! type, and [`TsDataset::sequences`] gives unequal-length cases for
//! [`crate::pad_sequences_multi`]. Malformed input is a [`TsError`] naming the line, what was
//! expected and what was found; no input makes the reader panic.
//!
//! Values that are not finite numbers (`nan`, `inf`, `1e39` for `f32`) and missing values
//! (`?`) are errors unless [`TsOptions`] accepts them; the reader's time and memory are linear
//! in its input and bounded by [`TsLimits`] (file size, line length, labels, cases).
//!
//! ```
//! use shaped::io::TsDataset;
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::Tensor;
//!
//! let text = "@problemName Toy\n@univariate true\n@equalLength true\n@seriesLength 3\n\
//!             @classLabel true up down\n@data\n1,2,3:up\n3,2,1:down\n";
//! let data = TsDataset::<f64>::parse(text)?;
//! assert_eq!((data.len(), data.dimensions()), (2, 1));
//! assert_eq!(data.labels(), &[0, 1]);
//! let x: Tensor<f64, shape![Dyn, 3, 1]> = data.to_tensor()?;
//! assert_eq!(x.as_slice(), &[1., 2., 3., 3., 2., 1.]);
//!
//! let err = TsDataset::<f64>::parse(&text.replace("3,2,1", "3,x,1")).unwrap_err();
//! assert_eq!(err.to_string(), "line 8: dimension 0, step 1: expected a number, found \"x\"");
//! # Ok::<(), shaped::io::TsError>(())
//! ```

mod dataset;
mod error;
mod header;
mod options;
mod parse;

pub use dataset::TsDataset;
pub use error::{TsError, TsErrorKind, TsLimit, KNOWN_LABELS_SHOWN};
pub use header::TsHeader;
pub use options::{TsLimits, TsOptions};
