//! Property tests of masks against plain references: Masking's mask and values, the masked
//! GlobalAveragePooling1D (both data formats) against a float64 loop, the mask passing through
//! Dense unchanged, and pad_sequences_masked against the lengths, over random batches, shapes
//! (a few type-level shapes), values and masks.

use proptest::prelude::*;
use shaped::prelude::*;

/// The masked mean as a float64 loop over (sample, channel): sum of the kept steps / their count.
fn reference_mean(
    x: &[f32],
    mask: &[bool],
    batch: usize,
    steps: usize,
    channels: usize,
    first: bool,
) -> Vec<f64> {
    let mut out = Vec::new();
    for n in 0..batch {
        let kept = (0..steps).filter(|&t| mask[n * steps + t]).count() as f64;
        for c in 0..channels {
            let at = |t: usize| {
                if first {
                    (n * channels + c) * steps + t
                } else {
                    (n * steps + t) * channels + c
                }
            };
            let sum: f64 = (0..steps).filter(|&t| mask[n * steps + t]).map(|t| f64::from(x[at(t)])).sum();
            out.push(sum / kept);
        }
    }
    out
}

fn close(got: &[f32], want: &[f64]) -> bool {
    got.iter()
        .zip(want)
        .all(|(&g, &w)| (f64::from(g) - w).abs() <= 1e-5 * (1.0 + w.abs()) || (g.is_nan() && w.is_nan()))
}

macro_rules! gap_property {
    ($name:ident, $L:literal, $C:literal) => {
        proptest! {
            #[test]
            fn $name(batch in 0usize..5, seed in prop::collection::vec((-8.0f32..8.0, any::<bool>()), 5 * $L * $C)) {
                let n = batch * $L * $C;
                let x: Vec<f32> = seed.iter().take(n).map(|p| p.0).collect();
                let mask: Vec<bool> = seed.iter().take(batch * $L).map(|p| p.1).collect();
                let last = Masked::with_flags(Tensor::<f32, shape![Dyn, $L, $C]>::from_vec(x.clone()).unwrap(), mask.clone()).unwrap();
                let y: Tensor<f32, shape![Dyn, $C]> = GlobalAveragePooling1D::new().forward_masked(&last);
                prop_assert!(close(y.as_slice(), &reference_mean(&x, &mask, batch, $L, $C, false)));
                let first = Masked::with_flags(Tensor::<f32, shape![Dyn, $C, $L; ChannelsFirst]>::from_vec(x.clone()).unwrap(), mask.clone()).unwrap();
                let y: Tensor<f32, shape![Dyn, $C]> = GlobalAveragePooling1D::channels_first().forward_masked(&first);
                prop_assert!(close(y.as_slice(), &reference_mean(&x, &mask, batch, $L, $C, true)));
            }
        }
    };
}

gap_property!(masked_mean_1_step_1_channel, 1, 1);
gap_property!(masked_mean_7_steps_3_channels, 7, 3);
gap_property!(masked_mean_16_steps_5_channels, 16, 5);

proptest! {
    #[test]
    fn masking_masks_exactly_the_steps_equal_to_the_value(
        steps in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![0.0f32, 1.5, -2.0]), 3), 0..24),
        value in prop::sample::select(vec![0.0f32, 1.5]),
    ) {
        let batch = steps.len() / 4;
        let flat: Vec<f32> = steps.iter().take(batch * 4).flatten().copied().collect();
        let x = Tensor::<f32, shape![Dyn, 4, 3]>::from_vec(flat.clone()).unwrap();
        let y = Masking::new(value).forward(&x);
        for (k, step) in flat.chunks(3).enumerate() {
            let kept = step.iter().any(|&v| v != value);
            prop_assert_eq!(y.mask().as_slice()[k], kept);
            let out = &y.values().as_slice()[k * 3..k * 3 + 3];
            if kept { prop_assert_eq!(out, step); } else { prop_assert!(out.iter().all(|&v| v == 0.0)); }
        }
        // Dense passes the mask on unchanged.
        let h = Dense::<f32, U![3], U![2]>::new(7).forward_masked(&y);
        prop_assert_eq!(h.mask(), y.mask());
    }

    #[test]
    fn pad_sequences_masked_keeps_the_data_steps(
        lengths in prop::collection::vec(0usize..9, 0..6),
        pre in any::<bool>(),
    ) {
        let seqs: Vec<Vec<f32>> = lengths.iter().map(|&n| vec![1.0; n]).collect();
        let side = if pre { Side::Pre } else { Side::Post };
        let (x, _) = pad_sequences_masked::<f32, U![6], _>(&seqs, &PadOptions::new().padding(side)).unwrap();
        for (i, &n) in lengths.iter().enumerate() {
            prop_assert_eq!(x.mask().kept_steps(i), n.min(6));
            for t in 0..6 {
                // The data steps are 1.0, the padding 0.0: the mask is exactly the data.
                prop_assert_eq!(x.mask().get(i, t), Some(x.values().get(&[i, t, 0]) == Some(1.0)));
            }
        }
    }
}
