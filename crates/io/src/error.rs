//! One error for everything at the boundary, for applications that use `?` across readers.

use core::fmt;

use shaped_tensor::ShapeError;

use crate::{PadError, TsError, WeightError};

/// Any error of this crate (and the tensor crate's [`ShapeError`]), so that one `?` covers
/// reading a data set, padding it and loading weights.
///
/// ```
/// fn load() -> Result<(), shaped_io::Error> {
///     let _data = shaped_io::TsDataset::<f32>::parse("@data\n")?;
///     Ok(())
/// }
/// assert_eq!(load().unwrap_err().to_string(), "line 1: @data before @classLabel: the header must declare the class labels (or `@classLabel false`)");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Padding or truncating sequences.
    Pad(PadError),
    /// Reading a `.ts` data set.
    Ts(TsError),
    /// Reading or writing weights.
    Weight(WeightError),
    /// Data entering a typed tensor.
    Shape(ShapeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pad(e) => e.fmt(f),
            Error::Ts(e) => e.fmt(f),
            Error::Weight(e) => e.fmt(f),
            Error::Shape(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Pad(e) => Some(e),
            Error::Ts(e) => Some(e),
            Error::Weight(e) => Some(e),
            Error::Shape(e) => Some(e),
        }
    }
}

impl From<PadError> for Error {
    fn from(e: PadError) -> Self {
        Error::Pad(e)
    }
}

impl From<TsError> for Error {
    fn from(e: TsError) -> Self {
        Error::Ts(e)
    }
}

impl From<WeightError> for Error {
    fn from(e: WeightError) -> Self {
        Error::Weight(e)
    }
}

impl From<ShapeError> for Error {
    fn from(e: ShapeError) -> Self {
        Error::Shape(e)
    }
}
