//! The error of the `.ts` reader.

use core::fmt;

use shaped_tensor::ShapeError;

use crate::OsError;

/// A `.ts` file that cannot be read, or a data set that does not fit the requested type.
///
/// [`TsError::line`] is the 1-based line of the problem, when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsError {
    line: Option<usize>,
    kind: TsErrorKind,
}

impl TsError {
    pub(crate) fn at(line: usize, kind: TsErrorKind) -> Self {
        Self { line: Some(line), kind }
    }

    pub(crate) fn new(kind: TsErrorKind) -> Self {
        Self { line: None, kind }
    }

    /// The 1-based line number of the problem, if it is on one line.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> &TsErrorKind {
        &self.kind
    }
}

impl fmt::Display for TsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for TsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            // Displayed as the shape error's message itself, so its source is that error's source
            // (reporters would otherwise print the message twice).
            TsErrorKind::Shape(e) => std::error::Error::source(e),
            TsErrorKind::Io { error, .. } => error.get().source(),
            _ => None,
        }
    }
}

/// At most this many class labels are listed by an [`TsErrorKind::UnknownLabel`] error.
pub const KNOWN_LABELS_SHOWN: usize = 10;

/// A limit of [`crate::TsLimits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TsLimit {
    /// [`crate::TsLimits::max_bytes`].
    Bytes,
    /// [`crate::TsLimits::max_line_bytes`].
    LineBytes,
    /// [`crate::TsLimits::max_labels`].
    Labels,
    /// [`crate::TsLimits::max_cases`].
    Cases,
}

/// What is wrong with a `.ts` file or a conversion of its data.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TsErrorKind {
    /// The file could not be read.
    Io {
        /// The path given.
        path: String,
        /// The operating system's error (its `kind()` tells a missing file from a denied one).
        error: OsError,
    },
    /// The bytes are not UTF-8 text.
    NotUtf8,
    /// A line before `@data` that is neither a comment nor a header line.
    ExpectedHeader {
        /// The start of the line.
        found: String,
    },
    /// A header tag this reader does not know.
    UnknownHeader {
        /// The tag, e.g. `@foo`.
        tag: String,
    },
    /// A header tag given twice.
    DuplicateHeader {
        /// The tag.
        tag: String,
        /// The line of its first occurrence.
        first_line: usize,
    },
    /// A header tag with a value of the wrong kind.
    BadHeaderValue {
        /// The tag.
        tag: String,
        /// What it takes, e.g. `true or false`.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// A feature of the format this reader does not support.
    Unsupported {
        /// The feature.
        what: &'static str,
    },
    /// `@data` before any `@classLabel` line.
    NoClassLabels,
    /// `@classLabel true` without labels.
    EmptyClassLabels,
    /// A class label listed twice in `@classLabel`.
    DuplicateClassLabel {
        /// The label.
        label: String,
    },
    /// `@univariate true` with `@dimensions` other than 1.
    UnivariateDimensions {
        /// The `@dimensions` value.
        dimensions: usize,
    },
    /// No `@data` line.
    MissingData,
    /// A header line after `@data`.
    HeaderAfterData {
        /// The tag.
        tag: String,
    },
    /// A case without its class label.
    MissingLabel,
    /// A case with the wrong number of dimensions.
    Dimensions {
        /// The dimensions declared by `@dimensions` (or found in the first case).
        expected: usize,
        /// The dimensions found.
        found: usize,
    },
    /// A value that is not a number.
    BadNumber {
        /// The dimension (0-based).
        dimension: usize,
        /// The time step (0-based).
        step: usize,
        /// The text found.
        found: String,
    },
    /// A missing value (`?`), which this reader does not fill in.
    MissingValue {
        /// The dimension (0-based).
        dimension: usize,
        /// The time step (0-based).
        step: usize,
    },
    /// A dimension of a case whose length differs from the case's first dimension.
    InconsistentLength {
        /// The dimension (0-based).
        dimension: usize,
        /// The length of dimension 0.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A case whose length differs from `@seriesLength` (or from the first case in an
    /// `@equalLength true` file).
    SeriesLength {
        /// The declared length.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A class label not listed in `@classLabel`.
    UnknownLabel {
        /// The label found.
        found: String,
        /// The first labels `@classLabel` lists (at most [`KNOWN_LABELS_SHOWN`]).
        known: Vec<String>,
        /// How many labels `@classLabel` lists.
        total: usize,
    },
    /// A value that is not a finite number of the element type: `nan`, `inf`, or a number out
    /// of its range (`1e39` for `f32`), refused unless [`crate::TsOptions::allow_non_finite`].
    NonFinite {
        /// The dimension (0-based).
        dimension: usize,
        /// The time step (0-based).
        step: usize,
        /// The text found.
        found: String,
        /// The element type, as numpy's dtype (`float32`).
        dtype: &'static str,
        /// True for a number out of the type's range (read as `±inf`), false for a NaN or
        /// infinity written as such.
        out_of_range: bool,
    },
    /// A limit of [`crate::TsLimits`] exceeded.
    Limit {
        /// Which limit.
        limit: TsLimit,
        /// What was found (at least `max + 1`).
        found: u64,
        /// The limit in force.
        max: u64,
    },
    /// A case whose length differs from the tensor type's length.
    TensorLength {
        /// The case index (0-based).
        case: usize,
        /// The tensor type's length.
        expected: usize,
        /// The case's length.
        found: usize,
    },
    /// A data set whose dimension count differs from the requested channel count.
    TensorChannels {
        /// The requested channel count.
        expected: usize,
        /// The data set's dimensions.
        found: usize,
    },
    /// The data did not fit the tensor type.
    Shape(ShapeError),
}

impl fmt::Display for TsErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TsErrorKind as K;
        match self {
            K::Io { path, error } => write!(f, "cannot read {path}: {error}"),
            K::NotUtf8 => write!(f, "expected UTF-8 text, found invalid bytes"),
            K::ExpectedHeader { found } => write!(
                f,
                "expected a header line (`@...`), a comment (`#...`) or `@data`, found {found:?}"
            ),
            K::UnknownHeader { tag } => write!(
                f,
                "unknown header {tag} (expected @problemName, @timeStamps, @missing, @univariate, \
                 @dimensions, @equalLength, @seriesLength, @classLabel or @data)"
            ),
            K::DuplicateHeader { tag, first_line } => {
                write!(f, "{tag} given twice (first on line {first_line})")
            }
            K::BadHeaderValue { tag, expected, found } => {
                write!(f, "{tag} expects {expected}, found {found:?}")
            }
            K::Unsupported { what } => write!(f, "unsupported: {what}"),
            K::NoClassLabels => write!(
                f,
                "@data before @classLabel: the header must declare the class labels (or `@classLabel false`)"
            ),
            K::EmptyClassLabels => write!(f, "@classLabel true lists no labels"),
            K::DuplicateClassLabel { label } => write!(f, "@classLabel lists {label:?} twice"),
            K::UnivariateDimensions { dimensions } => {
                write!(f, "@univariate true but @dimensions {dimensions}, expected 1")
            }
            K::MissingData => write!(f, "no @data line: the file ends inside the header"),
            K::HeaderAfterData { tag } => write!(f, "header line {tag} after @data"),
            K::MissingLabel => write!(
                f,
                "expected `dimension:...:label`, found no `:` before the class label"
            ),
            K::Dimensions { expected, found } => {
                write!(f, "expected {expected} dimensions, found {found}")
            }
            K::BadNumber { dimension, step, found } => write!(
                f,
                "dimension {dimension}, step {step}: expected a number, found {found:?}"
            ),
            K::MissingValue { dimension, step } => write!(
                f,
                "dimension {dimension}, step {step}: missing value `?` (TsOptions::missing_as_nan reads it as NaN)"
            ),
            K::NonFinite { dimension, step, found, dtype, out_of_range } => {
                if *out_of_range {
                    let sign = if found.trim_start().starts_with('-') { "-" } else { "" };
                    write!(
                        f,
                        "dimension {dimension}, step {step}: {found:?} is out of the range of {dtype} (it reads as {sign}inf); \
                         TsOptions::allow_non_finite accepts it as {sign}inf"
                    )
                } else {
                    write!(
                        f,
                        "dimension {dimension}, step {step}: {found:?} is not a finite number; \
                         TsOptions::allow_non_finite accepts NaN and infinities"
                    )
                }
            }
            K::Limit { limit, found, max } => {
                let (what, name) = match limit {
                    TsLimit::Bytes => (format!("the file is {found} bytes"), "max_bytes"),
                    TsLimit::LineBytes => (format!("the line is {found} bytes long"), "max_line_bytes"),
                    TsLimit::Labels => (format!("@classLabel lists {found} labels"), "max_labels"),
                    TsLimit::Cases => (format!("the file has {found} cases or more"), "max_cases"),
                };
                write!(f, "{what}, more than the limit of {max} (TsLimits::{name})")
            }
            K::InconsistentLength { dimension, expected, found } => write!(
                f,
                "dimension {dimension} has {found} values, expected {expected} (the length of dimension 0: \
                 the dimensions of a case must have equal lengths)"
            ),
            K::SeriesLength { expected, found } => write!(
                f,
                "expected {expected} values per dimension (@equalLength true), found {found}"
            ),
            K::UnknownLabel { found, known, total } => {
                write!(f, "unknown class label {found:?}, expected one of {}", known.join(" "))?;
                if *total > known.len() {
                    write!(f, " ... ({total} labels)")?;
                }
                Ok(())
            }
            K::TensorLength { case, expected, found } => write!(
                f,
                "case {case} has {found} time steps, the tensor type's length is {expected} \
                 (pad or truncate unequal-length data with pad_sequences_multi)"
            ),
            K::TensorChannels { expected, found } => write!(
                f,
                "the data set has {found} dimensions, the tensor type has {expected} channels"
            ),
            K::Shape(e) => write!(f, "{e}"),
        }
    }
}

/// The first characters of `s`, for error messages about long lines.
pub(crate) fn excerpt(s: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push_str("...");
    }
    out
}
