//! Property tests of the issue-16 layers against plain references: Embedding against indexing
//! a table, the adaptive bins against PyTorch's integer formula, adaptive pooling and
//! Layer/GroupNormalization against float64 loops, Permute and RepeatVector against index
//! arithmetic, and Tokens against their vocabulary.

use proptest::prelude::*;
use shaped::layers::pool::adaptive_bin;
use shaped::prelude::*;

type V = U![13];
type D = U![5];

proptest! {
    #[test]
    fn embedding_rows_are_the_table_rows(
        table in prop::collection::vec(-10.0f32..10.0, 13 * 5),
        ids in prop::collection::vec(0i64..13, 0..40),
    ) {
        let ids: Vec<i64> = ids.iter().copied().take(ids.len() / 4 * 4).collect();
        let emb = Embedding::<f32, V, D>::from_keras(&table).unwrap();
        let x = Tokens::<V, shape![Dyn, 4]>::from_ids(&ids).unwrap();
        let y = emb.forward(&x);
        prop_assert_eq!(y.dims(), vec![ids.len() / 4, 4, 5]);
        for (k, &id) in ids.iter().enumerate() {
            let id = id as usize;
            prop_assert_eq!(&y.as_slice()[k * 5..k * 5 + 5], &table[id * 5..id * 5 + 5]);
        }
    }

    #[test]
    fn tokens_refuse_exactly_the_ids_outside_the_vocabulary(ids in prop::collection::vec(-3i64..16, 1..30)) {
        let result = Tokens::<V, shape![Dyn, 1]>::from_ids(&ids);
        match ids.iter().position(|&i| !(0..13).contains(&i)) {
            None => prop_assert_eq!(result.unwrap().ids().len(), ids.len()),
            Some(first) => {
                let msg = result.unwrap_err().to_string();
                let expected = format!("token id {} at sample {first}, step 0 is outside the vocabulary", ids[first]);
                prop_assert!(msg.starts_with(&expected), "{}", msg);
            }
        }
    }

    #[test]
    fn adaptive_bins_are_pytorchs(length in 1usize..300, out in 1usize..300) {
        for i in 0..out {
            let (start, end) = adaptive_bin(i, length, out);
            prop_assert_eq!(start, i * length / out);
            prop_assert_eq!(end, ((i + 1) * length).div_ceil(out));
            prop_assert!(start < end);
        }
    }

    #[test]
    fn adaptive_average_is_the_mean_of_each_bin(x in prop::collection::vec(-5.0f64..5.0, 2 * 11 * 3)) {
        let t = Tensor::<f64, shape![2, 11, 3]>::from_vec(x.clone()).unwrap();
        let avg: Tensor<f64, shape![2, 4, 3]> = AdaptiveAveragePooling1D::<U![4]>::new().forward(&t);
        let max: Tensor<f64, shape![2, 4, 3]> = AdaptiveMaxPooling1D::<U![4]>::new().forward(&t);
        for b in 0..2 {
            for i in 0..4 {
                let (s, e) = (i * 11 / 4, ((i + 1) * 11usize).div_ceil(4));
                for c in 0..3 {
                    let v: Vec<f64> = (s..e).map(|t| x[(b * 11 + t) * 3 + c]).collect();
                    let mean = v.iter().sum::<f64>() / v.len() as f64;
                    let m = v.iter().copied().fold(f64::MIN, f64::max);
                    prop_assert!((avg.get(&[b, i, c]).unwrap() - mean).abs() < 1e-12);
                    prop_assert_eq!(max.get(&[b, i, c]).unwrap(), m);
                }
            }
        }
    }

    #[test]
    fn normalizations_match_a_float64_loop(
        x in prop::collection::vec(-100.0f64..100.0, 3 * 6 * 4),
        gamma in prop::collection::vec(-2.0f64..2.0, 4),
        beta in prop::collection::vec(-2.0f64..2.0, 4),
    ) {
        let t = Tensor::<f64, shape![3, 6, 4]>::from_vec(x.clone()).unwrap();
        let ln = LayerNormalization::<f64, U![4]>::from_keras(Some(&gamma), Some(&beta), 1e-3).unwrap();
        let gn = GroupNormalization::<f64, U![4], U![2]>::from_keras(Some(&gamma), Some(&beta), 1e-3).unwrap();
        let (yl, yg) = (ln.forward(&t), gn.forward(&t));
        let norm = |v: &[f64], at: f64, c: usize| {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            let var = v.iter().map(|a| (a - mean) * (a - mean)).sum::<f64>() / n;
            (at - mean) / (var + 1e-3).sqrt() * gamma[c] + beta[c]
        };
        for b in 0..3 {
            for s in 0..6 {
                let row: Vec<f64> = (0..4).map(|c| x[(b * 6 + s) * 4 + c]).collect();
                for c in 0..4 {
                    let group: Vec<f64> = (0..6).flat_map(|t| (0..2).map(move |j| (t, j))).map(|(t, j)| x[(b * 6 + t) * 4 + c / 2 * 2 + j]).collect();
                    let at = x[(b * 6 + s) * 4 + c];
                    prop_assert!((yl.get(&[b, s, c]).unwrap() - norm(&row, at, c)).abs() < 1e-9);
                    prop_assert!((yg.get(&[b, s, c]).unwrap() - norm(&group, at, c)).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn permute_and_repeat_vector_move_elements_only(x in prop::collection::vec(-5.0f32..5.0, 2 * 3 * 4)) {
        let t = Tensor::<f32, shape![2, 3, 4]>::from_vec(x.clone()).unwrap();
        let p: Tensor<f32, shape![2, 4, 3]> = Permute::<(U![2], U![1])>::new().forward(&t);
        let flat = Tensor::<f32, shape![2, 12]>::from_vec(x.clone()).unwrap();
        let r: Tensor<f32, shape![2, 5, 12]> = RepeatVector::<U![5]>::new().forward(&flat);
        for b in 0..2 {
            for s in 0..3 {
                for c in 0..4 {
                    prop_assert_eq!(p.get(&[b, c, s]), t.get(&[b, s, c]));
                }
            }
            for k in 0..5 {
                prop_assert_eq!(&r.as_slice()[(b * 5 + k) * 12..(b * 5 + k + 1) * 12], &x[b * 12..(b + 1) * 12]);
            }
        }
    }
}
