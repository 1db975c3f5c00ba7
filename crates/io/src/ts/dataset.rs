//! A parsed `.ts` data set and its conversions to tensors and sequences.

use core::str::FromStr;
use std::path::Path;

use shaped_shapes::{Dyn, Shape, StaticDim};
use shaped_tensor::{Element, Tensor};

use super::error::{TsError, TsErrorKind, TsLimit};
use super::{TsHeader, TsOptions};

/// The cases of a `.ts` file: values, lengths and class labels.
///
/// Each case is stored channels-last, `(length, dimensions)`, like one sample of a Keras
/// `(batch, length, channels)` batch.
///
/// ```
/// use shaped::io::TsDataset;
/// let data = TsDataset::<f32>::parse("@classLabel true a b\n@data\n1,2:3,4:b\n5:6:a\n")?;
/// assert_eq!(data.dimensions(), 2);
/// assert_eq!(data.lengths(), &[2, 1]);
/// assert_eq!(data.case(0), Some(&[1.0, 3.0, 2.0, 4.0][..]));
/// assert_eq!(data.class_names(), &["a".to_string(), "b".to_string()]);
/// assert_eq!(data.label_counts(), vec![1, 1]);
/// # Ok::<(), shaped::io::TsError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TsDataset<E> {
    header: TsHeader,
    dimensions: usize,
    values: Vec<Vec<E>>,
    lengths: Vec<usize>,
    labels: Vec<usize>,
    lines: Vec<usize>,
}

impl<E: Element + FromStr> TsDataset<E> {
    /// Parses the text of a `.ts` file with the default [`TsOptions`] (non-finite and missing
    /// values are errors; the default [`crate::TsLimits`]).
    ///
    /// # Errors
    ///
    /// [`TsError`] with the line number of the first malformed header or data line, or a
    /// value or limit the options refuse.
    pub fn parse(text: &str) -> Result<Self, TsError> {
        Self::parse_with(text, &TsOptions::default())
    }

    /// Parses the text of a `.ts` file with `options`.
    pub fn parse_with(text: &str, options: &TsOptions) -> Result<Self, TsError> {
        check_size(text.len() as u64, options)?;
        super::parse::parse(text, options)
    }

    /// Parses the bytes of a `.ts` file; bytes that are not UTF-8 are an error naming the
    /// line.
    ///
    /// # Errors
    ///
    /// [`TsErrorKind::NotUtf8`] with its line for bytes that are not UTF-8; otherwise as
    /// [`TsDataset::parse`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TsError> {
        Self::from_bytes_with(bytes, &TsOptions::default())
    }

    /// [`TsDataset::from_bytes`] with `options`.
    pub fn from_bytes_with(bytes: &[u8], options: &TsOptions) -> Result<Self, TsError> {
        check_size(bytes.len() as u64, options)?;
        match core::str::from_utf8(bytes) {
            Ok(text) => Self::parse_with(text, options),
            Err(e) => {
                let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                Err(TsError::at(line, TsErrorKind::NotUtf8))
            }
        }
    }

    /// Reads and parses a `.ts` file.
    ///
    /// # Errors
    ///
    /// [`TsErrorKind::Io`] (with the operating system's error) if the file cannot be read;
    /// otherwise as [`TsDataset::from_bytes`].
    pub fn read(path: impl AsRef<Path>) -> Result<Self, TsError> {
        Self::read_with(path, &TsOptions::default())
    }

    /// [`TsDataset::read`] with `options`; a file larger than
    /// [`crate::TsLimits::max_bytes`] is refused before it is read.
    pub fn read_with(path: impl AsRef<Path>, options: &TsOptions) -> Result<Self, TsError> {
        use std::io::Read;
        let path = path.as_ref();
        let io = |e: std::io::Error| {
            TsError::new(TsErrorKind::Io { path: path.display().to_string(), error: e.into() })
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        check_size(len, options)?;
        // `take` bounds the read even if the file grows meanwhile.
        let mut bytes = Vec::new();
        file.take(options.limits.max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
        Self::from_bytes_with(&bytes, options)
    }
}

fn check_size(len: u64, options: &TsOptions) -> Result<(), TsError> {
    let max = options.limits.max_bytes;
    if len > max {
        return Err(TsError::new(TsErrorKind::Limit { limit: TsLimit::Bytes, found: len, max }));
    }
    Ok(())
}

impl<E: Element> TsDataset<E> {
    pub(super) fn from_parts(
        header: TsHeader,
        dimensions: usize,
        values: Vec<Vec<E>>,
        lengths: Vec<usize>,
        labels: Vec<usize>,
        lines: Vec<usize>,
    ) -> Self {
        Self { header, dimensions, values, lengths, labels, lines }
    }

    /// The header as declared.
    #[must_use]
    pub fn header(&self) -> &TsHeader {
        &self.header
    }

    /// Number of cases.
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the file has no case.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Dimensions (channels) per time step; 0 for a file without cases and without
    /// `@dimensions`.
    #[must_use]
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// The length (time steps) of each case.
    #[must_use]
    pub fn lengths(&self) -> &[usize] {
        &self.lengths
    }

    /// The class index of each case, in `@classLabel` order; empty for `@classLabel false`.
    #[must_use]
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// The class names, in `@classLabel` order: `class_names()[labels()[i]]` is case `i`'s
    /// label as written in the file.
    #[must_use]
    pub fn class_names(&self) -> &[String] {
        self.header.class_labels.as_deref().unwrap_or_default()
    }

    /// How many cases each class has, indexed like [`TsDataset::class_names`].
    #[must_use]
    pub fn label_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.class_names().len()];
        for &l in &self.labels {
            if let Some(c) = counts.get_mut(l) {
                *c += 1;
            }
        }
        counts
    }

    /// The 1-based line of case `i` in the file.
    #[must_use]
    pub fn line_of(&self, i: usize) -> Option<usize> {
        self.lines.get(i).copied()
    }

    /// Case `i`, channels-last and flat: `length * dimensions` values, step by step.
    pub fn case(&self, i: usize) -> Option<&[E]> {
        self.values.get(i).map(Vec::as_slice)
    }

    /// The cases as sequences of time steps of channels, for
    /// [`crate::pad_sequences_multi`] (any lengths).
    #[must_use]
    pub fn sequences(&self) -> Vec<Vec<Vec<E>>> {
        let d = self.dimensions.max(1);
        self.values.iter().map(|case| case.chunks(d).map(<[E]>::to_vec).collect()).collect()
    }

    /// The cases as sequences of `[E; C]` time steps; `C` must be the file's dimension count.
    ///
    /// ```
    /// use shaped::io::TsDataset;
    /// let data = TsDataset::<f64>::parse("@classLabel false\n@data\n1,2:3,4\n5:6\n")?;
    /// let seqs: Vec<Vec<[f64; 2]>> = data.sequences_array()?;
    /// assert_eq!(seqs, vec![vec![[1.0, 3.0], [2.0, 4.0]], vec![[5.0, 6.0]]]);
    /// let err = data.sequences_array::<3>().unwrap_err();
    /// assert_eq!(err.to_string(), "the data set has 2 dimensions, the tensor type has 3 channels");
    /// # Ok::<(), shaped::io::TsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An error if the data set's dimension count is not `C`.
    pub fn sequences_array<const C: usize>(&self) -> Result<Vec<Vec<[E; C]>>, TsError> {
        self.check_channels(C)?;
        let mut out = Vec::with_capacity(self.values.len());
        for case in &self.values {
            let steps: Vec<[E; C]> =
                case.chunks_exact(C.max(1)).filter_map(|chunk| <[E; C]>::try_from(chunk).ok()).collect();
            out.push(steps);
        }
        Ok(out)
    }

    /// The cases as a typed `(batch, L, C)` tensor. Every case must be `L` steps long and the
    /// file must have `C` dimensions; otherwise the error names the first case that is not
    /// (use [`TsDataset::sequences`] and [`crate::pad_sequences_multi`] for unequal lengths).
    ///
    /// ```
    /// use shaped::io::TsDataset;
    /// use shaped::shapes::{shape, Dyn};
    /// use shaped::tensor::Tensor;
    /// let data = TsDataset::<f32>::parse("@classLabel true a\n@data\n1,2,3:a\n4,5:a\n")?;
    /// let err = data.to_tensor::<shaped::shapes::U![3], shaped::shapes::U![1]>().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "line 4: case 1 has 2 time steps, the tensor type's length is 3 \
    ///      (pad or truncate unequal-length data with pad_sequences_multi)"
    /// );
    /// # Ok::<(), shaped::io::TsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An error naming the first case (and its line) whose length or dimension count is not the
    /// type's.
    pub fn to_tensor<L, C>(&self) -> Result<Tensor<E, (Dyn, L, C)>, TsError>
    where
        L: StaticDim,
        C: StaticDim,
        (Dyn, L, C): Shape,
    {
        self.check_channels(C::USIZE)?;
        for (case, &length) in self.lengths.iter().enumerate() {
            if length != L::USIZE {
                let kind = TsErrorKind::TensorLength { case, expected: L::USIZE, found: length };
                return Err(match self.line_of(case) {
                    Some(line) => TsError::at(line, kind),
                    None => TsError::new(kind),
                });
            }
        }
        let mut x = Tensor::<E, (Dyn, L, C)>::zeros_with_batch(self.values.len())
            .map_err(|e| TsError::new(TsErrorKind::Shape(e)))?;
        let flat = self.values.iter().flatten();
        for (dst, src) in x.as_mut_slice().iter_mut().zip(flat) {
            *dst = *src;
        }
        Ok(x)
    }

    fn check_channels(&self, channels: usize) -> Result<(), TsError> {
        if channels != self.dimensions {
            return Err(TsError::new(TsErrorKind::TensorChannels {
                expected: channels,
                found: self.dimensions,
            }));
        }
        Ok(())
    }
}
