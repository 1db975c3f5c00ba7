//! Masked sequences: values `(batch, steps, channels)` travelling with a `(batch, steps)` mask,
//! as Keras's `_keras_mask` travels with a tensor after `Masking` or `Embedding(mask_zero=True)`.

use core::fmt;
use core::marker::PhantomData;

use shaped_shapes::mask_rules::MaskStepsMatch;
use shaped_shapes::{ChannelsFirstShape, Dim, Shape, StaticDim};
use typenum::Unsigned;

use crate::error::fmt_dims;
use crate::{Buffers, Element, ShapeError, Tensor, Workspace};

/// A sequence shape, channels-last `(batch, steps, channels)` or channels-first
/// [`ChannelsFirstShape`] `(batch, channels, steps)`: what a `(batch, steps)` mask can travel
/// with.
pub trait StepShape: Shape {
    /// Time steps (the mask's second axis).
    type Steps: StaticDim;
    /// Channels.
    type Channels: StaticDim;
    /// Whether the channels come before the steps (`(batch, channels, steps)`).
    const CHANNELS_FIRST: bool;

    /// The `(sample, step)` flag of element `i` of the values, row-major: where an
    /// elementwise operation finds the mask flag that covers an element.
    #[must_use]
    fn mask_index(i: usize) -> usize {
        let (steps, channels) = (Self::Steps::USIZE, Self::Channels::USIZE);
        if Self::CHANNELS_FIRST {
            let per_sample = (steps * channels).max(1);
            (i / per_sample) * steps + i % steps.max(1)
        } else {
            i / channels.max(1)
        }
    }
}

impl<B: Dim, L: StaticDim, C: StaticDim> StepShape for (B, L, C)
where
    (B, L, C): Shape<Batch = B>,
{
    type Steps = L;
    type Channels = C;
    const CHANNELS_FIRST: bool = false;
}

impl<B: Dim, C: StaticDim, L: StaticDim> StepShape for ChannelsFirstShape<B, C, L>
where
    ChannelsFirstShape<B, C, L>: Shape<Batch = B>,
{
    type Steps = L;
    type Channels = C;
    const CHANNELS_FIRST: bool = true;
}

/// One flag per (sample, time step): `true` where the step is kept, `false` where it is masked,
/// as Keras's boolean masks. Its batch `B` and steps `L` are the sequence's, in the type.
///
/// ```
/// use shaped::shapes::{Dyn, U};
/// use shaped::tensor::Mask;
/// let m = Mask::<Dyn, U![3]>::from_nested(&[vec![true, true, false], vec![true, false, false]])?;
/// assert_eq!(m.batch(), 2);
/// assert_eq!(m.kept_steps(1), 1);
/// let err = Mask::<Dyn, U![3]>::from_vec(vec![true; 4]).unwrap_err();
/// assert_eq!(err.to_string(), "expected a whole number of samples of shape (3,) (3 elements each), got 4 elements");
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Mask<B, L> {
    flags: Vec<bool>,
    batch: usize,
    shape: PhantomData<fn() -> (B, L)>,
}

impl<B, L> Clone for Mask<B, L> {
    fn clone(&self) -> Self {
        Self { flags: self.flags.clone(), batch: self.batch, shape: PhantomData }
    }
}

impl<B, L> PartialEq for Mask<B, L> {
    fn eq(&self, other: &Self) -> bool {
        self.batch == other.batch && self.flags == other.flags
    }
}

impl<B, L> Eq for Mask<B, L> {}

impl<B: Dim, L: StaticDim> fmt::Debug for Mask<B, L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Mask{}", fmt_dims(Some(self.batch), &[L::USIZE]))?;
        for row in self.flags.chunks(L::USIZE.max(1)) {
            let row: String = row.iter().map(|&k| if k { '1' } else { '0' }).collect();
            writeln!(f, "  {row}")?;
        }
        Ok(())
    }
}

impl<B: Dim, L: StaticDim> Mask<B, L> {
    /// Takes the flags row-major, one row of `L` per sample; with a static batch the length must
    /// be exactly `batch * L`.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Length`] or [`ShapeError::PartialSample`] as [`Tensor::from_vec`] does.
    pub fn from_vec(flags: Vec<bool>) -> Result<Self, ShapeError> {
        let steps = L::USIZE;
        let batch = match B::STATIC {
            Some(b) if flags.len() != b * steps => {
                return Err(ShapeError::Length {
                    expected_shape: fmt_dims(Some(b), &[steps]),
                    expected: b * steps,
                    actual: flags.len(),
                })
            }
            Some(b) => b,
            None if steps == 0 => {
                if !flags.is_empty() {
                    return Err(ShapeError::Length {
                        expected_shape: fmt_dims(None, &[0]),
                        expected: 0,
                        actual: flags.len(),
                    });
                }
                0
            }
            None if !flags.len().is_multiple_of(steps) => {
                return Err(ShapeError::PartialSample {
                    sample_shape: fmt_dims(None, &[steps]),
                    sample_len: steps,
                    actual: flags.len(),
                })
            }
            None => flags.len() / steps,
        };
        Ok(Self { flags, batch, shape: PhantomData })
    }

    /// One row per sample, each of `L` flags.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Ragged`] naming the first row that is not `L` long; a batch error for a
    /// static batch of another size.
    pub fn from_nested<R: AsRef<[bool]>>(rows: &[R]) -> Result<Self, ShapeError> {
        for (i, row) in rows.iter().enumerate() {
            let actual = row.as_ref().len();
            if actual != L::USIZE {
                return Err(ShapeError::Ragged {
                    at: format!("sample {i}"),
                    what: "mask flags",
                    expected: L::USIZE,
                    actual,
                });
            }
        }
        if let Some(expected) = B::STATIC.filter(|&b| b != rows.len()) {
            return Err(ShapeError::Batch { expected, actual: rows.len() });
        }
        Self::from_vec(rows.iter().flat_map(|r| r.as_ref().iter().copied()).collect())
    }

    /// A mask that keeps every step of `batch` samples (what Keras 3's `Concatenate` assumes
    /// for an input without a mask when it joins it to a masked one; its other merges drop
    /// the mask instead).
    ///
    /// # Errors
    ///
    /// A batch error for a static batch of another size.
    pub fn all_kept(batch: usize) -> Result<Self, ShapeError> {
        if let Some(expected) = B::STATIC.filter(|&b| b != batch) {
            return Err(ShapeError::Batch { expected, actual: batch });
        }
        Ok(Self { flags: vec![true; batch * L::USIZE], batch, shape: PhantomData })
    }

    /// A mask from flags the caller produced for a batch of `batch` samples (`batch * L` flags).
    pub(crate) fn from_parts(flags: Vec<bool>, batch: usize) -> Self {
        debug_assert_eq!(flags.len(), batch * L::USIZE);
        Self { flags, batch, shape: PhantomData }
    }

    /// Samples in the batch.
    #[must_use]
    pub fn batch(&self) -> usize {
        self.batch
    }

    /// The flags, row-major: sample `b`, step `t` is at `b * L + t`.
    #[must_use]
    pub fn as_slice(&self) -> &[bool] {
        &self.flags
    }

    /// Whether sample `b`'s step `t` is kept (`None` outside the mask).
    #[must_use]
    pub fn get(&self, b: usize, t: usize) -> Option<bool> {
        (b < self.batch && t < L::USIZE).then(|| self.flags[b * L::USIZE + t])
    }

    /// How many steps of sample `b` are kept (0 outside the batch).
    #[must_use]
    pub fn kept_steps(&self, b: usize) -> usize {
        self.flags.chunks(L::USIZE.max(1)).nth(b).map_or(0, |r| r.iter().filter(|&&k| k).count())
    }

    /// The mask as nested rows, one per sample.
    #[must_use]
    pub fn to_nested(&self) -> Vec<Vec<bool>> {
        self.flags.chunks(L::USIZE.max(1)).take(self.batch).map(<[bool]>::to_vec).collect()
    }

    /// The elementwise AND with another mask of the same shape: the steps both keep. (Keras 3's
    /// merges OR their masks instead: [`Mask::or`].)
    ///
    /// # Panics
    ///
    /// When the two masks hold different run-time batches.
    #[must_use]
    pub fn and(&self, other: &Self) -> Self {
        assert_eq!(self.batch, other.batch, "combining masks of {} and {} samples", self.batch, other.batch);
        let flags = self.flags.iter().zip(&other.flags).map(|(&a, &b)| a && b).collect();
        Self { flags, batch: self.batch, shape: PhantomData }
    }

    /// The elementwise OR with another mask of the same shape: a step is kept when either mask
    /// keeps it, as Keras 3 merges the masks of `Add`, `Subtract`, `Average`, `Maximum`,
    /// `Minimum`, `Multiply` and a channel-axis `Concatenate`.
    ///
    /// ```
    /// use shaped::shapes::{Dyn, U};
    /// use shaped::tensor::Mask;
    /// let a = Mask::<Dyn, U![3]>::from_vec(vec![true, false, false])?;
    /// let b = Mask::<Dyn, U![3]>::from_vec(vec![false, true, false])?;
    /// assert_eq!(a.or(&b)?.as_slice(), &[true, true, false]);
    /// let c = Mask::<Dyn, U![3]>::all_kept(2)?;
    /// assert_eq!(a.or(&c).unwrap_err().to_string(), "expected a batch of 1 samples, got 2");
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError::Batch`] when the two masks hold different run-time batches.
    pub fn or(&self, other: &Self) -> Result<Self, ShapeError> {
        if self.batch != other.batch {
            return Err(ShapeError::Batch { expected: self.batch, actual: other.batch });
        }
        let flags = self.flags.iter().zip(&other.flags).map(|(&a, &b)| a || b).collect();
        Ok(Self { flags, batch: self.batch, shape: PhantomData })
    }
}

/// A sequence `(batch, steps, channels)` with its mask `(batch, steps)`: the typed form of a
/// Keras tensor carrying `_keras_mask`.
///
/// Made by the `Masking` layer, by `pad_sequences_masked`, or here from values and a mask
/// checked at run time. Layers that take a mask (Keras's `supports_masking`) accept it; a layer
/// that cannot take one (Conv1D, GlobalMaxPooling1D) refuses it at compile time, and
/// [`Masked::without_mask`] is the explicit way to do what Keras does there (drop the mask).
///
/// ```
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::{Mask, Masked, Tensor};
/// let x = Tensor::<f32, shape![Dyn, 3, 1]>::from_vec(vec![1., 2., 0., 4., 0., 0.])?;
/// let mask = Mask::<Dyn, U![3]>::from_nested(&[[true, true, false], [true, false, false]])?;
/// let m = Masked::new(x, mask)?;
/// assert_eq!(m.mask().kept_steps(0), 2);
///
/// // A mask for another batch is refused at the boundary, naming both shapes.
/// let y = Tensor::<f32, shape![Dyn, 3, 1]>::zeros_with_batch(2)?;
/// let err = Masked::new(y, Mask::<Dyn, U![3]>::all_kept(3)?).unwrap_err();
/// assert_eq!(err.to_string(), "the mask has shape (3, 3), expected shape (2, 3): one flag per sample and time step of the values (2, 3, 1)");
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Masked<E: Element, S: StepShape> {
    values: Tensor<E, S>,
    mask: Mask<S::Batch, S::Steps>,
}

impl<E: Element, S: StepShape> Clone for Masked<E, S> {
    fn clone(&self) -> Self {
        Self { values: self.values.clone(), mask: self.mask.clone() }
    }
}

impl<E: Element, S: StepShape> PartialEq for Masked<E, S> {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values && self.mask == other.mask
    }
}

impl<E: Element, S: StepShape> fmt::Debug for Masked<E, S>
where
    Tensor<E, S>: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Masked").field("values", &self.values).field("mask", &self.mask).finish()
    }
}

impl<E: Element, S: StepShape> Masked<E, S> {
    /// The values with their mask. The mask's steps must be the values' (a compile error
    /// otherwise, [`MaskStepsMatch`]); its run-time batch is checked here.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Mask`] when the mask holds another number of samples than the values.
    pub fn new<M>(values: Tensor<E, S>, mask: Mask<S::Batch, M>) -> Result<Self, ShapeError>
    where
        M: StaticDim + MaskStepsMatch<S::Steps>,
    {
        if mask.batch != values.batch() {
            let dims = values.dims();
            return Err(ShapeError::Mask {
                expected: fmt_dims(Some(values.batch()), &[S::Steps::USIZE]),
                actual: format!("has shape {}", fmt_dims(Some(mask.batch), &[M::USIZE])),
                values: fmt_dims(None, &dims),
            });
        }
        Ok(Self { values, mask: Mask::from_parts(mask.flags, mask.batch) })
    }

    /// The values with a mask of flat flags (row-major, `batch * steps` of them).
    ///
    /// # Errors
    ///
    /// [`ShapeError::Mask`] when the flags are not one per sample and step of the values.
    pub fn with_flags(values: Tensor<E, S>, flags: Vec<bool>) -> Result<Self, ShapeError> {
        let expected = values.batch() * S::Steps::USIZE;
        if flags.len() != expected {
            let dims = values.dims();
            return Err(ShapeError::Mask {
                expected: fmt_dims(Some(values.batch()), &[S::Steps::USIZE]),
                actual: format!("has {} flags", flags.len()),
                values: fmt_dims(None, &dims),
            });
        }
        let batch = values.batch();
        Ok(Self { values, mask: Mask::from_parts(flags, batch) })
    }

    /// The values with a mask that keeps every step: how Keras 3's `Concatenate` treats an
    /// unmasked input joined to masked ones.
    #[must_use]
    pub fn all_kept(values: Tensor<E, S>) -> Self {
        let batch = values.batch();
        Self { values, mask: Mask::from_parts(vec![true; batch * S::Steps::USIZE], batch) }
    }

    /// Values and a mask a layer produced for the same batch (checked in debug builds only).
    #[doc(hidden)]
    #[must_use]
    pub fn from_checked_parts(values: Tensor<E, S>, mask: Mask<S::Batch, S::Steps>) -> Self {
        debug_assert_eq!(values.batch(), mask.batch);
        Self { values, mask }
    }

    /// The values (masked steps included, as Keras keeps them in the tensor).
    #[must_use]
    pub fn values(&self) -> &Tensor<E, S> {
        &self.values
    }

    /// The mask.
    #[must_use]
    pub fn mask(&self) -> &Mask<S::Batch, S::Steps> {
        &self.mask
    }

    /// Samples in the batch.
    #[must_use]
    pub fn batch(&self) -> usize {
        self.values.batch()
    }

    /// Drops the mask and keeps the values: what Keras does, with a warning, when a masked
    /// tensor meets a layer that does not support masking (Conv1D, GlobalMaxPooling1D). In
    /// shaped it is written out, so that a reader sees where the mask ends.
    #[must_use]
    pub fn without_mask(self) -> Tensor<E, S> {
        self.values
    }

    /// The values and the mask, apart.
    #[must_use]
    pub fn into_parts(self) -> (Tensor<E, S>, Mask<S::Batch, S::Steps>) {
        (self.values, self.mask)
    }
}

impl<E: Element, S: StepShape> Buffers for Masked<E, S> {
    fn give_to(self, ws: &mut Workspace) {
        self.values.give_to(ws);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::Dyn;
    use typenum::{U1, U2, U3};

    #[test]
    fn a_static_batch_checks_the_mask_rows() {
        let err = Mask::<U2, U3>::from_nested(&[[true; 3]]).unwrap_err();
        assert_eq!(err, ShapeError::Batch { expected: 2, actual: 1 });
        let err = Mask::<U2, U3>::from_vec(vec![true; 5]).unwrap_err();
        assert_eq!(err.to_string(), "expected 6 elements for shape (2, 3), got 5");
    }

    #[test]
    fn a_ragged_mask_row_is_named() {
        let err = Mask::<Dyn, U3>::from_nested(&[vec![true; 3], vec![true; 2]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ragged data: sample 1 has 2 mask flags, expected 3 (pad or truncate the sequences first, e.g. with pad_sequences)"
        );
    }

    #[test]
    fn flags_for_another_batch_are_refused() {
        let x = Tensor::<f32, (Dyn, U3, U1)>::zeros_with_batch(2).unwrap();
        let err = Masked::with_flags(x, vec![true; 5]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the mask has 5 flags, expected shape (2, 3): one flag per sample and time step of the values (2, 3, 1)"
        );
    }

    #[test]
    fn and_keeps_the_steps_both_keep() {
        let a = Mask::<Dyn, U2>::from_vec(vec![true, true, false, true]).unwrap();
        let b = Mask::<Dyn, U2>::from_vec(vec![true, false, false, true]).unwrap();
        assert_eq!(a.and(&b).as_slice(), &[true, false, false, true]);
        assert_eq!(a.to_nested(), vec![vec![true, true], vec![false, true]]);
    }
}
