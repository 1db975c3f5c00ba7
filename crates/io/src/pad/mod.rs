//! `pad_sequences`: ragged sequences to a typed `(batch, length, channels)` tensor.
//!
//! **Keras equivalent:** `keras.utils.pad_sequences(sequences, maxlen, dtype, padding,
//! truncating, value)`, with three differences that follow from the types:
//!
//! - `maxlen` is the tensor's length type `L`: the result is a `Tensor<E, (Dyn, L, C)>`.
//!   Keras's `maxlen=None` (the longest sequence) becomes
//!   [`PadOptions::require_longest`], which checks that the longest sequence is `L` long.
//! - The element type is the input's (`f32` or `f64`). Keras's default `dtype="int32"` silently
//!   zeroes float data in `[0, 1)`; there is no such default here.
//! - Every call returns a [`PadReport`]: how many sequences were padded, how many were
//!   truncated and how many steps were dropped, because silently losing data is the fear.
//!   [`PadOptions::forbid_truncation`] turns any truncation into an error.
//!
//! ```
//! use shaped::io::{pad_sequences, PadOptions, Side};
//! use shaped::shapes::U;
//!
//! // Keras: pad_sequences([[1., 2.], [3., 4., 5., 6.]], maxlen=3, dtype="float32",
//! //                      padding="post", value=-1.5)
//! let seqs = vec![vec![1.0f32, 2.0], vec![3.0, 4.0, 5.0, 6.0]];
//! let options = PadOptions::new().padding(Side::Post).value(-1.5);
//! let (x, report) = pad_sequences::<f32, U![3], _>(&seqs, &options)?;
//! assert_eq!(x.dims(), vec![2, 3, 1]);
//! assert_eq!(x.as_slice(), &[1.0, 2.0, -1.5, /* truncating="pre" keeps the end */ 4.0, 5.0, 6.0]);
//! assert_eq!((report.padded, report.truncated, report.steps_dropped), (1, 1, 1));
//! # Ok::<(), shaped::io::PadError>(())
//! ```

mod error;
mod masked;
mod options;
mod report;
mod sequences;

pub use error::PadError;
pub use masked::{pad_sequences_masked, pad_sequences_multi_masked};
pub use options::{PadOptions, Side};
pub use report::PadReport;
pub use sequences::{pad_sequences, pad_sequences_multi};
