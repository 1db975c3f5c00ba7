//! The padding itself, shared by the univariate and multivariate entry points.

use shaped_shapes::{Dyn, Shape, StaticDim};
use shaped_tensor::{Element, Tensor};
use typenum::U1;

use super::{PadError, PadOptions, PadReport, Side};

/// Pads or truncates univariate sequences (`&[Vec<E>]`, slices of `E`) to a
/// `(batch, L, 1)` tensor, with Keras's `pad_sequences` semantics.
///
/// `L` is Keras's `maxlen`. Empty sequences become all padding, as in Keras.
///
/// ```
/// use shaped::io::{pad_sequences, PadOptions, Side};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
///
/// // The seed article's Example 2: sequences of 20, 25 and 15 steps, padded to 25 at the end.
/// let data: Vec<Vec<f32>> = [20, 25, 15].iter().map(|&n| vec![0.25; n]).collect();
/// let (x, report): (Tensor<f32, shape![Dyn, 25, 1]>, _) =
///     pad_sequences(&data, &PadOptions::new().padding(Side::Post))?;
/// assert_eq!(x.get(&[0, 19, 0]), Some(0.25)); // float data kept, not zeroed by an int32 dtype
/// assert_eq!(x.get(&[0, 20, 0]), Some(0.0));
/// assert!(report.is_lossless());
/// # Ok::<(), shaped::io::PadError>(())
/// ```
///
/// # Errors
///
/// [`PadError`] for options Keras also refuses, or a batch that does not fit the tensor type.
pub fn pad_sequences<E, L, Seq>(
    sequences: &[Seq],
    options: &PadOptions<E>,
) -> Result<(Tensor<E, (Dyn, L, U1)>, PadReport), PadError>
where
    E: Element,
    L: StaticDim,
    Seq: AsRef<[E]>,
    (Dyn, L, U1): Shape,
{
    let lengths: Vec<usize> = sequences.iter().map(|s| s.as_ref().len()).collect();
    let mut out = Tensor::<E, (Dyn, L, U1)>::zeros_with_batch(sequences.len())?;
    let report = pad_core(&lengths, L::USIZE, 1, options, out.as_mut_slice(), |i, t| {
        sequences.get(i).and_then(|s| s.as_ref().get(t)).map(core::slice::from_ref)
    })?;
    Ok((out, report))
}

/// Pads or truncates multivariate sequences (`&[Vec<[E; C]>]`, `&[Vec<Vec<E>>]`, slices of
/// them) to a `(batch, L, C)` tensor, with Keras's `pad_sequences` semantics.
///
/// Every time step must hold `C` channels; the first that does not is a
/// [`PadError::Channels`] naming its sequence and step.
///
/// ```
/// use shaped::io::{pad_sequences_multi, PadError, PadOptions};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
///
/// let seqs = vec![vec![[1.0f64, 2.0]; 3], vec![[3.0, 4.0]; 1]];
/// let (x, _): (Tensor<f64, shape![Dyn, 2, 2]>, _) =
///     pad_sequences_multi(&seqs, &PadOptions::new())?;
/// assert_eq!(x.as_slice(), &[1.0, 2.0, 1.0, 2.0, 0.0, 0.0, 3.0, 4.0]);
///
/// let bad = vec![vec![vec![1.0f64, 2.0], vec![3.0]]];
/// let err = pad_sequences_multi::<f64, U![2], U![2], _, _>(&bad, &PadOptions::new()).unwrap_err();
/// assert_eq!(err.to_string(), "sequence 0, time step 1 has 1 channels, expected 2");
/// # Ok::<(), PadError>(())
/// ```
///
/// # Errors
///
/// [`PadError`] naming the first time step whose channel count is not `C`, options Keras also
/// refuses, or a batch that does not fit the tensor type.
pub fn pad_sequences_multi<E, L, C, Seq, Step>(
    sequences: &[Seq],
    options: &PadOptions<E>,
) -> Result<(Tensor<E, (Dyn, L, C)>, PadReport), PadError>
where
    E: Element,
    L: StaticDim,
    C: StaticDim,
    Seq: AsRef<[Step]>,
    Step: AsRef<[E]>,
    (Dyn, L, C): Shape,
{
    let c = C::USIZE;
    for (sequence, seq) in sequences.iter().enumerate() {
        for (step, values) in seq.as_ref().iter().enumerate() {
            let actual = values.as_ref().len();
            if actual != c {
                return Err(PadError::Channels { sequence, step, expected: c, actual });
            }
        }
    }
    let lengths: Vec<usize> = sequences.iter().map(|s| s.as_ref().len()).collect();
    let mut out = Tensor::<E, (Dyn, L, C)>::zeros_with_batch(sequences.len())?;
    let report = pad_core(&lengths, L::USIZE, c, options, out.as_mut_slice(), |i, t| {
        sequences.get(i).and_then(|s| s.as_ref().get(t)).map(AsRef::as_ref)
    })?;
    Ok((out, report))
}

/// Where a sequence of `n` steps goes in a padded sample of `maxlen` steps.
pub(super) struct Placement {
    /// Steps kept: all of them, or `maxlen` after truncation.
    pub(super) kept: usize,
    /// The first kept step of the sequence: the last `maxlen` are kept ("pre" truncation) or
    /// the first ("post").
    pub(super) first_kept: usize,
    /// Where the kept steps start in the sample: at the end ("pre" padding) or at the start
    /// ("post").
    pub(super) offset: usize,
}

impl Placement {
    pub(super) fn of<E: Element>(n: usize, maxlen: usize, options: &PadOptions<E>) -> Self {
        let kept = n.min(maxlen);
        let first_kept = match options.truncating_side() {
            Side::Pre => n - kept,
            Side::Post => 0,
        };
        let offset = match options.padding_side() {
            Side::Pre => maxlen - kept,
            Side::Post => 0,
        };
        Self { kept, first_kept, offset }
    }
}

/// Fills `out` (`lengths.len() * maxlen * channels` elements) with the padded sequences and
/// reports what happened. `step(i, t)` gives sequence `i`'s step `t`, `channels` long.
fn pad_core<'a, E: Element>(
    lengths: &[usize],
    maxlen: usize,
    channels: usize,
    options: &PadOptions<E>,
    out: &mut [E],
    step: impl Fn(usize, usize) -> Option<&'a [E]>,
) -> Result<PadReport, PadError> {
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let shortest = lengths.iter().copied().min().unwrap_or(0);
    if options.requires_longest() && !lengths.is_empty() && longest != maxlen {
        return Err(PadError::Longest { longest, maxlen });
    }
    if options.forbids_truncation() {
        if let Some((sequence, &length)) = lengths.iter().enumerate().find(|(_, &n)| n > maxlen) {
            return Err(PadError::Truncation { sequence, length, maxlen });
        }
    }
    let mut report =
        PadReport { sequences: lengths.len(), maxlen, longest, shortest, ..PadReport::default() };
    out.fill(options.pad_value());
    let sample_len = maxlen * channels;
    for (i, &n) in lengths.iter().enumerate() {
        let Placement { kept, first_kept, offset } = Placement::of(n, maxlen, options);
        if n > maxlen {
            let dropped = n - maxlen;
            report.truncated += 1;
            report.steps_dropped += dropped;
            report.max_steps_dropped = report.max_steps_dropped.max(dropped);
            report.first_truncated.get_or_insert(i);
        } else if n < maxlen {
            report.padded += 1;
            report.steps_padded += maxlen - n;
        }
        let Some(sample) = out.get_mut(i * sample_len..(i + 1) * sample_len) else {
            continue;
        };
        for k in 0..kept {
            let values = step(i, first_kept + k).unwrap_or(&[]);
            let start = (offset + k) * channels;
            if let Some(slot) = sample.get_mut(start..start + channels) {
                if values.len() == channels {
                    slot.copy_from_slice(values);
                }
            }
        }
    }
    Ok(report)
}
