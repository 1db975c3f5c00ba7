//! `pad_sequences` with the mask of the padded batch: which steps are data and which padding.

use shaped_shapes::{Dyn, Shape, StaticDim};
use shaped_tensor::{Element, Masked};
use typenum::U1;

use super::sequences::Placement;
use super::{pad_sequences, pad_sequences_multi, PadError, PadOptions, PadReport};

/// The flags of a padded batch: `true` on the steps that hold data (after truncation), `false`
/// on the padding, laid out as `padding` placed them.
fn padding_mask<E: Element>(
    lengths: impl Iterator<Item = usize>,
    maxlen: usize,
    options: &PadOptions<E>,
) -> Vec<bool> {
    let mut flags = Vec::new();
    for n in lengths {
        let Placement { kept, offset, .. } = Placement::of(n, maxlen, options);
        flags.extend((0..maxlen).map(|t| t >= offset && t < offset + kept));
    }
    flags
}

/// [`pad_sequences`] with the mask of the padding: the padded batch as a [`Masked`] sequence
/// whose mask keeps exactly the steps that came from the data. Unlike `Masking(value)` after
/// padding, a data step that happens to equal the padding value stays kept (as
/// `Embedding(mask_zero=True)` keeps no such step, this keeps every one).
///
/// **Keras equivalent:** `x = keras.utils.pad_sequences(seqs, maxlen=L, dtype="float32",
/// value=v)` followed by `keras.layers.Masking(v)(x)` when no data step equals `v`.
///
/// ```
/// use shaped::io::{pad_sequences_masked, PadOptions, Side};
/// use shaped::shapes::{shape, Dyn};
/// use shaped::tensor::Masked;
/// let data = vec![vec![1.0f32, 0.0, 3.0], vec![4.0]];
/// let (x, _): (Masked<f32, shape![Dyn, 4, 1]>, _) =
///     pad_sequences_masked(&data, &PadOptions::new().padding(Side::Post))?;
/// assert_eq!(x.mask().to_nested(), vec![vec![true, true, true, false], vec![true, false, false, false]]);
/// assert_eq!(x.values().as_slice(), &[1., 0., 3., 0., 4., 0., 0., 0.]);
/// # Ok::<(), shaped::io::PadError>(())
/// ```
///
/// # Errors
///
/// As [`pad_sequences`].
pub fn pad_sequences_masked<E, L, Seq>(
    sequences: &[Seq],
    options: &PadOptions<E>,
) -> Result<(Masked<E, (Dyn, L, U1)>, PadReport), PadError>
where
    E: Element,
    L: StaticDim,
    Seq: AsRef<[E]>,
    (Dyn, L, U1): Shape<Batch = Dyn>,
{
    let (x, report) = pad_sequences::<E, L, Seq>(sequences, options)?;
    let flags = padding_mask(sequences.iter().map(|s| s.as_ref().len()), L::USIZE, options);
    let masked = Masked::with_flags(x, flags)?;
    Ok((masked, report))
}

/// [`pad_sequences_multi`] with the mask of the padding (see [`pad_sequences_masked`]).
///
/// # Errors
///
/// As [`pad_sequences_multi`].
pub fn pad_sequences_multi_masked<E, L, C, Seq, Step>(
    sequences: &[Seq],
    options: &PadOptions<E>,
) -> Result<(Masked<E, (Dyn, L, C)>, PadReport), PadError>
where
    E: Element,
    L: StaticDim,
    C: StaticDim,
    Seq: AsRef<[Step]>,
    Step: AsRef<[E]>,
    (Dyn, L, C): Shape<Batch = Dyn>,
{
    let (x, report) = pad_sequences_multi::<E, L, C, Seq, Step>(sequences, options)?;
    let flags = padding_mask(sequences.iter().map(|s| s.as_ref().len()), L::USIZE, options);
    let masked = Masked::with_flags(x, flags)?;
    Ok((masked, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use typenum::U3;

    #[test]
    fn pre_padding_and_truncation_keep_the_data_steps() {
        let data = vec![vec![1.0f64; 5], vec![2.0; 1], vec![]];
        let (x, _) = pad_sequences_masked::<f64, U3, _>(&data, &PadOptions::new()).unwrap();
        assert_eq!(x.mask().as_slice(), &[true, true, true, false, false, true, false, false, false]);
    }
}
