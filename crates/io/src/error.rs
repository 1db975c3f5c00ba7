//! One error for everything at the boundary, for applications that use `?` across readers.

use core::fmt;
use std::sync::Arc;

use shaped_tensor::ShapeError;

use crate::{PadError, TsError, WeightError};

/// Any error of this crate (and the tensor crate's [`ShapeError`]), so that one `?` covers
/// reading a data set, padding it and loading weights.
///
/// Its `Display` says which step failed and its [`source`](std::error::Error::source) is the
/// step's own error, so that error reporters (`anyhow`, `eyre`, a loop over `source()`) print
/// each message once. Its `Debug` form (what `fn main() -> Result<(), shaped::io::Error>`
/// prints) is the whole chain on one line; `{:#?}` gives the variant and fields.
///
/// ```
/// use std::error::Error as _;
///
/// fn load() -> Result<(), shaped::io::Error> {
///     let _data = shaped::io::TsDataset::<f32>::parse("@data\n")?;
///     Ok(())
/// }
/// let e = load().unwrap_err();
/// assert_eq!(e.to_string(), "cannot read the .ts data set");
/// assert_eq!(e.source().unwrap().to_string(), "line 1: @data before @classLabel: the header must declare the class labels (or `@classLabel false`)");
/// assert_eq!(format!("{e:?}"), "cannot read the .ts data set: line 1: @data before @classLabel: the header must declare the class labels (or `@classLabel false`)");
/// ```
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

impl Error {
    /// The step's own error, the one [`source`](std::error::Error::source) returns.
    fn inner(&self) -> &(dyn std::error::Error + 'static) {
        match self {
            Error::Pad(e) => e,
            Error::Ts(e) => e,
            Error::Weight(e) => e,
            Error::Shape(e) => e,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::Pad(_) => "cannot pad the sequences",
            Error::Ts(_) => "cannot read the .ts data set",
            Error::Weight(_) => "cannot read or write the weights",
            Error::Shape(_) => "the data does not fit the tensor's shape",
        })
    }
}

/// The chain of messages, `step: cause: cause ...`, on one line; the alternate form (`{:#?}`)
/// is the variant with its fields.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return match self {
                Error::Pad(e) => f.debug_tuple("Pad").field(e).finish(),
                Error::Ts(e) => f.debug_tuple("Ts").field(e).finish(),
                Error::Weight(e) => f.debug_tuple("Weight").field(e).finish(),
                Error::Shape(e) => f.debug_tuple("Shape").field(e).finish(),
            };
        }
        write!(f, "{self}")?;
        let mut cause = Some(self.inner());
        while let Some(e) = cause {
            write!(f, ": {e}")?;
            cause = e.source();
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.inner())
    }
}

/// An operating-system error, kept as the [`std::io::Error`] it is (behind an `Arc`, so that the
/// errors holding it stay `Clone`).
///
/// Two are equal when their [`kind`](std::io::Error::kind)s and messages are.
///
/// ```
/// let e = shaped::io::TsDataset::<f32>::read("no/such/file.ts").unwrap_err();
/// match e.kind() {
///     shaped::io::TsErrorKind::Io { error, .. } => assert_eq!(error.kind(), std::io::ErrorKind::NotFound),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Debug)]
pub struct OsError(Arc<std::io::Error>);

impl OsError {
    /// The [`std::io::Error`].
    #[must_use]
    pub fn get(&self) -> &std::io::Error {
        &self.0
    }

    /// Its kind (`NotFound`, `PermissionDenied` ...).
    #[must_use]
    pub fn kind(&self) -> std::io::ErrorKind {
        self.0.kind()
    }
}

impl From<std::io::Error> for OsError {
    fn from(e: std::io::Error) -> Self {
        OsError(Arc::new(e))
    }
}

impl PartialEq for OsError {
    fn eq(&self, other: &Self) -> bool {
        self.kind() == other.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for OsError {}

impl fmt::Display for OsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
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

#[cfg(test)]
mod tests {
    use shaped_tensor::ShapeError;

    use super::Error;
    use crate::{TsDataset, WeightError};

    /// The messages of `e` and its sources, in order.
    fn chain(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
        let mut out = vec![e.to_string()];
        let mut cause = e.source();
        while let Some(c) = cause {
            out.push(c.to_string());
            cause = c.source();
        }
        out
    }

    #[test]
    fn no_message_is_printed_twice_along_the_chain() {
        let shape = ShapeError::Batch { expected: 3, actual: 2 };
        let errors = [
            Error::from(shape.clone()),
            Error::from(WeightError::Layer(shape.clone())),
            Error::from(TsDataset::<f32>::parse("@data\n").unwrap_err()),
            Error::from(TsDataset::<f32>::read("/no/such/dir/x.ts").unwrap_err()),
        ];
        for e in &errors {
            let messages = chain(e);
            assert!(messages.len() >= 2, "{messages:?}");
            for (i, m) in messages.iter().enumerate() {
                for later in &messages[i + 1..] {
                    assert!(!m.contains(later.as_str()), "printed twice: {messages:?}");
                }
            }
            // The Debug form is the chain on one line.
            assert_eq!(format!("{e:?}"), messages.join(": "));
        }
    }

    #[test]
    fn os_errors_keep_their_kind() {
        let e = Error::from(TsDataset::<f32>::read("/no/such/dir/x.ts").unwrap_err());
        let Error::Ts(ts) = &e else { panic!("{e:#?}") };
        let crate::TsErrorKind::Io { error, path } = ts.kind() else { panic!("{ts:?}") };
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(path, "/no/such/dir/x.ts");
        assert_eq!(error.get().kind(), std::io::ErrorKind::NotFound);
        assert!(format!("{e:#?}").starts_with("Ts("), "{e:#?}");
    }
}
