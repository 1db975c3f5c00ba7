//! NaN and infinity through every layer, against real TensorFlow.
//!
//! `tests/golden/nan_cases.json` (written by `tools/gen_nan_cases.py` with tensorflow-cpu
//! 2.21.0 and keras 3.15.1) holds inputs with NaN, `inf` and `-inf` and TensorFlow's outputs
//! for Conv1D (each activation, `valid` and `same`), Dense (each activation),
//! BatchNormalization, the pools and global pools, the merges, Softmax, ReLU and the whole
//! GunPoint FCN. Each output element of shaped must be of TensorFlow's class: NaN, `+inf`,
//! `-inf`, or finite within a tolerance. Layers with a data format run twice: channels-last on
//! the input as given, channels-first on the transposed input (their output transposed back).
//!
//! Softmax: TensorFlow's default oneDNN kernel and its Eigen kernel (`TF_ENABLE_ONEDNN_OPTS=0`)
//! differ on rows with NaN or `+inf` (oneDNN: `[nan, 0, 0]`; Eigen: NaN throughout). shaped
//! follows Eigen (`exp(x - max) / sum`, as the file's `output_eigen`), and is checked never to
//! give a number where the default kernel gives NaN.
//!
//! One documented difference: GELU of `-inf` is -0 here (its limit), NaN in TensorFlow
//! (`-inf * 0`); see `gelu_of_minus_infinity`.
//!
//! `every_instruction_set_path` runs the comparison again in child processes with
//! `SHAPED_KERNEL_ISA` set to each path (a path this CPU lacks falls back to the best it has,
//! which the child prints).

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use shaped::layers::merge::Add;
use shaped::prelude::*;
use shaped_models::{Classifier, GunPointFcn};

/// An element's class, for comparison with TensorFlow's.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Nan,
    PosInf,
    NegInf,
    Finite(f32),
}

fn class(v: f32) -> Class {
    if v.is_nan() {
        Class::Nan
    } else if v == f32::INFINITY {
        Class::PosInf
    } else if v == f32::NEG_INFINITY {
        Class::NegInf
    } else {
        Class::Finite(v)
    }
}

fn value(v: &Value) -> f32 {
    match v {
        Value::String(s) if s == "nan" => f32::NAN,
        Value::String(s) if s == "inf" => f32::INFINITY,
        Value::String(s) if s == "-inf" => f32::NEG_INFINITY,
        Value::Number(n) => n.as_f64().expect("a number") as f32,
        other => panic!("not a value: {other}"),
    }
}

/// A tensor of the file: shape and values.
struct Data {
    shape: Vec<usize>,
    values: Vec<f32>,
}

fn data(v: &Value) -> Data {
    let shape = v["shape"].as_array().expect("shape").iter().map(|d| d.as_u64().unwrap() as usize).collect();
    let values = v["values"].as_array().expect("values").iter().map(value).collect();
    Data { shape, values }
}

/// `(batch, length, channels)` to `(batch, channels, length)` and back (the same function with
/// the last two dimensions swapped).
fn transpose(values: &[f32], batch: usize, rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; values.len()];
    for n in 0..batch {
        for r in 0..rows {
            for c in 0..cols {
                out[(n * cols + c) * rows + r] = values[(n * rows + r) * cols + c];
            }
        }
    }
    out
}

fn activation(name: &str) -> Activation {
    match name {
        "linear" => Activation::Linear,
        "relu" => Activation::Relu,
        "sigmoid" => Activation::Sigmoid,
        "tanh" => Activation::Tanh,
        "elu" => Activation::Elu(1.0),
        "gelu" => Activation::Gelu,
        "leaky_relu" => Activation::LeakyRelu(0.2),
        "softmax" => Activation::Softmax,
        other => panic!("unknown activation {other}"),
    }
}

type Seq = Tensor<f32, shape![Dyn, 4, 2]>;
type SeqCf = Tensor<f32, shape![Dyn, 2, 4; ChannelsFirst]>;

fn seq(d: &Data) -> Seq {
    Seq::from_vec(d.values.clone()).unwrap()
}

fn seq_cf(d: &Data) -> SeqCf {
    SeqCf::from_vec(transpose(&d.values, d.shape[0], 4, 2)).unwrap()
}

/// Runs a layer with a data format both ways: returns (channels-last output, channels-first
/// output transposed to channels-last).
macro_rules! both_formats {
    ($d:expr, $cl:expr, $cf:expr, $len_out:expr, $ch_out:expr) => {{
        let d = $d;
        let cl = $cl.forward(&seq(d)).as_slice().to_vec();
        let cf = $cf.forward(&seq_cf(d)).as_slice().to_vec();
        vec![cl, transpose(&cf, d.shape[0], $ch_out, $len_out)]
    }};
}

/// A Conv1D case: both formats, except with softmax, which Keras applies over the last axis
/// (the length, channels-first), so that the channels-first output is not the transposed
/// channels-last one.
macro_rules! conv_case {
    ($d:expr, $act:expr, $cl:expr, $cf:expr, $len_out:expr) => {{
        if $act == Activation::Softmax {
            vec![$cl.forward(&seq($d)).as_slice().to_vec()]
        } else {
            both_formats!($d, $cl, $cf, $len_out, 3)
        }
    }};
}

/// shaped's outputs for one case (one per data format).
fn run(name: &str, inputs: &[Data], params: &serde_json::Map<String, Value>) -> Vec<Vec<f32>> {
    let p = |k: &str| data(&params[k]).values;
    let x = &inputs[0];
    if let Some(rest) = name.strip_prefix("conv1d_valid_") {
        let act = activation(rest);
        let cl: Conv1D<f32, U![2], U![3], U![2]> =
            Conv1D::from_keras(&p("kernel"), Some(&p("bias"))).unwrap().activation(act);
        let cf: Conv1D<f32, U![2], U![3], U![2], U![1], Valid, U![1], U![1], ChannelsFirst> =
            Conv1D::from_keras(&p("kernel"), Some(&p("bias"))).unwrap().activation(act);
        return conv_case!(x, act, cl, cf, 3);
    }
    if let Some(rest) = name.strip_prefix("conv1d_same_") {
        let act = activation(rest);
        let cl: Conv1D<f32, U![2], U![3], U![3], U![1], Same> =
            Conv1D::from_keras(&p("kernel"), Some(&p("bias"))).unwrap().activation(act);
        let cf: Conv1D<f32, U![2], U![3], U![3], U![1], Same, U![1], U![1], ChannelsFirst> =
            Conv1D::from_keras(&p("kernel"), Some(&p("bias"))).unwrap().activation(act);
        return conv_case!(x, act, cl, cf, 4);
    }
    if let Some(rest) = name.strip_prefix("dense_") {
        let dense: Dense<f32, U![4], U![3]> =
            Dense::from_keras(&p("kernel"), Some(&p("bias"))).unwrap().activation(activation(rest));
        let v = Tensor::<f32, shape![Dyn, 4]>::from_vec(x.values.clone()).unwrap();
        return vec![dense.forward(&v).as_slice().to_vec()];
    }
    match name {
        "batch_norm" => {
            let bn: BatchNormalization<f32, U![2]> = BatchNormalization::from_keras(
                Some(&p("gamma")),
                Some(&p("beta")),
                &p("moving_mean"),
                &p("moving_variance"),
                1e-3,
            )
            .unwrap();
            vec![bn.forward(&seq(x)).as_slice().to_vec()]
        }
        "max_pool_valid" => both_formats!(
            x,
            MaxPooling1D::<U![2]>::new(),
            MaxPooling1D::<U![2], U![2], Valid, ChannelsFirst>::new(),
            2,
            2
        ),
        "max_pool_same_s1" => both_formats!(
            x,
            MaxPooling1D::<U![2], U![1], Same>::new(),
            MaxPooling1D::<U![2], U![1], Same, ChannelsFirst>::new(),
            4,
            2
        ),
        "max_pool_4" => both_formats!(
            x,
            MaxPooling1D::<U![4]>::new(),
            MaxPooling1D::<U![4], U![4], Valid, ChannelsFirst>::new(),
            1,
            2
        ),
        "avg_pool_valid" => both_formats!(
            x,
            AveragePooling1D::<U![2]>::new(),
            AveragePooling1D::<U![2], U![2], Valid, ChannelsFirst>::new(),
            2,
            2
        ),
        "avg_pool_same_s1" => both_formats!(
            x,
            AveragePooling1D::<U![2], U![1], Same>::new(),
            AveragePooling1D::<U![2], U![1], Same, ChannelsFirst>::new(),
            4,
            2
        ),
        "global_max_pool" => vec![
            GlobalMaxPooling1D::new().forward(&seq(x)).as_slice().to_vec(),
            GlobalMaxPooling1D::channels_first().forward(&seq_cf(x)).as_slice().to_vec(),
        ],
        "global_avg_pool" => vec![
            GlobalAveragePooling1D::new().forward(&seq(x)).as_slice().to_vec(),
            GlobalAveragePooling1D::channels_first().forward(&seq_cf(x)).as_slice().to_vec(),
        ],
        "add" | "subtract" | "multiply" | "average" | "maximum" | "minimum" | "concatenate" => {
            let (a, b) = (seq(x), seq(&inputs[1]));
            let ab = (&a, &b);
            vec![match name {
                "add" => Add::new().forward(&ab).as_slice().to_vec(),
                "subtract" => Subtract::new().forward(&ab).as_slice().to_vec(),
                "multiply" => Multiply::new().forward(&ab).as_slice().to_vec(),
                "average" => Average::new().forward(&ab).as_slice().to_vec(),
                "maximum" => Maximum::new().forward(&ab).as_slice().to_vec(),
                "minimum" => Minimum::new().forward(&ab).as_slice().to_vec(),
                _ => Concatenate::new().forward(&ab).as_slice().to_vec(),
            }]
        }
        "softmax" | "relu_layer" => {
            let act = if name == "softmax" { Activation::Softmax } else { Activation::Relu };
            let v = Tensor::<f32, shape![Dyn, 4]>::from_vec(x.values.clone()).unwrap();
            vec![act.forward(&v).as_slice().to_vec()]
        }
        "relu_layer_seq" => vec![Activation::Relu.forward(&seq(x)).as_slice().to_vec()],
        "gunpoint_fcn" => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models/gunpoint_fcn");
            let model = GunPointFcn::load(dir.join("weights.safetensors")).unwrap();
            let series = Tensor::<f32, shape![Dyn, 150, 1]>::from_vec(x.values.clone()).unwrap();
            vec![
                model.probabilities(&series).as_slice().to_vec(),
                model.folded().probabilities(&series).as_slice().to_vec(),
            ]
        }
        other => panic!("no shaped layer for case {other}: add it to tests/nan_policy.rs"),
    }
}

/// The first element whose class differs from TensorFlow's, as a message. `pre` is the
/// activation's input where the case is a GELU (see [`gelu_of_minus_infinity`]).
fn mismatch(ours: &[f32], tf: &[f32], tolerance: f32, pre: Option<&[f32]>) -> Option<String> {
    if ours.len() != tf.len() {
        return Some(format!("{} values, TensorFlow has {}", ours.len(), tf.len()));
    }
    ours.iter().zip(tf).enumerate().find_map(|(i, (&a, &b))| {
        let same = match (class(a), class(b)) {
            (Class::Finite(a), Class::Finite(b)) => (a - b).abs() <= tolerance * (1.0 + b.abs()),
            // The one documented difference: GELU(-inf) is -0 here, NaN in TensorFlow.
            (Class::Finite(a), Class::Nan) if pre.is_some_and(|p| p[i] == f32::NEG_INFINITY) => a == 0.0,
            (x, y) => x == y,
        };
        (!same).then(|| format!("element {i}: shaped {a:e}, TensorFlow {b:e}"))
    })
}

/// TensorFlow computes the exact GELU as `0.5 * x * (1 + erf(x / sqrt(2)))`, which is
/// `-inf * 0 = NaN` at `x = -inf`; shaped's GELU gives its limit, -0 (and GELU(NaN) = NaN,
/// GELU(inf) = inf, as TensorFlow). The GELU cases' pre-activations (the same layer without
/// activation) show where the input was -inf.
fn gelu_of_minus_infinity(
    name: &str,
    inputs: &[Data],
    params: &serde_json::Map<String, Value>,
) -> Option<Vec<f32>> {
    let linear = name.strip_suffix("_gelu")?.to_string() + "_linear";
    run(&linear, inputs, params).into_iter().next()
}

#[test]
fn nan_cases_match_tensorflow() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/nan_cases.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(file["tensorflow"], "2.21.0");
    println!("instruction set: {:?}", shaped::kernels::Isa::detected());
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let inputs: Vec<Data> = case["inputs"].as_array().unwrap().iter().map(data).collect();
        let params = case["params"].as_object().unwrap();
        let default = data(&case["output"]);
        // Softmax follows TensorFlow's Eigen kernel where its oneDNN kernel differs.
        let expected = case.get("output_eigen").map_or_else(|| data(&case["output"]), data);
        let pre = gelu_of_minus_infinity(name, &inputs, params);
        for (format, ours) in run(name, &inputs, params).iter().enumerate() {
            compared += 1;
            if let Some(m) = mismatch(ours, &expected.values, 1e-4, pre.as_deref()) {
                failures.push(format!("{name} (output {format}): {m}"));
            }
            let gelu_inf = |i: usize| pre.as_ref().is_some_and(|p| p[i] == f32::NEG_INFINITY);
            let masked =
                (0..ours.len()).find(|&i| default.values[i].is_nan() && !ours[i].is_nan() && !gelu_inf(i));
            if let Some(i) = masked {
                failures.push(format!(
                    "{name} (output {format}): element {i} is a number where TensorFlow gives NaN"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {compared} outputs differ:\n{}", failures.len(), failures.join("\n"));
    assert!(compared >= 60, "{compared} outputs compared");
}

#[test]
fn the_policy_in_a_few_values() {
    // MaxPooling1D as TensorFlow's MaxPool: NaN skipped, the lowest finite value for a window
    // of NaN and -inf; GlobalMaxPooling1D as reduce_max: NaN propagates.
    let nan = f32::NAN;
    let x =
        Tensor::<f32, shape![1, 8, 1]>::from_vec(vec![nan, 1., nan, nan, f32::NEG_INFINITY, nan, nan, 2.])
            .unwrap();
    let y: Tensor<f32, shape![1, 4, 1]> = MaxPooling1D::<U![2]>::new().forward(&x);
    assert_eq!(y.as_slice(), &[1., f32::MIN, f32::MIN, 2.]);
    let g: Tensor<f32, shape![1, 1]> = GlobalMaxPooling1D::new().forward(&x);
    assert!(g.as_slice()[0].is_nan());
    let ninf = Tensor::<f32, shape![1, 2, 1]>::from_vec(vec![f32::NEG_INFINITY; 2]).unwrap();
    let g: Tensor<f32, shape![1, 1]> = GlobalMaxPooling1D::new().forward(&ninf);
    assert_eq!(g.as_slice(), &[f32::NEG_INFINITY]);
}

#[test]
fn every_instruction_set_path() {
    if std::env::var_os("SHAPED_NAN_POLICY_CHILD").is_some() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    for isa in ["portable", "avx2", "avx512"] {
        let out = Command::new(&exe)
            .args(["--exact", "nan_cases_match_tensorflow", "--nocapture", "--test-threads=1"])
            .env("SHAPED_KERNEL_ISA", isa)
            .env("SHAPED_NAN_POLICY_CHILD", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "SHAPED_KERNEL_ISA={isa}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout.lines().find(|l| l.starts_with("instruction set:")).unwrap_or("?");
        eprintln!("SHAPED_KERNEL_ISA={isa}: {line}");
    }
}
