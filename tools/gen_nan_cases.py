#!/usr/bin/env python3
"""NaN and infinity through every layer: inputs and what real TensorFlow/Keras returns.

Run from the repository root:

    pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy
    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_nan_cases.py

Writes tests/golden/nan_cases.json, read by tests/nan_policy.rs, which runs the same layers in
shaped (channels-last as here, and channels-first on the transposed input) and compares each
output element's class with TensorFlow's: NaN, +inf, -inf, or a finite value within a
tolerance.

Environment of the committed file: tensorflow-cpu 2.21.0, keras 3.15.1 (recorded in the file).
Each case's "output" is TensorFlow's default (oneDNN on). The generator runs itself again with
`TF_ENABLE_ONEDNN_OPTS=0` (TensorFlow's Eigen kernels) and records that output as
"output_eigen" in the cases where some element's class differs: only the softmax cases, whose
oneDNN kernel gives [nan, 0, 0] for a row [nan, 1, 2] and [inf, 1, 2], where Eigen (and numpy's
exp(x - max) / sum) gives NaN in the whole row.

Every value is float32. JSON has no NaN or infinity: such values are the strings "nan", "inf"
and "-inf"; every other value is a number that reads back as the same float32.

Inputs: batches whose samples are, in turn, finite with one NaN, with +inf, with -inf, all NaN,
mixed windows ([nan, nan], [-inf, -inf], [nan, 1], [nan, inf], [inf, -inf], [-inf, nan]) and
finite only. Weights: drawn from numpy.random.default_rng(SEED) (no exact zeros), recorded in
the file.

What TensorFlow 2.21 does (measured here, also for tf.nn.max_pool1d and tf.reduce_max directly):
- MaxPooling1D (tf.nn.max_pool1d, the CPU MaxPool kernel): NaN is skipped, and the max starts
  from the lowest finite float32: [nan, 1] -> 1, [nan, nan] -> -3.4028235e38,
  [-inf, -inf] -> -3.4028235e38, [nan, inf] -> inf. Both data formats alike.
- GlobalMaxPooling1D (tf.reduce_max): NaN propagates: [nan, 1] -> nan; [-inf, -inf] -> -inf.
- AveragePooling1D, GlobalAveragePooling1D: sums, so NaN propagates and inf - inf is NaN.
- ReLU and the other activations: NaN in, NaN out.
- Maximum, Minimum: NaN in any input gives NaN.
- Softmax: Eigen: a row with NaN or +inf, or all -inf, is NaN throughout; oneDNN (the default
  on x86): NaN only where the NaN or the first +inf is, 0 elsewhere.
"""
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "nan_cases.json"
SEED = 20261717
NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(SEED)


def enc(v):
    v = float(np.float32(v))
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def tensor(a):
    a = np.asarray(a, np.float32)
    return {"shape": list(a.shape), "values": [enc(v) for v in a.ravel()]}


def weights(*shape):
    w = rng.uniform(0.1, 1.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    return w.astype(np.float32)


# (batch, 4, 2) sequences: the samples described in the docstring.
SEQ = np.array(
    [
        [[0.5, -1.0], [NAN, 2.0], [1.5, 0.25], [-2.0, 1.0]],
        [[0.5, -1.0], [1.0, 2.0], [1.5, INF], [-2.0, 1.0]],
        [[-INF, -1.0], [1.0, 2.0], [1.5, 0.25], [INF, 1.0]],
        [[NAN, NAN], [NAN, NAN], [NAN, NAN], [NAN, NAN]],
        [[NAN, -INF], [NAN, -INF], [NAN, INF], [1.0, -INF]],
        [[NAN, INF], [INF, NAN], [INF, -INF], [-INF, NAN]],
        [[-INF, NAN], [NAN, 1.0], [-INF, 3.0], [-INF, -1.0]],
        [[0.5, -1.0], [1.0, 2.0], [1.5, 0.25], [-2.0, 1.0]],
    ],
    np.float32,
)
SEQ2 = np.array(
    [
        [[1.0, NAN], [2.0, -1.0], [NAN, 1.0], [0.0, 1.0]],
        [[INF, 1.0], [-INF, 2.0], [1.0, -INF], [1.0, INF]],
        [[1.0, 1.0], [INF, 1.0], [-INF, 1.0], [-INF, 1.0]],
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]],
        [[NAN, 1.0], [0.0, INF], [NAN, -INF], [1.0, 0.0]],
        [[1.0, INF], [INF, 1.0], [-INF, INF], [INF, 2.0]],
        [[2.0, 1.0], [1.0, 2.0], [3.0, 3.0], [-INF, -INF]],
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]],
    ],
    np.float32,
)
# (batch, 4) vectors for Dense, Softmax and ReLU.
VEC = np.array(
    [
        [NAN, 1.0, 2.0, 0.5],
        [INF, 1.0, 2.0, 0.5],
        [INF, INF, 1.0, 0.5],
        [-INF, 0.0, 1.0, 0.5],
        [-INF, -INF, -INF, -INF],
        [NAN, NAN, NAN, NAN],
        [INF, -INF, 0.0, 1.0],
        [1.0, 2.0, 3.0, 4.0],
    ],
    np.float32,
)

cases = []


def case(name, inputs, output, params=None):
    cases.append(
        {
            "name": name,
            "inputs": [tensor(x) for x in inputs],
            "params": {k: tensor(v) for k, v in (params or {}).items()},
            "output": tensor(output),
        }
    )


ACTIVATIONS = ["linear", "relu", "sigmoid", "tanh", "elu", "gelu", "leaky_relu", "softmax"]

# Conv1D(3, 2) valid and Conv1D(3, 3) same, with each activation.
for act in ACTIVATIONS:
    for padding, k in [("valid", 2), ("same", 3)]:
        kernel, bias = weights(k, 2, 3), weights(3)
        conv = layers.Conv1D(3, k, padding=padding, activation=act)
        conv.build((None, 4, 2))
        conv.set_weights([kernel, bias])
        case(f"conv1d_{padding}_{act}", [SEQ], conv(SEQ).numpy(), {"kernel": kernel, "bias": bias})

# Dense(3) with each activation.
for act in ACTIVATIONS:
    kernel, bias = weights(4, 3), weights(3)
    dense = layers.Dense(3, activation=act)
    dense.build((None, 4))
    dense.set_weights([kernel, bias])
    case(f"dense_{act}", [VEC], dense(VEC).numpy(), {"kernel": kernel, "bias": bias})

# BatchNormalization (inference) on (batch, 4, 2).
gamma, beta = weights(2), weights(2)
mean, var = weights(2), np.abs(weights(2))
bn = layers.BatchNormalization(epsilon=1e-3)
bn.build((None, 4, 2))
bn.set_weights([gamma, beta, mean, var])
case(
    "batch_norm",
    [SEQ],
    bn(SEQ, training=False).numpy(),
    {"gamma": gamma, "beta": beta, "moving_mean": mean, "moving_variance": var},
)

# Pools: the Keras layers, and the TensorFlow ops beneath them, which must agree.
pools = {
    "max_pool_valid": layers.MaxPooling1D(2),
    "max_pool_same_s1": layers.MaxPooling1D(2, 1, padding="same"),
    "max_pool_4": layers.MaxPooling1D(4),
    "avg_pool_valid": layers.AveragePooling1D(2),
    "avg_pool_same_s1": layers.AveragePooling1D(2, 1, padding="same"),
    "global_max_pool": layers.GlobalMaxPooling1D(),
    "global_avg_pool": layers.GlobalAveragePooling1D(),
}
for name, layer in pools.items():
    out = layer(SEQ).numpy()
    # The same layer channels-first must give the transposed output.
    cf = type(layer).from_config({**layer.get_config(), "data_format": "channels_first"})
    out_cf = cf(np.transpose(SEQ, (0, 2, 1))).numpy()
    expect_cf = out if out.ndim == 2 else np.transpose(out, (0, 2, 1))
    np.testing.assert_array_equal(out_cf, expect_cf)
    case(name, [SEQ], out)
np.testing.assert_array_equal(tf.nn.max_pool1d(SEQ, 2, 2, "VALID").numpy(), pools["max_pool_valid"](SEQ).numpy())
np.testing.assert_array_equal(tf.reduce_max(SEQ, axis=1).numpy(), pools["global_max_pool"](SEQ).numpy())

# Merges of two (batch, 4, 2) inputs.
for name, layer in [
    ("add", layers.Add()),
    ("subtract", layers.Subtract()),
    ("multiply", layers.Multiply()),
    ("average", layers.Average()),
    ("maximum", layers.Maximum()),
    ("minimum", layers.Minimum()),
    ("concatenate", layers.Concatenate()),
]:
    case(name, [SEQ, SEQ2], layer([SEQ, SEQ2]).numpy())

# Softmax and ReLU as layers.
case("softmax", [VEC], layers.Softmax()(VEC).numpy())
case("relu_layer", [VEC], layers.ReLU()(VEC).numpy())
case("relu_layer_seq", [SEQ], layers.ReLU()(SEQ).numpy())

# The whole GunPoint FCN: an all-NaN series, one with a single NaN, one with a single inf.
model = keras.saving.load_model(ROOT / "data/models/gunpoint_fcn/model.keras")
series = np.tile(np.linspace(-1.0, 1.0, 150, dtype=np.float32).reshape(1, 150, 1), (4, 1, 1))
series[0] = NAN
series[1, 70, 0] = NAN
series[2, 30, 0] = INF
case("gunpoint_fcn", [series], model(series, training=False).numpy())

def classes(t):
    return [v if isinstance(v, str) else "finite" for v in t["values"]]


if len(sys.argv) == 3 and sys.argv[1] == "--eigen-to":
    pathlib.Path(sys.argv[2]).write_text(json.dumps(cases))
    sys.exit(0)

with tempfile.TemporaryDirectory() as tmp:
    eigen_path = pathlib.Path(tmp) / "eigen.json"
    env = {**os.environ, "TF_ENABLE_ONEDNN_OPTS": "0"}
    subprocess.run([sys.executable, __file__, "--eigen-to", str(eigen_path)], env=env, check=True)
    eigen = json.loads(eigen_path.read_text())
differ = []
for mine, other in zip(cases, eigen):
    assert mine["name"] == other["name"] and mine["inputs"] == other["inputs"]
    if classes(mine["output"]) != classes(other["output"]):
        mine["output_eigen"] = other["output"]
        differ.append(mine["name"])
print("oneDNN and Eigen differ in:", ", ".join(differ))

OUT.write_text(
    json.dumps(
        {
            "generator": "tools/gen_nan_cases.py",
            "tensorflow": tf.__version__,
            "keras": keras.__version__,
            "numpy": np.__version__,
            "seed": SEED,
            "cases": cases,
        },
        indent=None,
        separators=(",", ":"),
    )
    + "\n"
)
print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")
