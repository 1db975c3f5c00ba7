#!/usr/bin/env python3
"""Golden cases from real Keras 3 for Conv1DTranspose's `output_padding` and `data_format`,
Keras's own test parameterisations among them.

Run from the repository root (tensorflow-cpu 2.21.0, keras 3.15.1, numpy, pytest: the
reference of Keras's own test module imports it):

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_transpose_cases.py

Writes tests/golden/conv1d_transpose.json and the typed test that reads it,
tests/golden_conv1d_transpose.rs (one test per case, the layer's arguments as types; a test
fails if a case has none). Each case: the Keras layer line, where its parameters come from
(`source`), the input, the weights set with `layer.set_weights`, and `layer(x)`.

Cases:
- `consistency_*`: Keras's `conv_transpose_test.py::test_conv1d_transpose_consistency`
  parameterisation (kernel_size 1-4, strides 1-4, "same"/"valid", output_padding None or 1-4
  below the strides; input ones of shape (1, 3, 1), kernel 1..kernel_size, zero bias).
- `basic_*` / `correctness_*`: `test_conv1d_transpose_basic` and
  `test_conv1d_transpose` (input (2, 8, 4), N(0, 1) weights).
- the rest: output_padding 0, dilation, activation, no bias, channels-first, a dynamic batch.

Where TensorFlow's kernel refuses a case Keras defines ("same" padding, an even effective
kernel and output_padding=0: TF's forward "same" convolution from the requested length does
not give back the input length), the output is Keras's own reference for its tests,
`np_conv1d_transpose` from keras/src/layers/convolutional/conv_transpose_test.py, and the
case's `source` says so. Every case that TF runs is also checked against that reference
here (1e-4), so the two agree wherever both exist (the reference has no dilation: dilated
cases are TF's alone, and none of them is one TF refuses).
"""
import json
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.layers.convolutional.conv_transpose_test import np_conv1d_transpose  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "conv1d_transpose.json"
TEST = ROOT / "tests" / "golden_conv1d_transpose.rs"
SEED_BASE = 20261616

CASES = []


def case(name, filters, kernel_size, strides=1, padding="valid", output_padding=None, dilation=1,
         data_format="channels_last", activation=None, use_bias=True, length=8, channels=4, batch=2,
         source="shaped", ones_input=False, arange_kernel=False, zero_bias=False, batch_dyn=False):
    CASES.append(dict(name=name, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                      output_padding=output_padding, dilation=dilation, data_format=data_format,
                      activation=activation, use_bias=use_bias, length=length, channels=channels,
                      batch=batch, source=source, ones_input=ones_input, arange_kernel=arange_kernel,
                      zero_bias=zero_bias, batch_dyn=batch_dyn))


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def keras_line(c):
    args = [str(c["filters"]), str(c["kernel_size"])]
    for key, default in (("strides", 1), ("padding", "valid"), ("output_padding", None), ("dilation", 1),
                         ("data_format", "channels_last"), ("activation", None), ("use_bias", True)):
        if c[key] != default:
            name = "dilation_rate" if key == "dilation" else key
            args.append(f"{name}={c[key]!r}")
    return "Conv1DTranspose(" + ", ".join(args) + ")"


def run(i, c):
    rng = np.random.default_rng(SEED_BASE + i)
    cf = c["data_format"] == "channels_first"
    shape = (c["batch"], c["channels"], c["length"]) if cf else (c["batch"], c["length"], c["channels"])
    x = np.ones(shape, np.float32) if c["ones_input"] else rng.standard_normal(shape).astype(np.float32)
    layer = layers.Conv1DTranspose(c["filters"], c["kernel_size"], strides=c["strides"], padding=c["padding"],
                                   output_padding=c["output_padding"], dilation_rate=c["dilation"],
                                   data_format=c["data_format"], activation=c["activation"],
                                   use_bias=c["use_bias"])
    layer.build(x.shape)
    kshape = tuple(layer.kernel.shape)
    if c["arange_kernel"]:
        kernel = np.arange(1, c["kernel_size"] + 1, dtype=np.float32).reshape(kshape)
    else:
        kernel = rng.standard_normal(kshape).astype(np.float32)
    weights = [kernel]
    bias = np.zeros(c["filters"], np.float32)
    if c["use_bias"]:
        if not c["zero_bias"]:
            bias = rng.standard_normal(c["filters"]).astype(np.float32)
        weights.append(bias)
    layer.set_weights(weights)
    # Keras's reference takes channels-last kernels and the data format; no activation.
    reference = np_conv1d_transpose(x.astype(np.float64), kernel.astype(np.float64), bias.astype(np.float64),
                                    c["strides"], c["padding"], c["output_padding"], c["data_format"],
                                    c["dilation"])
    source = c["source"]
    try:
        y = np.asarray(layer(x))
        if c["activation"] is None and c["dilation"] == 1:
            assert y.shape == reference.shape, (c["name"], y.shape, reference.shape)
            err = np.max(np.abs(y - reference) / (1 + np.abs(reference))) if y.size else 0.0
            assert err < 1e-4, (c["name"], err)
    except Exception as e:  # noqa: BLE001 - TF's kernel refuses the case
        if "Conv2DBackpropInput" not in str(e) and "Conv2DCustomBackpropInput" not in str(e) \
                and "BackpropInput" not in str(e):
            raise
        assert c["activation"] is None and c["dilation"] == 1, c["name"]
        y = reference.astype(np.float32)
        source += ("; TensorFlow's kernel refuses it at run time, the output is Keras's test reference "
                   "np_conv1d_transpose (conv_transpose_test.py)")
    assert np.all(np.isfinite(y)), c["name"]
    return {
        "name": c["name"],
        "keras": keras_line(c),
        "config": {k: c[k] for k in ("filters", "kernel_size", "strides", "padding", "output_padding",
                                     "dilation", "data_format", "activation", "use_bias", "batch_dyn")},
        "source": source,
        "dtype": "float32",
        "input_shape": list(x.shape),
        "input": flat(x),
        "weights": {w.name: {"shape": list(w.shape), "values": flat(w.numpy())} for w in layer.weights},
        "output_shape": list(y.shape),
        "output": flat(y),
    }


# Keras's test_conv1d_transpose_consistency.
for k in range(1, 5):
    for s in range(1, 5):
        for padding in ("same", "valid"):
            for op in [None] + list(range(1, 5)):
                if op is not None and op >= s:
                    continue
                case(f"consistency_k{k}_s{s}_{padding}_op{'none' if op is None else op}", 1, k, strides=s,
                     padding=padding, output_padding=op, length=3, channels=1, batch=1, ones_input=True,
                     arange_kernel=True, zero_bias=True,
                     source="conv_transpose_test.py::test_conv1d_transpose_consistency")

# Keras's test_conv1d_transpose_basic / test_conv1d_transpose (the same three configurations).
for tag, src in (("basic", "test_conv1d_transpose_basic"), ("correctness", "test_conv1d_transpose")):
    case(f"{tag}_f5_k2_s2_valid", 5, 2, strides=2, padding="valid", source=f"conv_transpose_test.py::{src}")
    case(f"{tag}_f6_k2_s3_same_op2", 6, 2, strides=3, padding="same", output_padding=2,
         source=f"conv_transpose_test.py::{src}")
    case(f"{tag}_f6_k2_s2_valid", 6, 2, strides=2, padding="valid", source=f"conv_transpose_test.py::{src}")

# output_padding=0, which differs from None.
case("same_k3_s2_op0", 3, 3, strides=2, padding="same", output_padding=0, length=7)
case("same_k4_s2_op0", 3, 4, strides=2, padding="same", output_padding=0, length=7)
case("same_k4_s2_op1", 3, 4, strides=2, padding="same", output_padding=1, length=7)
case("valid_k3_s2_op0", 3, 3, strides=2, padding="valid", output_padding=0, length=7)
case("valid_k2_s3_op0_kernel_below_strides", 2, 2, strides=3, padding="valid", output_padding=0, length=5)
case("valid_k2_s3_op2_kernel_below_strides", 2, 2, strides=3, padding="valid", output_padding=2, length=5)
case("same_k1_s3_op2", 2, 1, strides=3, padding="same", output_padding=2, length=4)
case("same_k5_s4_op3", 3, 5, strides=4, padding="same", output_padding=3, length=6)
# Dilation (strides 1, so output_padding can only be 0).
case("valid_k3_d2_op0", 3, 3, dilation=2, output_padding=0, length=9)
case("same_k3_d2_op0", 3, 3, padding="same", dilation=2, output_padding=0, length=9)
case("same_k2_d2_op0", 2, 2, padding="same", dilation=2, output_padding=0, length=9)
# Activation, no bias, a dynamic batch.
case("same_k3_s2_op1_relu", 4, 3, strides=2, padding="same", output_padding=1, activation="relu", length=6)
case("valid_k3_s2_op1_nobias", 4, 3, strides=2, output_padding=1, use_bias=False, length=6)
case("same_k4_s3_op2_dyn_batch", 3, 4, strides=3, padding="same", output_padding=2, batch=3, batch_dyn=True)
# Channels-first, with and without output_padding.
case("cf_valid_k3_s1", 4, 3, data_format="channels_first", length=7, channels=3)
case("cf_same_k4_s2", 4, 4, strides=2, padding="same", data_format="channels_first", length=7, channels=3)
case("cf_same_k3_s2_op1", 4, 3, strides=2, padding="same", output_padding=1, data_format="channels_first",
     length=7, channels=3)
case("cf_valid_k2_s3_op2_tanh", 2, 2, strides=3, output_padding=2, data_format="channels_first",
     activation="tanh", length=5, channels=3)
case("cf_same_k3_d2_dyn_batch", 3, 3, padding="same", dilation=2, data_format="channels_first", length=8,
     channels=2, batch=3, batch_dyn=True)


def rust_type(c, cin, length):
    u = lambda n: f"U![{n}]"  # noqa: E731
    padding = {"same": "Same", "valid": "Valid"}[c["padding"]]
    op = "Inferred" if c["output_padding"] is None else u(c["output_padding"])
    fmt = "ChannelsFirst" if c["data_format"] == "channels_first" else "ChannelsLast"
    layer = (f"Conv1DTranspose::<E, {u(cin)}, {u(c['filters'])}, {u(c['kernel_size'])}, {u(c['strides'])}, "
             f"{padding}, {u(c['dilation'])}, {op}, {fmt}>")
    batch = "Dyn" if c["batch_dyn"] else c["batch"]
    cf = c["data_format"] == "channels_first"
    shape = f"shape![{batch}, {cin}, {length}; ChannelsFirst]" if cf else f"shape![{batch}, {length}, {cin}]"
    return layer, shape


ACTIVATIONS = {None: "Linear", "relu": "Relu", "tanh": "Tanh"}


def main():
    doc = {"keras": keras.__version__, "generator": "tools/gen_transpose_cases.py",
           "cases": [run(i, c) for i, c in enumerate(CASES)]}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    rows = []
    for c, out in zip(CASES, doc["cases"]):
        cf = c["data_format"] == "channels_first"
        shape = out["input_shape"]
        cin, length = (shape[1], shape[2]) if cf else (shape[2], shape[1])
        layer, sample = rust_type(c, cin, length)
        bias = 'c.optional::<E>("bias").as_deref()'
        act = ACTIVATIONS[c["activation"]]
        fn = c["name"].replace("-", "_")
        rows.append(f'    {fn} = "{c["name"]}": f32, {sample}, |c| {layer}::from_keras(&c.weight::<E>("kernel"), '
                    f'{bias}).unwrap().activation(Activation::{act});')
    TEST.write_text(RUST_HEAD + "\n".join(rows) + "\n    }\n}\n" + RUST_TAIL)
    print(f"{len(doc['cases'])} cases -> {OUT.relative_to(ROOT)}, {TEST.relative_to(ROOT)}")


RUST_HEAD = '''//! Every golden case of `tests/golden/conv1d_transpose.json` (real Keras 3 outputs for
//! Conv1DTranspose's `output_padding` and `data_format`, Keras's own test parameterisations
//! among them) through the typed layer, with its arguments as types.
//!
//! Generated by `tools/gen_transpose_cases.py` with the JSON; do not edit by hand. A case is
//! within `1e-5 * (1 + |keras|)` of Keras's output (float32), with Keras's output shape;
//! `every_case_has_a_typed_test` fails when the JSON has a case no test below reads.

use shaped::prelude::*;

#[path = "support/json_cases.rs"]
mod json_cases;
use json_cases::check_tensor_case;

const FILE: &str = "conv1d_transpose.json";

macro_rules! golden {
    (tensors { $($name:ident = $file:literal: $elem:ty, $input:ty, |$c:ident| $build:expr;)* }) => {
        $(
            #[test]
            fn $name() {
                type E = $elem;
                check_tensor_case::<E, $input, _, _>(FILE, $file, |$c| $build);
            }
        )*
        /// The cases that have a typed test above.
        const TYPED_CASES: &[&str] = &[$($file,)*];
    };
}

golden! {
    tensors {
'''

RUST_TAIL = '''
#[test]
fn every_case_has_a_typed_test() {
    let mut names = json_cases::case_names(FILE);
    let mut typed: Vec<String> = TYPED_CASES.iter().map(ToString::to_string).collect();
    names.sort();
    typed.sort();
    assert_eq!(names, typed);
    assert!(names.len() >= 100, "{} cases", names.len());
}
'''

if __name__ == "__main__":
    main()
