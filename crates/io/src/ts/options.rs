//! What the `.ts` reader accepts: non-finite values, missing values, and its limits.

/// Options of the `.ts` reader ([`crate::TsDataset::parse_with`]).
///
/// By default a value that is not a finite number of the element type is an error naming the
/// line, the dimension, the step and the text: `nan`, `inf`, and a number out of the type's
/// range such as `1e39` for `f32` (which Rust's parser, like C's `strtof`, reads as `inf`).
/// Missing values (`?`) are an error too. Both can be accepted explicitly:
///
/// ```
/// use shaped::io::{TsDataset, TsOptions};
/// let text = "@missing true\n@classLabel true a\n@data\n1,?,nan:a\n";
/// let err = TsDataset::<f32>::parse(text).unwrap_err();
/// assert!(err.to_string().starts_with("line 4: dimension 0, step 1: missing value `?`"), "{err}");
/// let options = TsOptions::new().missing_as_nan(true).allow_non_finite(true);
/// let data = TsDataset::<f32>::parse_with(text, &options)?;
/// let case = data.case(0).unwrap();
/// assert!(case[0] == 1.0 && case[1].is_nan() && case[2].is_nan());
///
/// let err = TsDataset::<f32>::parse("@classLabel false\n@data\n1,1e39\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "line 3: dimension 0, step 1: \"1e39\" is out of the range of float32 (it reads as inf); \
///      TsOptions::allow_non_finite accepts it as inf"
/// );
/// # Ok::<(), shaped::io::TsError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsOptions {
    pub(super) allow_non_finite: bool,
    pub(super) missing_as_nan: bool,
    pub(super) limits: TsLimits,
}

impl Default for TsOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl TsOptions {
    /// The defaults: non-finite and missing values are errors; [`TsLimits::default`].
    pub fn new() -> Self {
        Self { allow_non_finite: false, missing_as_nan: false, limits: TsLimits::default() }
    }

    /// Accept `nan`, `inf`, `-inf` and out-of-range numbers (read as `±inf`) as values.
    pub fn allow_non_finite(mut self, allow: bool) -> Self {
        self.allow_non_finite = allow;
        self
    }

    /// Read a missing value `?` as NaN (as sktime's `replace_missing_vals_with="NaN"`; Keras
    /// users' NaN-padded UEA data), instead of refusing it.
    pub fn missing_as_nan(mut self, nan: bool) -> Self {
        self.missing_as_nan = nan;
        self
    }

    /// The reader's limits.
    pub fn limits(mut self, limits: TsLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in force.
    pub fn current_limits(&self) -> &TsLimits {
        &self.limits
    }
}

/// Bounds on what the `.ts` reader takes, so that a hostile or broken file costs time and
/// memory in proportion to these numbers, not more. Exceeding one is an error naming the limit
/// and the value found. The reader's time is linear in the size of its input (class labels are
/// looked up by hash).
///
/// The defaults are well above every data set of the UEA/UCR archive (the largest `.ts` file is
/// a few GB, the longest line some MB, the most classes 60):
///
/// | limit | default |
/// | --- | --- |
/// | [`TsLimits::max_bytes`]: the whole file | 16 GiB |
/// | [`TsLimits::max_line_bytes`]: one line | 256 MiB |
/// | [`TsLimits::max_labels`]: `@classLabel` labels | 100,000 |
/// | [`TsLimits::max_cases`]: cases after `@data` | 100,000,000 |
///
/// ```
/// use shaped::io::{TsDataset, TsLimits, TsOptions};
/// let text = "@classLabel true a b c\n@data\n1:a\n";
/// let options = TsOptions::new().limits(TsLimits { max_labels: 2, ..TsLimits::default() });
/// let err = TsDataset::<f32>::parse_with(text, &options).unwrap_err();
/// assert_eq!(err.to_string(), "line 1: @classLabel lists 3 labels, more than the limit of 2 (TsLimits::max_labels)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsLimits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The longest line, in bytes.
    pub max_line_bytes: usize,
    /// The most class labels `@classLabel` may list.
    pub max_labels: usize,
    /// The most cases (lines after `@data`).
    pub max_cases: usize,
}

impl Default for TsLimits {
    fn default() -> Self {
        Self { max_bytes: 16 << 30, max_line_bytes: 256 << 20, max_labels: 100_000, max_cases: 100_000_000 }
    }
}
