//! GlobalAveragePooling1D over a masked sequence: the mean of the kept steps.

use core::ops::Mul;

use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{ChannelsLast, DataFormat, DataFormatKind, Dim, Shape, StaticDim};
use shaped_tensor::{Masked, StepShape, Tensor, Workspace};
use typenum::{Prod, Unsigned, U1};

use super::{GlobalAveragePooling1D, Indexer, KeepDims};
use crate::{Float, MaskedLayer};

impl<Fmt> shaped_shapes::mask_rules::SupportsMasking for GlobalAveragePooling1D<Fmt> {
    type Answer = typenum::B1;
}

/// The masked mean as Keras 3 computes it: `sum(x * mask, steps) / sum(mask, steps)`, so a
/// sample whose every step is masked gives `0 / 0 = NaN`, and a NaN in a masked step still
/// reaches the sum (`NaN * 0` is NaN), as in Keras.
impl<E, X, Fmt> MaskedLayer<E, X> for GlobalAveragePooling1D<Fmt>
where
    E: Float,
    Fmt: DataFormat,
    X: SequenceBatch<Fmt> + StepShape<Steps = <X as SequenceBatch<Fmt>>::Len>,
    (X::Batch, <X as SequenceBatch<Fmt>>::Channels): Shape<Batch = X::Batch>,
{
    type Output = Tensor<E, (X::Batch, <X as SequenceBatch<Fmt>>::Channels)>;

    fn forward_masked_with(&self, x: &Masked<E, X>, ws: &mut Workspace) -> Self::Output {
        let mut out = ws.zeros_like(x.values());
        let length = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
        let channels = <<X as SequenceBatch<Fmt>>::Channels as Unsigned>::USIZE;
        let at = Indexer { length, channels, channels_first: Fmt::KIND == DataFormatKind::ChannelsFirst };
        let (xs, mask) = (x.values().as_slice(), x.mask().as_slice());
        for (n, row) in out.as_mut_slice().chunks_exact_mut(channels.max(1)).enumerate() {
            let flags = &mask[n * length..(n + 1) * length];
            let kept: E = num_traits::cast(flags.iter().filter(|&&k| k).count()).unwrap_or_else(E::nan);
            for (c, slot) in row.iter_mut().enumerate() {
                let sum = flags.iter().enumerate().fold(E::zero(), |acc, (t, &k)| {
                    acc + xs[at.at(n, t, c)] * if k { E::one() } else { E::zero() }
                });
                *slot = sum / kept;
            }
        }
        out
    }
}

/// `keepdims=True` over a masked sequence: the masked mean with the time axis kept.
impl<E, B, L, C> MaskedLayer<E, (B, L, C)> for KeepDims<GlobalAveragePooling1D<ChannelsLast>>
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim + Mul<U1>,
    U1: Mul<C>,
    Prod<L, C>: Unsigned,
    Prod<U1, C>: Unsigned,
{
    type Output = Tensor<E, (B, U1, C)>;

    fn forward_masked_with(&self, x: &Masked<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        super::keepdims::with_time_axis(GlobalAveragePooling1D::new().forward_masked_with(x, ws))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{ChannelsFirstShape, Dyn};
    use typenum::{U3, U4};

    /// Keras's own masked case of `global_average_pooling_test.py`: `arange(24)` as (2, 3, 4).
    #[test]
    fn keras_masked_case_channels_last() {
        let x = Tensor::<f32, (Dyn, U3, U4)>::from_vec((0..24).map(|v| v as f32).collect()).unwrap();
        let m = Masked::with_flags(x, vec![true, true, false, false, true, false]).unwrap();
        let y: Tensor<f32, (Dyn, U4)> = GlobalAveragePooling1D::new().forward_masked(&m);
        assert_eq!(y.as_slice(), &[2., 3., 4., 5., 16., 17., 18., 19.]);
    }

    #[test]
    fn keras_masked_case_channels_first() {
        let x = Tensor::<f32, ChannelsFirstShape<Dyn, U3, U4>>::from_vec((0..24).map(|v| v as f32).collect())
            .unwrap();
        let m = Masked::with_flags(x, vec![true, true, false, false, false, true, false, true]).unwrap();
        let y: Tensor<f32, (Dyn, U3)> = GlobalAveragePooling1D::channels_first().forward_masked(&m);
        assert_eq!(y.as_slice(), &[0.5, 4.5, 8.5, 14., 18., 22.]);
    }

    #[test]
    fn a_sample_with_every_step_masked_is_nan() {
        let x = Tensor::<f64, (Dyn, U3, U4)>::zeros_with_batch(1).unwrap();
        let m = Masked::with_flags(x, vec![false; 3]).unwrap();
        let y: Tensor<f64, (Dyn, U1, U4)> = GlobalAveragePooling1D::new().keepdims().forward_masked(&m);
        assert!(y.as_slice().iter().all(|v| v.is_nan()));
    }
}
