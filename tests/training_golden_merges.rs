//! The merges' and Dropout's gradients against real Keras (GradientTape), from
//! `tests/golden/train/merges_dropout.json` (made by `tools/gen_train_golden_merges.py` with
//! TensorFlow 2.21 / Keras 3.15).
//!
//! Merges: output and every input's gradient, including inputs with ties for Maximum and
//! Minimum (TensorFlow's gradient goes to the first of equal inputs; so does shaped's).
//! Dropout: Keras's random mask is read back from its output, given to shaped's backward pass
//! as its tape, and the input gradient compared; the kept values' scale is Keras's
//! `1 / (1 - rate)`, and shaped's own training-mode mask keeps about the same fraction.
//!
//! Tolerance: `|shaped - keras| <= 1e-6 + 1e-6 * max|keras|` per tensor: these are single
//! `f32` operations (a sum of up to three, a product, a copy), not long sums.

#[path = "support/golden_values.rs"]
mod golden_values;

use std::sync::OnceLock;

use serde_json::Value;
use shaped::layers::dropout;
use shaped::layers::merge::{Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract, TimeAxis};
use shaped::shapes::{shape, Shape};
use shaped::tensor::Tensor;
use shaped::train::{Backward, TrainContext};

use golden_values::{close_within, floats};

fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let path = format!("{}/tests/golden/train/merges_dropout.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    })
}

fn tensor<S: Shape>(case: &Value, key: &str, i: Option<usize>) -> Tensor<f32, S> {
    let v = match i {
        Some(i) => &case[key][i],
        None => &case[key],
    };
    Tensor::from_vec(floats(v)).unwrap_or_else(|e| panic!("{key}: {e}"))
}

type S = shape![2, 5, 3];

/// Runs a merge of the case's inputs in training mode and its backward pass, against Keras.
macro_rules! check_merge {
    ($name:expr, $layer:expr, ($($t:ident: $shape:ty),+), $out:ty) => {{
        let case = &doc()["merges"][$name];
        assert!(case.is_object(), "no merge case {}", $name);
        let mut layer = $layer;
        let mut i = 0;
        $(
            let $t: Tensor<f32, $shape> = tensor(case, "xs", Some(i));
            i += 1;
        )+
        let _ = i;
        let x = ($($t,)+);
        let mut ctx = TrainContext::new(0);
        let (y, tape): (Tensor<f32, $out>, _) = layer.forward_train(&x, &mut ctx);
        close_within($name, "y", y.as_slice(), &floats(&case["y"]), 1e-6, 1e-6);
        let dy: Tensor<f32, $out> = tensor(case, "dy", None);
        let grads = layer.backward(&x, &y, tape, dy, &mut [], &mut ctx);
        let ($($t,)+) = grads;
        let mut i = 0;
        $(
            close_within($name, &format!("dx{i}"), $t.as_slice(), &floats(&case["dxs"][i]), 1e-6, 1e-6);
            i += 1;
        )+
        let _ = i;
    }};
}

#[test]
fn elementwise_merges_match_keras() {
    check_merge!("add_2", Add::new(), (a: S, b: S), S);
    check_merge!("add_3", Add::new(), (a: S, b: S, c: S), S);
    check_merge!("subtract_2", Subtract::new(), (a: S, b: S), S);
    check_merge!("multiply_2", Multiply::new(), (a: S, b: S), S);
    check_merge!("multiply_3", Multiply::new(), (a: S, b: S, c: S), S);
    check_merge!("average_2", Average::new(), (a: S, b: S), S);
    check_merge!("average_3", Average::new(), (a: S, b: S, c: S), S);
}

#[test]
fn maximum_and_minimum_match_keras_with_and_without_ties() {
    for (two, three) in [("maximum_2", "maximum_3"), ("maximum_2_ties", "maximum_3_ties")] {
        check_merge!(two, Maximum::new(), (a: S, b: S), S);
        check_merge!(three, Maximum::new(), (a: S, b: S, c: S), S);
    }
    for (two, three) in [("minimum_2", "minimum_3"), ("minimum_2_ties", "minimum_3_ties")] {
        check_merge!(two, Minimum::new(), (a: S, b: S), S);
        check_merge!(three, Minimum::new(), (a: S, b: S, c: S), S);
    }
    // The tie cases do meet equal inputs (else they would pin nothing down).
    let case = &doc()["merges"]["maximum_3_ties"];
    let xs: Vec<Vec<f32>> = (0..3).map(|i| floats(&case["xs"][i])).collect();
    let ties = (0..xs[0].len()).filter(|&k| xs[0][k] == xs[1][k] || xs[1][k] == xs[2][k]).count();
    assert!(ties > 5, "{ties} ties");
}

#[test]
fn concatenations_match_keras() {
    check_merge!("concatenate_channels", Concatenate::new(), (a: shape![2, 5, 3], b: shape![2, 5, 4]), shape![2, 5, 7]);
    check_merge!("concatenate_time", Concatenate::axis(TimeAxis), (a: shape![2, 5, 3], b: shape![2, 2, 3]), shape![2, 7, 3]);
    check_merge!(
        "concatenate_channels_3",
        Concatenate::new(),
        (a: shape![2, 4, 1], b: shape![2, 4, 2], c: shape![2, 4, 3]),
        shape![2, 4, 6]
    );
}

#[test]
fn dropout_backward_with_keras_mask_matches_keras() {
    type D = shape![4, 16, 8];
    for (name, layer) in [("dropout_0.25", dropout!(0.25)), ("dropout_0.5", dropout!(0.5))] {
        let case = &doc()["dropout"][name];
        let rate = case["rate"].as_f64().unwrap() as f32;
        let (x, y, dy): (Tensor<f32, D>, Tensor<f32, D>, Tensor<f32, D>) =
            (tensor(case, "x", None), tensor(case, "y", None), tensor(case, "dy", None));
        // Keras's mask, its scale included: y / x (no x is 0 in the case).
        let mask: Vec<f32> = x.as_slice().iter().zip(y.as_slice()).map(|(&a, &b)| b / a).collect();
        let scale = 1.0 / (1.0 - rate);
        let kept = mask.iter().filter(|&&m| m != 0.0).count();
        assert!(
            mask.iter().all(|&m| m == 0.0 || (m - scale).abs() <= 1e-6 * scale),
            "{name}: Keras's scale is 1/(1-rate)"
        );
        let mut ctx = TrainContext::new(0);
        let tape = Some(Tensor::<f32, D>::from_vec(mask).unwrap());
        let dx = <_ as Backward<f32, Tensor<f32, D>>>::backward(&layer, &x, &y, tape, dy, &mut [], &mut ctx);
        close_within(name, "dx", dx.as_slice(), &floats(&case["dx"]), 1e-6, 1e-6);
        // shaped's own training-mode mask: the same scale, about the same kept fraction.
        let mut own = layer;
        let (ys, _) = own.forward_train(&x, &mut ctx);
        let own_kept = ys.as_slice().iter().filter(|&&v| v != 0.0).count();
        for (&a, &b) in x.as_slice().iter().zip(ys.as_slice()) {
            assert!(
                b == 0.0 || (b - a * scale).abs() <= 1e-6 * (a * scale).abs(),
                "{name}: kept values scaled by 1/(1-rate)"
            );
        }
        let n = x.as_slice().len() as f32;
        let (keras_fraction, own_fraction) = (kept as f32 / n, own_kept as f32 / n);
        // 512 draws: 4 standard deviations of a binomial fraction is at most 0.09.
        assert!((own_fraction - (1.0 - rate)).abs() < 0.09, "{name}: shaped kept {own_fraction}");
        assert!((keras_fraction - (1.0 - rate)).abs() < 0.09, "{name}: Keras kept {keras_fraction}");
    }
}
