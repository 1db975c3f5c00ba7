//! Property tests of masks against plain references: Masking's mask and values, the masked
//! GlobalAveragePooling1D (both data formats) against a float64 loop, the mask passing through
//! Dense unchanged, pad_sequences_masked against the lengths, the masked merges against Keras's
//! rules written out case by case, and a masked Sequential against its layers applied by hand,
//! over random batches, shapes (a few type-level shapes), values and masks.

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

/// Two-input masked merges against Keras 3.15.1's rules written out case by case (both kept,
/// one kept, none kept), on random values and masks, with the second input masked or not.
mod merges {
    use super::*;
    use shaped::layers::merge::{Add, Average, Maximum, Minimum, Multiply, Subtract};

    type S = shape![Dyn, 5, 3];

    /// The reference of one element of a two-input merge: `ka`/`kb` whether its step is kept
    /// (`None` for an input without a mask).
    fn reference(op: &str, a: f32, b: f32, ka: bool, kb: Option<bool>) -> f32 {
        let both = kb.is_some();
        let kb_ = kb.unwrap_or(true);
        match op {
            "add" => a + b,
            "subtract" => a - b,
            "average" => (a + b) / 2.0,
            "maximum" | "minimum" => {
                let f = |x: f32, y: f32| if op == "maximum" { x.max(y) } else { x.min(y) };
                match (ka, kb_) {
                    (true, true) => f(a, b),
                    (true, false) => a,
                    (false, true) => b,
                    (false, false) => a,
                }
            }
            "multiply" => match (ka, kb_) {
                (true, true) => a * b,
                (true, false) => a,
                (false, true) => b,
                (false, false) if both => 0.0,
                (false, false) => 1.0,
            },
            _ => unreachable!(),
        }
    }

    fn masked_pair(
        values: &[(f32, f32, bool, bool)],
        batch: usize,
    ) -> (Masked<f32, S>, Masked<f32, S>, Vec<f32>, Vec<f32>, Vec<bool>, Vec<bool>) {
        let n = batch * 15;
        let a: Vec<f32> = values.iter().take(n).map(|v| v.0).collect();
        let b: Vec<f32> = values.iter().take(n).map(|v| v.1).collect();
        let ma: Vec<bool> = values.iter().take(batch * 5).map(|v| v.2).collect();
        let mb: Vec<bool> = values.iter().take(batch * 5).map(|v| v.3).collect();
        let x = Masked::with_flags(Tensor::<f32, S>::from_vec(a.clone()).unwrap(), ma.clone()).unwrap();
        let y = Masked::with_flags(Tensor::<f32, S>::from_vec(b.clone()).unwrap(), mb.clone()).unwrap();
        (x, y, a, b, ma, mb)
    }

    macro_rules! merge_property {
        ($test:ident, $layer:ident, $op:literal) => {
            proptest! {
                #[test]
                fn $test(batch in 0usize..4, values in prop::collection::vec((-4.0f32..4.0, -4.0f32..4.0, any::<bool>(), any::<bool>()), 60)) {
                    let (x, y, a, b, ma, mb) = masked_pair(&values, batch);
                    let out: Masked<f32, S> = $layer::new().forward(&(&x, &y));
                    let or: Vec<bool> = ma.iter().zip(&mb).map(|(&p, &q)| p || q).collect();
                    prop_assert_eq!(out.mask().as_slice(), or.as_slice());
                    let plain: Tensor<f32, S> = $layer::new().forward(&(&x, y.values()));
                    for e in 0..a.len() {
                        let want = reference($op, a[e], b[e], ma[e / 3], Some(mb[e / 3]));
                        prop_assert!((out.values().as_slice()[e] - want).abs() <= 1e-5 * (1.0 + want.abs()));
                        let want = reference($op, a[e], b[e], ma[e / 3], None);
                        prop_assert!((plain.as_slice()[e] - want).abs() <= 1e-5 * (1.0 + want.abs()));
                    }
                }
            }
        };
    }

    merge_property!(masked_add_against_keras_rules, Add, "add");
    merge_property!(masked_subtract_against_keras_rules, Subtract, "subtract");
    merge_property!(masked_average_against_keras_rules, Average, "average");
    merge_property!(masked_maximum_against_keras_rules, Maximum, "maximum");
    merge_property!(masked_minimum_against_keras_rules, Minimum, "minimum");
    merge_property!(masked_multiply_against_keras_rules, Multiply, "multiply");

    proptest! {
        /// Concatenate: the masks joined sample by sample along time, ORed along the channels;
        /// an unmasked input's steps kept. The values as for tensors.
        #[test]
        fn masked_concatenate_joins_or_ors_the_masks(batch in 0usize..4, values in prop::collection::vec((-4.0f32..4.0, -4.0f32..4.0, any::<bool>(), any::<bool>()), 60)) {
            let (x, y, _, _, ma, mb) = masked_pair(&values, batch);
            let t: Masked<f32, shape![Dyn, 10, 3]> = Concatenate::axis(TimeAxis).forward(&(&x, &y));
            let plain_t: Tensor<f32, shape![Dyn, 10, 3]> = Concatenate::axis(TimeAxis).forward(&(x.values(), y.values()));
            prop_assert_eq!(t.values(), &plain_t);
            for n in 0..batch {
                let mut want = ma[n * 5..n * 5 + 5].to_vec();
                want.extend_from_slice(&mb[n * 5..n * 5 + 5]);
                prop_assert_eq!(&t.mask().as_slice()[n * 10..n * 10 + 10], want.as_slice());
            }
            let unmasked: Masked<f32, shape![Dyn, 10, 3]> = Concatenate::axis(TimeAxis).forward(&(y.values(), &x));
            for n in 0..batch {
                prop_assert!(unmasked.mask().as_slice()[n * 10..n * 10 + 5].iter().all(|&k| k));
                prop_assert_eq!(&unmasked.mask().as_slice()[n * 10 + 5..n * 10 + 10], &ma[n * 5..n * 5 + 5]);
            }
            let c: Masked<f32, shape![Dyn, 5, 6]> = Concatenate::new().forward(&(&x, &y));
            let or: Vec<bool> = ma.iter().zip(&mb).map(|(&p, &q)| p || q).collect();
            prop_assert_eq!(c.mask().as_slice(), or.as_slice());
            let c: Masked<f32, shape![Dyn, 5, 6]> = Concatenate::new().forward(&(&x, y.values()));
            prop_assert!(c.mask().as_slice().iter().all(|&k| k));
        }

        /// A masked chain equals its layers applied one by one, the mask passed by hand.
        #[test]
        fn a_masked_sequential_is_its_layers_in_order(batch in 0usize..4, values in prop::collection::vec((-4.0f32..4.0, -4.0f32..4.0, any::<bool>(), any::<bool>()), 60)) {
            let (x, _, _, _, _, _) = masked_pair(&values, batch);
            let dense = Dense::<f32, U![3], U![4]>::new(3).activation(Activation::Tanh);
            let model = Sequential::<Masked<f32, S>, _, _>::new_masked((dense.clone(), GlobalAveragePooling1D::new()));
            let y: Tensor<f32, shape![Dyn, 4]> = model.forward(&x);
            let by_hand: Tensor<f32, shape![Dyn, 4]> = GlobalAveragePooling1D::new().forward_masked(&dense.forward_masked(&x));
            prop_assert_eq!(y.as_slice().len(), by_hand.as_slice().len());
            for (p, q) in y.as_slice().iter().zip(by_hand.as_slice()) {
                prop_assert!(p == q || (p.is_nan() && q.is_nan()));
            }
        }
    }
}
