//! What `pad_sequences` did to the data.

use core::fmt;

/// What padding and truncation did: returned by every [`crate::pad_sequences`] call so that
/// lost data is never silent.
///
/// ```
/// use shaped::io::{pad_sequences, PadOptions};
/// use shaped::shapes::U;
/// let seqs = vec![vec![0.5f32; 20], vec![0.5; 25], vec![0.5; 15]];
/// let (_, report) = pad_sequences::<f32, U![20], _>(&seqs, &PadOptions::new())?;
/// assert_eq!(
///     report.to_string(),
///     "3 sequences to length 20 (longest 25, shortest 15): 1 padded (5 steps added), \
///      1 truncated (5 steps dropped, at most 5 from one sequence; first: sequence 1)"
/// );
/// assert!(!report.is_lossless());
/// # Ok::<(), shaped::io::PadError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PadReport {
    /// Sequences in the batch.
    pub sequences: usize,
    /// The length every sequence was brought to (the tensor's length type).
    pub maxlen: usize,
    /// The longest input sequence (0 for an empty batch).
    pub longest: usize,
    /// The shortest input sequence (0 for an empty batch).
    pub shortest: usize,
    /// Sequences shorter than `maxlen`, which received padding.
    pub padded: usize,
    /// Padding steps added over all sequences.
    pub steps_padded: usize,
    /// Sequences longer than `maxlen`, which lost steps.
    pub truncated: usize,
    /// Steps dropped over all sequences.
    pub steps_dropped: usize,
    /// The most steps dropped from one sequence.
    pub max_steps_dropped: usize,
    /// The index of the first truncated sequence.
    pub first_truncated: Option<usize>,
}

impl PadReport {
    /// True when no step of the input was dropped.
    #[must_use]
    pub fn is_lossless(&self) -> bool {
        self.truncated == 0
    }
}

impl fmt::Display for PadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sequences to length {} (longest {}, shortest {}): {} padded ({} steps added), {} truncated",
            self.sequences,
            self.maxlen,
            self.longest,
            self.shortest,
            self.padded,
            self.steps_padded,
            self.truncated
        )?;
        if let Some(first) = self.first_truncated {
            write!(
                f,
                " ({} steps dropped, at most {} from one sequence; first: sequence {first})",
                self.steps_dropped, self.max_steps_dropped
            )?;
        }
        Ok(())
    }
}
