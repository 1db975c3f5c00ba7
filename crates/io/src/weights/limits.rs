//! Bounds on what the weight readers take.

/// Bounds on what [`crate::WeightFile`] reads, so that a hostile or broken file costs time and
/// memory in proportion to these numbers. Exceeding one is [`crate::WeightError::Limit`],
/// naming the limit and the value found.
///
/// | limit | default | applies to |
/// | --- | --- | --- |
/// | [`WeightLimits::max_file_bytes`] | 8 GiB | the whole file (checked before it is read) |
/// | [`WeightLimits::max_header_bytes`] | 16 MiB | a safetensors header; a `.keras` archive's `config.json` |
/// | [`WeightLimits::max_tensors`] | 100,000 | tensors in the file (counted before a safetensors header is parsed) |
///
/// The defaults are far above any Keras model of this crate's layers (a large language model's
/// safetensors shard has a header of about 100 KB and some hundreds of tensors). The `safetensors`
/// crate's own header limit is 100 MB; a header of that size with 1.7 million empty tensors is
/// refused here by its size, before it is read, and a header under the size limit with too many
/// tensors before it is parsed (a scan that counts its tensor entries).
///
/// ```
/// use shaped::io::{WeightFile, WeightLimits, WeightWriter};
/// let mut w = WeightWriter::new();
/// w.add("a", &[1], &[1.0f32])?;
/// w.add("b", &[1], &[2.0f32])?;
/// let bytes = w.to_bytes()?;
/// let limits = WeightLimits { max_tensors: 1, ..WeightLimits::default() };
/// let err = WeightFile::from_bytes_with(bytes.clone(), &limits).unwrap_err();
/// assert_eq!(err.to_string(), "the file has 2 tensors or more, more than the limit of 1 (WeightLimits::max_tensors)");
/// assert_eq!(WeightFile::from_bytes(bytes)?.len(), 2);
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightLimits {
    /// The largest file, in bytes.
    pub max_file_bytes: u64,
    /// The largest safetensors header (the JSON after the 8-byte length), or `.keras`
    /// `config.json`, in bytes.
    pub max_header_bytes: u64,
    /// The most tensors a file may hold.
    pub max_tensors: usize,
}

impl Default for WeightLimits {
    fn default() -> Self {
        Self { max_file_bytes: 8 << 30, max_header_bytes: 16 << 20, max_tensors: 100_000 }
    }
}

/// Which limit of [`WeightLimits`] an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WeightLimit {
    /// [`WeightLimits::max_file_bytes`].
    FileBytes,
    /// [`WeightLimits::max_header_bytes`].
    HeaderBytes,
    /// [`WeightLimits::max_tensors`].
    Tensors,
}

/// The number of tensor entries of a safetensors JSON header (objects at depth 2, except the
/// value of a `__metadata__` key), stopping once it exceeds `stop`: one pass over the bytes, no
/// allocation. A header that is not JSON is left to the parser to describe.
pub(crate) fn count_entries(header: &[u8], stop: usize) -> usize {
    let (mut depth, mut in_string, mut escaped, mut count) = (0usize, false, false, 0usize);
    let (mut key_start, mut metadata_next) = (0usize, false);
    for (i, &b) in header.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 1 {
                        metadata_next = header.get(key_start..i) == Some(&b"__metadata__"[..]);
                    }
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                key_start = i + 1;
            }
            b'{' | b'[' => {
                depth += 1;
                if b == b'{' && depth == 2 {
                    if !metadata_next {
                        count += 1;
                    }
                    metadata_next = false;
                    if count > stop {
                        return count;
                    }
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_entries;

    #[test]
    fn entries_are_counted_outside_strings() {
        let h = br#"{"a{":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{"x":"}{"},"b\"{":{"shape":[]}}"#;
        assert_eq!(count_entries(h, 100), 2);
        assert_eq!(count_entries(h, 0), 1);
        let m = br#"{"__metadata__":{"a":"b"},"x":{"shape":[1]}}"#;
        assert_eq!(count_entries(m, 10), 1);
        assert_eq!(count_entries(b"{}", 10), 0);
        assert_eq!(count_entries(b"not json", 10), 0);
    }
}
