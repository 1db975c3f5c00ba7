//! Tensors whose shape is a type.
//!
//! A [`Tensor<E, S>`] holds elements of type `E` (`f32` or `f64`) on the heap, in row-major
//! order, with the shape `S` a tuple of dimension types, batch first (see `shaped-shapes`).
//! Data entering from run time (a `Vec`, a slice, an iterator, nested `Vec`s) is checked once,
//! here: a wrong length or a ragged row is a [`ShapeError`] that names what was expected and
//! what was found. After that, the types carry the shape.
//!
//! ```
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::Tensor;
//!
//! // Keras: np.zeros((100, 20, 1), dtype="float32")
//! let x = Tensor::<f32, shape![100, 20, 1]>::zeros();
//! assert_eq!(x.dims(), vec![100, 20, 1]);
//!
//! // A batch known only at run time: 2 sequences of 3 steps, 1 channel.
//! let y = Tensor::<f32, shape![Dyn, 3, 1]>::from_vec(vec![1., 2., 3., 4., 5., 6.])?;
//! assert_eq!(y.batch(), 2);
//!
//! // 7 values are not a whole number of (3, 1) samples: an error, never truncation.
//! let err = Tensor::<f32, shape![Dyn, 3, 1]>::from_vec(vec![0.0; 7]).unwrap_err();
//! assert_eq!(err.to_string(), "expected a whole number of samples of shape (3, 1) (3 elements each), got 7 elements");
//! # Ok::<(), shaped::tensor::ShapeError>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
// Pedantic lints (off by default; `cargo clippy -- -W clippy::pedantic` counts them) allowed
// on purpose, each for its reason:
#![allow(
    // Exact comparisons are the point: casts at the boundary must round-trip exactly.
    clippy::float_cmp,
    // Counts and indices as f32/f64 (accuracies, test data) stay far below 2^23.
    clippy::cast_precision_loss,
)]
#![forbid(unsafe_code)]

mod batching;
mod element;
mod error;
mod interop;
mod masked;
mod reshape;
mod tensor;
mod tokens;
mod workspace;

pub use element::Element;
pub use error::ShapeError;
pub use masked::{Mask, Masked, StepShape};
pub use tensor::Tensor;
pub use tokens::Tokens;
pub use workspace::{Buffers, Workspace};

/// The `ndarray` version the conversions ([`Tensor::from_ndarray`], [`Tensor::to_ndarray`]) take
/// and return, re-exported so that callers name the same one (`shaped::ndarray::Array3`).
#[cfg(feature = "ndarray")]
pub use ndarray;

/// generic-array, re-exported: per-sample views are `&GenericArray<E, S::Sample>`.
pub use generic_array;
