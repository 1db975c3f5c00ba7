//! Errors of the slice-level API.

use core::fmt;

/// A slice or parameter that does not match the convolution it is given to.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KernelError {
    /// A slice has the wrong number of elements.
    SliceLength {
        /// Which slice (`"input"`, `"output"`, `"kernel"`, `"bias"`).
        what: &'static str,
        /// Elements the parameters call for.
        expected: usize,
        /// Elements given.
        actual: usize,
    },
    /// The parameters describe no valid convolution.
    InvalidSpec(String),
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelError::SliceLength { what, expected, actual } => {
                write!(f, "Conv1D {what}: expected {expected} elements, got {actual}")
            }
            KernelError::InvalidSpec(why) => write!(f, "invalid Conv1D parameters: {why}"),
        }
    }
}

impl std::error::Error for KernelError {}
