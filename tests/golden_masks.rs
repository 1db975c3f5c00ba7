//! Masks against real Keras 3 (`tests/golden/masks.json`, written by `tools/gen_mask_cases.py`):
//! Masking's values and masks, masked GlobalAveragePooling1D (Keras's own test cases and random
//! ones), what Keras does at GlobalMaxPooling1D and Conv1D (mask dropped: shaped's
//! `.without_mask()`), a mask through Dense, and padded ragged sequences end to end.
//!
//! Tolerance: max |shaped - keras| / (1 + |keras|) <= 1e-5 (float32); masks exactly.

use serde_json::Value;
use shaped::io::{pad_sequences, pad_sequences_masked, PadOptions, Side};
use shaped::layers::pool::{GlobalAveragePooling1D, GlobalMaxPooling1D};
use shaped::layers::{Activation, Conv1D, Dense, Layer, MaskedLayer, Masking};
use shaped::shapes::{ChannelsFirstShape, Dyn, U};
use shaped::tensor::{Mask, Masked, Tensor};

fn golden() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/masks.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("tests/golden/masks.json")).expect("JSON")
}

fn cases(kind: &str) -> Vec<Value> {
    golden()["cases"][kind].as_array().unwrap_or_else(|| panic!("no {kind} cases")).clone()
}

fn case(kind: &str, name: &str) -> Value {
    cases(kind).into_iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no case {kind}/{name}"))
}

fn f32s(v: &Value) -> Vec<f32> {
    v.as_array().expect("an array").iter().map(|x| x.as_f64().expect("a number") as f32).collect()
}

fn flags(v: &Value) -> Vec<bool> {
    v.as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r.as_array().expect("a row").iter().map(|f| f == 1))
        .collect()
}

/// Max |a - b| / (1 + |b|), asserted below `1e-5`; returned for the report.
fn close(name: &str, got: &[f32], want: &[f32]) -> f64 {
    assert_eq!(got.len(), want.len(), "{name}: lengths");
    let worst = got
        .iter()
        .zip(want)
        .map(|(&a, &b)| (f64::from(a) - f64::from(b)).abs() / (1.0 + f64::from(b).abs()))
        .fold(0.0, f64::max);
    assert!(worst <= 1e-5, "{name}: max relative difference {worst:e}");
    println!("{name}: max |shaped - keras| / (1 + |keras|) = {worst:e}");
    worst
}

macro_rules! masking_case {
    ($test:ident, $name:literal, $L:literal, $C:literal) => {
        #[test]
        fn $test() {
            let c = case("masking", $name);
            let x = Tensor::<f32, (Dyn, U![$L], U![$C])>::from_vec(f32s(&c["input"])).unwrap();
            let y = Masking::new(c["mask_value"].as_f64().unwrap() as f32).forward(&x);
            assert_eq!(y.mask().as_slice(), flags(&c["mask"]).as_slice(), "{}: mask", $name);
            close($name, y.values().as_slice(), &f32s(&c["output"]));
        }
    };
}

masking_case!(masking_0, "masking_0", 5, 3);
masking_case!(masking_1, "masking_1", 4, 1);
masking_case!(masking_2_minus_one, "masking_2", 6, 2);
masking_case!(masking_3_two_and_a_half, "masking_3", 7, 4);

fn keras_test_input() -> Vec<f32> {
    (0..24).map(|v| v as f32).collect()
}

#[test]
fn gap_keras_test_channels_last() {
    let c = case("gap", "keras_test_channels_last_keepdims_False");
    let x = Tensor::<f32, (Dyn, U![3], U![4])>::from_vec(keras_test_input()).unwrap();
    let m = Masked::new(x, Mask::<Dyn, U![3]>::from_vec(flags(&c["mask"])).unwrap()).unwrap();
    let y: Tensor<f32, (Dyn, U![4])> = GlobalAveragePooling1D::new().forward_masked(&m);
    close("gap channels_last", y.as_slice(), &f32s(&c["output"]));
}

#[test]
fn gap_keras_test_channels_last_keepdims() {
    let c = case("gap", "keras_test_channels_last_keepdims_True");
    let x = Tensor::<f32, (Dyn, U![3], U![4])>::from_vec(keras_test_input()).unwrap();
    let m = Masked::with_flags(x, flags(&c["mask"])).unwrap();
    let y: Tensor<f32, (Dyn, U![1], U![4])> = GlobalAveragePooling1D::new().keepdims().forward_masked(&m);
    assert_eq!(c["output_shape"], serde_json::json!([2, 1, 4]));
    close("gap channels_last keepdims", y.as_slice(), &f32s(&c["output"]));
}

#[test]
fn gap_keras_test_channels_first() {
    let c = case("gap", "keras_test_channels_first_keepdims_False");
    let x = Tensor::<f32, ChannelsFirstShape<Dyn, U![3], U![4]>>::from_vec(keras_test_input()).unwrap();
    let m = Masked::with_flags(x, flags(&c["mask"])).unwrap();
    let y: Tensor<f32, (Dyn, U![3])> = GlobalAveragePooling1D::channels_first().forward_masked(&m);
    close("gap channels_first", y.as_slice(), &f32s(&c["output"]));
}

/// Keras's fourth masked parameterisation (channels_first, keepdims=True): shaped's `keepdims`
/// is channels-last only, so it is compared as the channels-first mean, whose values it holds.
#[test]
fn gap_keras_test_channels_first_keepdims_values() {
    let c = case("gap", "keras_test_channels_first_keepdims_True");
    assert_eq!(c["output_shape"], serde_json::json!([2, 3, 1]));
    let x = Tensor::<f32, ChannelsFirstShape<Dyn, U![3], U![4]>>::from_vec(keras_test_input()).unwrap();
    let m = Masked::with_flags(x, flags(&c["mask"])).unwrap();
    let y: Tensor<f32, (Dyn, U![3])> = GlobalAveragePooling1D::channels_first().forward_masked(&m);
    close("gap channels_first keepdims (values)", y.as_slice(), &f32s(&c["output"]));
}

macro_rules! gap_random {
    ($test:ident, $name:literal, $L:literal, $C:literal) => {
        #[test]
        fn $test() {
            let c = case("gap", $name);
            let x = Tensor::<f32, (Dyn, U![$L], U![$C])>::from_vec(f32s(&c["input"])).unwrap();
            let m = Masked::with_flags(x, flags(&c["mask"])).unwrap();
            let y: Tensor<f32, (Dyn, U![$C])> = GlobalAveragePooling1D::new().forward_masked(&m);
            close($name, y.as_slice(), &f32s(&c["output"]));
        }
    };
}

gap_random!(gap_random_0, "random_0", 10, 3);
gap_random!(gap_random_1, "random_1", 7, 5);
gap_random!(gap_random_2, "random_2", 16, 8);

/// Keras 3's GlobalMaxPooling1D does not support masking: it warns, drops the mask and takes
/// the max over every step of the values Masking left (zeros in the masked steps). shaped
/// refuses the masked sequence (ui-tests `rule_masked_into_global_max_pool`); `.without_mask()`
/// gives Keras's result.
#[test]
fn gmp_drops_the_mask_as_keras() {
    let c = case("gmp", "gmp_after_masking");
    assert!(c["warning"].as_str().unwrap().contains("does not support masking"));
    let x = Tensor::<f32, (Dyn, U![6], U![4])>::from_vec(f32s(&c["input"])).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    assert_eq!(masked.mask().as_slice(), flags(&c["mask"]).as_slice());
    let y: Tensor<f32, (Dyn, U![4])> = GlobalMaxPooling1D::new().forward(&masked.without_mask());
    close("gmp after masking", y.as_slice(), &f32s(&c["output"]));
}

/// Keras 3's Conv1D does not support masking: it warns, convolves the values as they are and
/// drops the mask (`output_mask` is null). shaped: `.without_mask()` then Conv1D.
#[test]
fn conv1d_drops_the_mask_as_keras() {
    let c = case("conv1d", "conv1d_after_masking");
    assert!(c["warning"].as_str().unwrap().contains("Downstream layers will not see the mask"));
    assert!(c["output_mask"].is_null());
    let x = Tensor::<f32, (Dyn, U![9], U![3])>::from_vec(f32s(&c["input"])).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    assert_eq!(masked.mask().as_slice(), flags(&c["mask"]).as_slice());
    let conv =
        Conv1D::<f32, U![3], U![4], U![3]>::from_keras(&f32s(&c["kernel"]), Some(&f32s(&c["bias"]))).unwrap();
    let y: Tensor<f32, (Dyn, U![7], U![4])> = conv.forward(&masked.without_mask());
    close("conv1d after masking", y.as_slice(), &f32s(&c["output"]));
}

#[test]
fn dense_passes_the_mask_through() {
    let c = case("dense", "dense_relu_after_masking");
    let x = Tensor::<f32, (Dyn, U![5], U![3])>::from_vec(f32s(&c["input"])).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    let dense = Dense::<f32, U![3], U![4]>::from_keras(&f32s(&c["kernel"]), Some(&f32s(&c["bias"])))
        .unwrap()
        .activation(Activation::Relu);
    let y: Masked<f32, (Dyn, U![5], U![4])> = dense.forward_masked(&masked);
    assert_eq!(y.mask().as_slice(), flags(&c["mask"]).as_slice());
    close("dense after masking", y.values().as_slice(), &f32s(&c["output"]));
}

/// pad_sequences -> Masking -> Dense(3, tanh) -> GlobalAveragePooling1D, as a Keras model's
/// `predict`; and the same with `pad_sequences_masked` (no data step is 0, so the masks agree).
fn pipeline(name: &str, side: Side) {
    let c = case("pipeline", name);
    let seqs: Vec<Vec<f32>> = c["sequences"].as_array().unwrap().iter().map(f32s).collect();
    let options = PadOptions::new().padding(side).truncating(Side::Pre);
    let (padded, _) = pad_sequences::<f32, U![8], _>(&seqs, &options).unwrap();
    close(&format!("{name}: padded"), padded.as_slice(), &f32s(&c["padded"]));
    let masked = Masking::new(0.0).forward(&padded);
    assert_eq!(masked.mask().as_slice(), flags(&c["mask"]).as_slice(), "{name}: Masking's mask");
    let (direct, _) = pad_sequences_masked::<f32, U![8], _>(&seqs, &options).unwrap();
    assert_eq!(direct, masked, "{name}: pad_sequences_masked agrees with Masking(0.0)");
    let dense = Dense::<f32, U![1], U![3]>::from_keras(&f32s(&c["kernel"]), Some(&f32s(&c["bias"])))
        .unwrap()
        .activation(Activation::Tanh);
    let h = dense.forward_masked(&direct);
    let y: Tensor<f32, (Dyn, U![3])> = GlobalAveragePooling1D::new().forward_masked(&h);
    close(name, y.as_slice(), &f32s(&c["output"]));
}

#[test]
fn pipeline_post_padding() {
    pipeline("pad_post_masking_dense_gap", Side::Post);
}

#[test]
fn pipeline_pre_padding() {
    pipeline("pad_pre_masking_dense_gap", Side::Pre);
}

/// Every case of the file is read by a test above.
#[test]
fn every_case_has_a_test() {
    let counts: Vec<(String, usize)> = golden()["cases"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_array().unwrap().len()))
        .collect();
    let expected = [("conv1d", 1), ("dense", 1), ("gap", 7), ("gmp", 1), ("masking", 4), ("pipeline", 2)];
    let expected: Vec<(String, usize)> = expected.iter().map(|(k, n)| ((*k).to_string(), *n)).collect();
    assert_eq!(counts, expected);
}
