//! Masks against real Keras 3 (`tests/golden/masks.json`, written by `tools/gen_mask_cases.py`):
//! Masking's values and masks, masked GlobalAveragePooling1D (Keras's own test cases and random
//! ones), what Keras does at GlobalMaxPooling1D and Conv1D (mask dropped: shaped's
//! `.without_mask()`), a mask through Dense, padded ragged sequences end to end, every merge on
//! masked inputs (two and three masked, masked with unmasked; Concatenate along channels and
//! time) and a masked chain through a fork and an Add, as a `Sequential::new_masked`.
//!
//! Tolerance: max |shaped - keras| / (1 + |keras|) <= 1e-5 (float32); masks exactly.

use serde_json::Value;
use shaped::io::{pad_sequences, pad_sequences_masked, PadOptions, Side};
use shaped::layers::graph::Fork;
use shaped::layers::merge::{Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract, TimeAxis};
use shaped::layers::pool::{GlobalAveragePooling1D, GlobalMaxPooling1D};
use shaped::layers::{Activation, Conv1D, Dense, Layer, MaskedLayer, Masking, Sequential};
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
    let expected = [
        ("chain", 1),
        ("conv1d", 1),
        ("dense", 1),
        ("gap", 7),
        ("gmp", 1),
        ("masking", 4),
        ("merge", 29),
        ("pipeline", 2),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|(k, n)| ((*k).to_string(), *n)).collect();
    assert_eq!(counts, expected);
}

type Seq = (Dyn, U![6], U![4]);

/// Input `i` of a merge case as a masked sequence of `(batch, L, C)`.
fn masked_input<S: shaped::tensor::StepShape>(c: &Value, i: usize) -> Masked<f32, S> {
    let x = Tensor::<f32, S>::from_vec(f32s(&c["inputs"][i])).unwrap();
    Masked::with_flags(x, flags(&c["masks"][i])).unwrap()
}

/// Input `i` of a merge case as a tensor without a mask.
fn plain_input<S: shaped::shapes::Shape>(c: &Value, i: usize) -> Tensor<f32, S> {
    assert!(c["masks"][i].is_null(), "input {i} has no mask in Keras");
    Tensor::from_vec(f32s(&c["inputs"][i])).unwrap()
}

fn check_masked<S: shaped::tensor::StepShape>(name: &str, y: &Masked<f32, S>, c: &Value) {
    assert_eq!(y.mask().as_slice(), flags(&c["output_mask"]).as_slice(), "{name}: output mask");
    close(name, y.values().as_slice(), &f32s(&c["output"]));
}

fn check_plain<S: shaped::shapes::Shape>(name: &str, y: &Tensor<f32, S>, c: &Value) {
    assert!(c["output_mask"].is_null(), "{name}: Keras's output has no mask");
    close(name, y.as_slice(), &f32s(&c["output"]));
}

/// One elementwise merge against Keras: two masked inputs, masked with unmasked (either
/// order), and (but Subtract) three masked inputs.
macro_rules! merge_cases {
    ($test:ident, $layer:ident, $key:literal $(, three = $three:ident)?) => {
        #[test]
        fn $test() {
            let c = case("merge", concat!($key, "_2"));
            let (a, b) = (masked_input::<(Dyn, U![6], U![4])>(&c, 0), masked_input::<(Dyn, U![6], U![4])>(&c, 1));
            let y: Masked<f32, Seq> = $layer::new().forward(&(&a, &b));
            check_masked(concat!($key, "_2"), &y, &c);

            let c = case("merge", concat!($key, "_2_plain1"));
            let (a, b) = (masked_input::<(Dyn, U![6], U![4])>(&c, 0), plain_input::<(Dyn, U![6], U![4])>(&c, 1));
            let y: Tensor<f32, Seq> = $layer::new().forward(&(&a, &b));
            check_plain(concat!($key, "_2_plain1"), &y, &c);

            let c = case("merge", concat!($key, "_2_plain0"));
            let (a, b) = (plain_input::<(Dyn, U![6], U![4])>(&c, 0), masked_input::<(Dyn, U![6], U![4])>(&c, 1));
            let y: Tensor<f32, Seq> = $layer::new().forward(&(a, b));
            check_plain(concat!($key, "_2_plain0"), &y, &c);
            $(
                let $three = case("merge", concat!($key, "_3"));
                let c = &$three;
                let ins = (masked_input::<(Dyn, U![6], U![4])>(c, 0), masked_input::<(Dyn, U![6], U![4])>(c, 1), masked_input::<(Dyn, U![6], U![4])>(c, 2));
                let y: Masked<f32, Seq> = $layer::new().forward(&ins);
                check_masked(concat!($key, "_3"), &y, c);
            )?
        }
    };
}

merge_cases!(merge_add_masked, Add, "add", three = c3);
merge_cases!(merge_subtract_masked, Subtract, "subtract");
merge_cases!(merge_average_masked, Average, "average", three = c3);
merge_cases!(merge_maximum_masked, Maximum, "maximum", three = c3);
merge_cases!(merge_minimum_masked, Minimum, "minimum", three = c3);
merge_cases!(merge_multiply_masked, Multiply, "multiply", three = c3);

/// Concatenate(axis=-1): the masks ORed step by step; an unmasked input keeps every step.
#[test]
fn merge_concatenate_channels_masked() {
    let c = case("merge", "concatenate_axis-1_2");
    let (a, b) = (masked_input::<(Dyn, U![5], U![3])>(&c, 0), masked_input::<(Dyn, U![5], U![2])>(&c, 1));
    let y: Masked<f32, (Dyn, U![5], U![5])> = Concatenate::new().forward(&(&a, &b));
    check_masked("concatenate axis=-1", &y, &c);
    let c = case("merge", "concatenate_axis-1_2_plain1");
    let (a, b) = (masked_input::<(Dyn, U![5], U![3])>(&c, 0), plain_input::<(Dyn, U![5], U![2])>(&c, 1));
    let y: Masked<f32, (Dyn, U![5], U![5])> = Concatenate::new().forward(&(&a, &b));
    assert!(y.mask().as_slice().iter().all(|&k| k));
    check_masked("concatenate axis=-1, input 2 unmasked", &y, &c);
    let c = case("merge", "concatenate_axis-1_2_plain0");
    let (a, b) = (plain_input::<(Dyn, U![5], U![3])>(&c, 0), masked_input::<(Dyn, U![5], U![2])>(&c, 1));
    let y: Masked<f32, (Dyn, U![5], U![5])> = Concatenate::new().forward(&(a, b));
    check_masked("concatenate axis=-1, input 1 unmasked", &y, &c);
}

/// Concatenate(axis=1): the masks joined along time; an unmasked input's steps all kept.
#[test]
fn merge_concatenate_time_masked() {
    let c = case("merge", "concatenate_axis1_2");
    assert_eq!(c["output_shape"], serde_json::json!([2, 7, 3]));
    let (a, b) = (masked_input::<(Dyn, U![4], U![3])>(&c, 0), masked_input::<(Dyn, U![3], U![3])>(&c, 1));
    let y: Masked<f32, (Dyn, U![7], U![3])> = Concatenate::axis(TimeAxis).forward(&(&a, &b));
    check_masked("concatenate axis=1", &y, &c);
    let c = case("merge", "concatenate_axis1_2_plain1");
    let (a, b) = (masked_input::<(Dyn, U![4], U![3])>(&c, 0), plain_input::<(Dyn, U![3], U![3])>(&c, 1));
    let y: Masked<f32, (Dyn, U![7], U![3])> = Concatenate::axis(TimeAxis).forward(&(&a, &b));
    check_masked("concatenate axis=1, input 2 unmasked", &y, &c);
    let c = case("merge", "concatenate_axis1_2_plain0");
    let (a, b) = (plain_input::<(Dyn, U![4], U![3])>(&c, 0), masked_input::<(Dyn, U![3], U![3])>(&c, 1));
    let y: Masked<f32, (Dyn, U![7], U![3])> = Concatenate::axis(TimeAxis).forward(&(a, b));
    check_masked("concatenate axis=1, input 1 unmasked", &y, &c);
}

/// Masking -> Dense(4, relu) -> [Dense(3), Dense(3, tanh)] -> Add -> GlobalAveragePooling1D, a
/// Keras functional model's `predict`, as one `Sequential::new_masked` (a fork and a merge in
/// the chain); sample 0 is all masked, NaN in Keras and here.
#[test]
fn chain_masking_dense_fork_add_gap() {
    let c = case("chain", "masking_dense_fork_add_gap");
    let w = |i: usize, field: &str| f32s(&c["dense"][i][field]);
    type X = Tensor<f32, (Dyn, U![7], U![2])>;
    let model = Sequential::<X, _, _>::new_masked((
        Masking::new(0.0),
        Dense::<f32, U![2], U![4]>::from_keras(&w(0, "kernel"), Some(&w(0, "bias")))
            .unwrap()
            .activation(Activation::Relu),
        Fork::new((
            Dense::<f32, U![4], U![3]>::from_keras(&w(1, "kernel"), Some(&w(1, "bias"))).unwrap(),
            Dense::<f32, U![4], U![3]>::from_keras(&w(2, "kernel"), Some(&w(2, "bias")))
                .unwrap()
                .activation(Activation::Tanh),
        )),
        Add::new(),
    ));
    let x = X::from_vec(f32s(&c["input"])).unwrap();
    let added: Masked<f32, (Dyn, U![7], U![3])> = model.forward(&x);
    assert_eq!(added.mask().as_slice(), flags(&c["mask"]).as_slice(), "the mask after the Add is Masking's");
    assert_eq!(added.mask().as_slice(), flags(&c["added_mask"]).as_slice(), "Keras's mask after the Add");
    close("chain: after the Add", added.values().as_slice(), &f32s(&c["added"]));
    let y: Tensor<f32, (Dyn, U![3])> = GlobalAveragePooling1D::new().forward_masked(&added);
    // NaN is written as null in the JSON.
    let want: Vec<f32> =
        c["output"].as_array().unwrap().iter().map(|v| v.as_f64().map_or(f32::NAN, |v| v as f32)).collect();
    assert!(y.as_slice()[..3].iter().chain(&want[..3]).all(|v| v.is_nan()), "the all-masked sample is NaN");
    close("chain: pooled", &y.as_slice()[3..], &want[3..]);
    // The same chain with the pooling inside the model.
    let (masking, d0, fork, add) = model.layers().clone();
    let whole = Sequential::<X, _, _>::new_masked((masking, d0, fork, add, GlobalAveragePooling1D::new()));
    let z: Tensor<f32, (Dyn, U![3])> = whole.forward(&x);
    close("chain: pooled inside the model", &z.as_slice()[3..], &want[3..]);
    assert!(whole.summary().contains("Add"));
}
