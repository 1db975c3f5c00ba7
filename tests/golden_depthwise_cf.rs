//! Every case of `tests/golden/depthwise_cf.json` (real Keras 3.15.1 outputs of
//! `DepthwiseConv1D(data_format="channels_first")` and `SeparableConv1D(data_format=
//! "channels_first")`, made by `tools/gen_depthwise_cf_cases.py`) through the typed layers with
//! `ChannelsFirst`, built twice: from Keras's weights (`from_keras`) and from the PyTorch layout
//! of the same weights (`from_pytorch`, the generator's transposition). Both must be within
//! `1e-5 * (1 + |keras|)` of Keras's output, with Keras's output shape as the type.
//! `every_case_has_a_typed_test` fails when the JSON has a case no test reads.

use serde_json::Value;
use shaped::layers::{DepthwiseConv1D, Layer, SeparableConv1D};
use shaped::shapes::{shape, ChannelsFirst, Dyn, Same, Shape, Valid, U};
use shaped::tensor::Tensor;

fn cases() -> &'static Vec<Value> {
    static CASES: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    CASES.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/depthwise_cf.json");
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("read the golden file"))
            .expect("parse the golden file");
        doc["cases"].as_array().expect("cases").clone()
    })
}

fn case(name: &str) -> &'static Value {
    cases().iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no case {name}"))
}

fn floats(v: &Value) -> Vec<f32> {
    v.as_array().expect("an array of numbers").iter().map(|x| x.as_f64().expect("a number") as f32).collect()
}

fn optional(v: &Value) -> Option<Vec<f32>> {
    if v.is_null() {
        None
    } else {
        Some(floats(v))
    }
}

/// `got` is Keras's output: same dims, every element within `1e-5 * (1 + |keras|)`.
fn assert_close<Y: Shape>(name: &str, how: &str, got: &Tensor<f32, Y>, c: &Value) {
    let dims: Vec<usize> = c["output_shape"]
        .as_array()
        .expect("shape")
        .iter()
        .map(|d| d.as_u64().expect("dim") as usize)
        .collect();
    assert_eq!(got.dims(), dims, "{name} ({how}): output shape");
    let want = floats(&c["output"]);
    assert_eq!(got.len(), want.len(), "{name} ({how}): output length");
    for (i, (&g, &w)) in got.as_slice().iter().zip(&want).enumerate() {
        let err = (g - w).abs() / (1.0 + w.abs());
        assert!(err <= 1e-5, "{name} ({how}): element {i}: got {g}, Keras {w} (relative error {err})");
    }
}

macro_rules! depthwise {
    ($($test:ident = $name:literal: DepthwiseConv1D<$c:ty, $k:ty, $m:ty, $s:ty, $p:ty, $d:ty>, $x:ty => $y:ty;)*) => {
        $(
            #[test]
            fn $test() {
                type Dw = DepthwiseConv1D<f32, $c, $k, $m, $s, $p, $d, ChannelsFirst>;
                let c = case($name);
                assert_eq!((c["layer"].as_str(), c["data_format"].as_str()), (Some("DepthwiseConv1D"), Some("channels_first")));
                let x = Tensor::<f32, $x>::from_vec(floats(&c["input"])).expect("input");
                let bias = optional(&c["bias"]);
                let keras = Dw::from_keras(&floats(&c["kernel"]), bias.as_deref()).expect("Keras weights");
                let torch = Dw::from_pytorch(&floats(&c["pytorch_weight"]), bias.as_deref()).expect("PyTorch weights");
                // The two layouts are one kernel: each reads back as the other.
                assert_eq!(keras.pytorch_kernel(), floats(&c["pytorch_weight"]), "{}: Keras kernel in PyTorch layout", $name);
                assert_eq!(torch.keras_kernel(), &floats(&c["kernel"])[..], "{}: PyTorch weight in Keras layout", $name);
                let y: Tensor<f32, $y> = keras.forward(&x);
                assert_close($name, "from_keras", &y, c);
                let y: Tensor<f32, $y> = torch.forward(&x);
                assert_close($name, "from_pytorch", &y, c);
            }
        )*
        const DEPTHWISE_CASES: &[&str] = &[$($name),*];
    };
}

macro_rules! separable {
    ($($test:ident = $name:literal: SeparableConv1D<$c:ty, $f:ty, $k:ty, $m:ty, $s:ty, $p:ty, $d:ty>, $x:ty => $y:ty;)*) => {
        $(
            #[test]
            fn $test() {
                type Sep = SeparableConv1D<f32, $c, $f, $k, $m, $s, $p, $d, ChannelsFirst>;
                let c = case($name);
                assert_eq!((c["layer"].as_str(), c["data_format"].as_str()), (Some("SeparableConv1D"), Some("channels_first")));
                let x = Tensor::<f32, $x>::from_vec(floats(&c["input"])).expect("input");
                let bias = optional(&c["bias"]);
                let keras = Sep::from_keras(&floats(&c["depthwise_kernel"]), &floats(&c["pointwise_kernel"]), bias.as_deref())
                    .expect("Keras weights");
                let torch = Sep::from_pytorch(
                    &floats(&c["pytorch_depthwise_weight"]),
                    &floats(&c["pytorch_pointwise_weight"]),
                    bias.as_deref(),
                )
                .expect("PyTorch weights");
                assert_eq!(keras.pytorch_depthwise_kernel(), floats(&c["pytorch_depthwise_weight"]), "{}: depthwise", $name);
                assert_eq!(keras.pytorch_pointwise_kernel(), floats(&c["pytorch_pointwise_weight"]), "{}: pointwise", $name);
                let y: Tensor<f32, $y> = keras.forward(&x);
                assert_close($name, "from_keras", &y, c);
                let y: Tensor<f32, $y> = torch.forward(&x);
                assert_close($name, "from_pytorch", &y, c);
            }
        )*
        const SEPARABLE_CASES: &[&str] = &[$($name),*];
    };
}

depthwise! {
    dw_k3_m1_valid = "dw_k3_m1_valid": DepthwiseConv1D<U![4], U![3], U![1], U![1], Valid, U![1]>, shape![2, 4, 10; ChannelsFirst] => shape![2, 4, 8; ChannelsFirst];
    dw_k3_m2_same = "dw_k3_m2_same": DepthwiseConv1D<U![3], U![3], U![2], U![1], Same, U![1]>, shape![Dyn, 3, 9; ChannelsFirst] => shape![Dyn, 6, 9; ChannelsFirst];
    dw_k4_m2_same_s2 = "dw_k4_m2_same_s2": DepthwiseConv1D<U![2], U![4], U![2], U![2], Same, U![1]>, shape![1, 2, 11; ChannelsFirst] => shape![1, 4, 6; ChannelsFirst];
    dw_k3_m1_valid_d2_nobias = "dw_k3_m1_valid_d2_nobias": DepthwiseConv1D<U![5], U![3], U![1], U![1], Valid, U![2]>, shape![2, 5, 12; ChannelsFirst] => shape![2, 5, 8; ChannelsFirst];
    dw_k2_m3_same_d3 = "dw_k2_m3_same_d3": DepthwiseConv1D<U![2], U![2], U![3], U![1], Same, U![3]>, shape![Dyn, 2, 7; ChannelsFirst] => shape![Dyn, 6, 7; ChannelsFirst];
}

separable! {
    sep_k3_m1_valid = "sep_k3_m1_valid": SeparableConv1D<U![4], U![6], U![3], U![1], U![1], Valid, U![1]>, shape![2, 4, 10; ChannelsFirst] => shape![2, 6, 8; ChannelsFirst];
    sep_k3_m2_same = "sep_k3_m2_same": SeparableConv1D<U![3], U![5], U![3], U![2], U![1], Same, U![1]>, shape![Dyn, 3, 9; ChannelsFirst] => shape![Dyn, 5, 9; ChannelsFirst];
    sep_k5_m2_valid_s2_nobias = "sep_k5_m2_valid_s2_nobias": SeparableConv1D<U![4], U![3], U![5], U![2], U![2], Valid, U![1]>, shape![1, 4, 13; ChannelsFirst] => shape![1, 3, 5; ChannelsFirst];
    sep_k3_m1_same_d2 = "sep_k3_m1_same_d2": SeparableConv1D<U![3], U![4], U![3], U![1], U![1], Same, U![2]>, shape![2, 3, 11; ChannelsFirst] => shape![2, 4, 11; ChannelsFirst];
    sep_k3_m2_valid_s3 = "sep_k3_m2_valid_s3": SeparableConv1D<U![2], U![3], U![3], U![2], U![3], Valid, U![1]>, shape![2, 2, 8; ChannelsFirst] => shape![2, 3, 2; ChannelsFirst];
}

#[test]
fn every_case_has_a_typed_test() {
    for c in cases() {
        let name = c["name"].as_str().expect("name");
        assert!(
            DEPTHWISE_CASES.contains(&name) || SEPARABLE_CASES.contains(&name),
            "case {name} of depthwise_cf.json has no typed test"
        );
    }
    assert_eq!(cases().len(), DEPTHWISE_CASES.len() + SEPARABLE_CASES.len());
}

/// The channels-first layers compute what the channels-last ones do on transposed data (the
/// same weights): the format changes the layout only.
#[test]
fn channels_first_is_channels_last_transposed() {
    let c = case("sep_k3_m2_same");
    let bias = optional(&c["bias"]);
    let (dk, pk) = (floats(&c["depthwise_kernel"]), floats(&c["pointwise_kernel"]));
    let cf =
        SeparableConv1D::<f32, U![3], U![5], U![3], U![2], U![1], Same, U![1], ChannelsFirst>::from_keras(
            &dk,
            &pk,
            bias.as_deref(),
        )
        .expect("weights");
    let cl = SeparableConv1D::<f32, U![3], U![5], U![3], U![2], U![1], Same>::from_keras(
        &dk,
        &pk,
        bias.as_deref(),
    )
    .expect("weights");
    let x = Tensor::<f32, shape![2, 3, 9; ChannelsFirst]>::from_vec(floats(&c["input"])).expect("input");
    let y_cf = cf.forward(&x);
    let y_cl = cl.forward(&x.to_channels_last());
    assert_eq!(y_cf.to_channels_last().as_slice(), y_cl.as_slice());
}

/// The summary's names and Keras's `count_params()`: DepthwiseConv1D `K*C*M + C*M`,
/// SeparableConv1D `K*C*M + C*M*F + F`; the Debug form names the data format.
#[test]
fn names_parameter_counts_and_debug() {
    use shaped::layers::LayerInfo;
    let dw = DepthwiseConv1D::<f32, U![3], U![3], U![2], U![1], Same, U![1], ChannelsFirst>::new(0);
    assert_eq!(dw.name(), "DepthwiseConv1D(3, depth_multiplier=2, padding=same)");
    assert_eq!(LayerInfo::param_count(&dw), 3 * 3 * 2 + 3 * 2);
    assert_eq!(LayerInfo::param_count(&dw.clone().use_bias(false)), 3 * 3 * 2);
    let debug = format!("{dw:?}");
    assert!(debug.starts_with("DepthwiseConv1D(kernel_size=3, strides=1, padding=\"same\", depth_multiplier=2, data_format=\"channels_first\""), "{debug}");
    let sep = SeparableConv1D::<f32, U![3], U![5], U![3], U![2], U![1], Valid, U![1], ChannelsFirst>::new(0);
    assert_eq!(sep.name(), "SeparableConv1D(5, 3)");
    assert_eq!(LayerInfo::param_count(&sep), 3 * 3 * 2 + 3 * 2 * 5 + 5);
    assert!(format!("{sep:?}").contains("data_format=\"channels_first\""));
}
