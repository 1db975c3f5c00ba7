#!/usr/bin/env python3
"""Golden reference data for non-conv Keras layers (and Conv1DTranspose / SeparableConv1D /
DepthwiseConv1D), produced by real Keras 3 on TensorFlow CPU.

Run from the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_layer_cases.py

Writes
    tests/golden/layers/<NNN>_<name>.safetensors   one case per file
    tests/golden/layers/MANIFEST.json              file, config, sha256, bytes + package versions
    tests/golden/layers/VERIFY.json                numpy re-computation of every case

Environment used for the committed files: Python 3.11.7, tensorflow-cpu 2.21.0, keras 3.15.1,
numpy 2.4.6, safetensors 0.8.0 (the same versions as tests/golden/conv1d and pool).

Determinism: every case draws all of its random values (input, second input, weights) from its
own `numpy.random.default_rng(seed)` with `seed = SEED_BASE + case index`, in a fixed order:
input, input2 (merge layers), then the weights in `layer.get_weights()` order. Layers are given
explicit names so that the Keras variable paths are stable. Values are drawn in float64 and cast
to the case dtype.

File format (same as tests/golden/README.md): safetensors, little-endian, C-contiguous; the
header `__metadata__` has exactly one key "config", a JSON object serialized as a string
(sorted keys). Every tensor has the dtype named by config.dtype.

Verification: after writing, every file is re-loaded from disk and its `output` recomputed with a
plain numpy reference (float64) that uses only the stored tensors and the config. The case must
satisfy max|out-ref|/(1+|ref|) <= 1e-5 (float32) or 1e-12 (float64); the generator fails
otherwise.
"""
import hashlib
import json
import math
import os
import pathlib
import platform
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import safetensors  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402
from safetensors.numpy import save_file, load_file  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "layers"
GENERATOR = "tools/gen_layer_cases.py"
SEED_BASE = 20260100
TOL = {"float32": 1e-5, "float64": 1e-12}
VERSIONS = {
    "python": platform.python_version(),
    "tensorflow": tf.__version__,
    "keras": keras.__version__,
    "numpy": np.__version__,
    "safetensors": safetensors.__version__,
}
SRC_SUFFIX = f"(keras {keras.__version__}, tensorflow {tf.__version__}, CPU)"


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def same_pads(length, k_eff, stride):
    """Keras/TF 'same' padding for a forward conv: extra zero on the right."""
    out = -(-length // stride)
    total = max((out - 1) * stride + k_eff - length, 0)
    return total // 2, total - total // 2


def conv_pads(padding, length, k_eff, stride):
    if padding == "valid":
        return 0, 0
    return same_pads(length, k_eff, stride)


def conv_transpose_len(length, k, stride, padding, dilation, output_padding=None):
    """Keras 3 output length of Conv1DTranspose (backend_utils._get_output_shape_given_tf_padding)."""
    eff = (k - 1) * dilation + 1
    if padding == "valid":
        op = max(eff, stride) - eff if output_padding is None else output_padding
        return (length - 1) * stride + eff + op
    if output_padding is None:
        return length * stride
    return (length - 1) * stride + eff % 2 + output_padding


def conv_transpose_crop_left(length, out_len, k, stride, padding, dilation):
    """Number of leading positions of the 'full' transposed conv that TF drops.

    TF runs the transpose as the input-gradient of a forward conv from `out_len` to `length`;
    that forward conv's padding (same rule, extra on the right) is what is cropped."""
    if padding == "valid":
        return 0
    eff = (k - 1) * dilation + 1
    total = max((length - 1) * stride + eff - out_len, 0)
    return total // 2


def to_np(t):
    return np.asarray(keras.ops.convert_to_numpy(t))


# --------------------------------------------------------------------------------------------
# numpy references: (cfg, tensors) -> output, float64
# --------------------------------------------------------------------------------------------

def _act(name, y, cfg=None):
    if name in (None, "linear", "none"):
        return y
    if name == "relu":
        return np.maximum(y, 0.0)
    if name == "softmax":
        m = y.max(axis=-1, keepdims=True)
        e = np.exp(y - m)
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError(name)


def ref_dense(cfg, t):
    x = t["input"].astype(np.float64)
    y = np.tensordot(x, t["kernel"].astype(np.float64), axes=([x.ndim - 1], [0]))
    if cfg["use_bias"]:
        y = y + t["bias"].astype(np.float64)
    return _act(cfg["activation"], y)


def ref_batch_norm(cfg, t):
    x = t["input"].astype(np.float64)
    y = (x - t["moving_mean"]) / np.sqrt(t["moving_variance"].astype(np.float64) + cfg["epsilon"])
    if cfg["scale"]:
        y = y * t["gamma"]
    if cfg["center"]:
        y = y + t["beta"]
    return y


_erf = np.vectorize(math.erf, otypes=[np.float64])


def ref_activation(cfg, t):
    x = t["input"].astype(np.float64)
    a = cfg["activation"]
    if a == "relu":
        return np.maximum(x, 0.0)
    if a == "leaky_relu":
        return np.where(x >= 0, x, cfg["negative_slope"] * x)
    if a == "elu":
        return np.where(x > 0, x, cfg["alpha"] * np.expm1(x))
    if a == "gelu":
        if cfg["approximate"]:
            c = math.sqrt(2.0 / math.pi)
            return 0.5 * x * (1.0 + np.tanh(c * (x + 0.044715 * x ** 3)))
        return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))
    if a == "sigmoid":
        return 1.0 / (1.0 + np.exp(-x))
    if a == "tanh":
        return np.tanh(x)
    if a == "softmax":
        ax = cfg["axis"]
        e = np.exp(x - x.max(axis=ax, keepdims=True))
        return e / e.sum(axis=ax, keepdims=True)
    raise ValueError(a)


def ref_flatten(cfg, t):
    x = t["input"]
    return x.reshape(x.shape[0], -1).astype(np.float64)


def ref_reshape(cfg, t):
    x = t["input"]
    return x.reshape((x.shape[0],) + tuple(cfg["target_shape"])).astype(np.float64)


def ref_zero_padding1d(cfg, t):
    x = t["input"].astype(np.float64)
    return np.pad(x, ((0, 0), (cfg["pad_left"], cfg["pad_right"]), (0, 0)))


def ref_up_sampling1d(cfg, t):
    return np.repeat(t["input"].astype(np.float64), cfg["size"], axis=1)


def ref_cropping1d(cfg, t):
    x = t["input"].astype(np.float64)
    return x[:, cfg["crop_left"]: x.shape[1] - cfg["crop_right"], :]


def ref_add(cfg, t):
    return t["input"].astype(np.float64) + t["input2"]


def ref_multiply(cfg, t):
    return t["input"].astype(np.float64) * t["input2"]


def ref_concatenate(cfg, t):
    return np.concatenate([t["input"].astype(np.float64), t["input2"].astype(np.float64)],
                          axis=cfg["axis"])


def ref_dropout(cfg, t):
    return t["input"].astype(np.float64)


def ref_conv1d_transpose(cfg, t):
    """Scatter form: full[n, i*s + k*d, f] += x[n, i, c] * kernel[k, f, c]; then
    out[n, t, f] = full[n, t + crop_left, f] (zero where full has no entry) + bias[f]."""
    x = t["input"].astype(np.float64)
    w = t["kernel"].astype(np.float64)  # (K, filters, in_channels)
    n, length, _ = x.shape
    k, s, d = cfg["kernel_size"], cfg["strides"], cfg["dilation_rate"]
    out_len = conv_transpose_len(length, k, s, cfg["padding"], d, cfg["output_padding"])
    left = conv_transpose_crop_left(length, out_len, k, s, cfg["padding"], d)
    full_len = max((length - 1) * s + (k - 1) * d + 1, left + out_len)
    full = np.zeros((n, full_len, cfg["filters"]))
    for i in range(length):
        for kk in range(k):
            full[:, i * s + kk * d, :] += x[:, i, :] @ w[kk].T
    y = full[:, left: left + out_len, :]
    if cfg["use_bias"]:
        y = y + t["bias"]
    return y


def _depthwise(x, w, s, d, pad_l, pad_r):
    """x (N, L, C), w (K, C, M) -> (N, Lout, C*M), channel index c*M + m."""
    n, length, c = x.shape
    k, _, m = w.shape
    xp = np.pad(x, ((0, 0), (pad_l, pad_r), (0, 0)))
    eff = (k - 1) * d + 1
    lout = (length + pad_l + pad_r - eff) // s + 1
    y = np.zeros((n, lout, c, m))
    for tt in range(lout):
        for kk in range(k):
            y[:, tt] += xp[:, tt * s + kk * d, :, None] * w[kk][None]
    return y.reshape(n, lout, c * m)


def ref_depthwise_conv1d(cfg, t):
    x = t["input"].astype(np.float64)
    y = _depthwise(x, t["kernel"].astype(np.float64), cfg["strides"], cfg["dilation_rate"],
                   cfg["pad_left"], cfg["pad_right"])
    if cfg["use_bias"]:
        y = y + t["bias"]
    return y


def ref_separable_conv1d(cfg, t):
    x = t["input"].astype(np.float64)
    y = _depthwise(x, t["depthwise_kernel"].astype(np.float64), cfg["strides"],
                   cfg["dilation_rate"], cfg["pad_left"], cfg["pad_right"])
    y = np.tensordot(y, t["pointwise_kernel"][0].astype(np.float64), axes=([2], [0]))
    if cfg["use_bias"]:
        y = y + t["bias"]
    return y


REFS = {
    "dense": ref_dense,
    "batch_norm": ref_batch_norm,
    "activation": ref_activation,
    "flatten": ref_flatten,
    "reshape": ref_reshape,
    "zero_padding1d": ref_zero_padding1d,
    "up_sampling1d": ref_up_sampling1d,
    "cropping1d": ref_cropping1d,
    "add": ref_add,
    "multiply": ref_multiply,
    "concatenate": ref_concatenate,
    "dropout": ref_dropout,
    "conv1d_transpose": ref_conv1d_transpose,
    "depthwise_conv1d": ref_depthwise_conv1d,
    "separable_conv1d": ref_separable_conv1d,
}


# --------------------------------------------------------------------------------------------
# case builders
# --------------------------------------------------------------------------------------------

CASES = []  # (name, builder) ; builder(rng, dtype) -> (cfg_partial, tensors)


def case(name, op, dtype="float32", batch=3):
    def deco(fn):
        CASES.append(dict(name=name, op=op, dtype=dtype, batch=batch, fn=fn))
        return fn
    return deco


def normal(rng, shape, dtype, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(dtype)


def run_weighted(layer, x, rng, dtype, scales, training=None, extra_pos=None):
    """Build `layer`, set random weights (one scale per weight, or a callable), call it.

    Returns (output, weights dict by Keras short name, Keras variable paths)."""
    if not layer.built:
        layer.build((None,) + x.shape[1:])
    ws = []
    for v, sc in zip(layer.weights, scales):
        shape = tuple(v.shape)
        ws.append(sc(rng, shape) if callable(sc) else normal(rng, shape, dtype, sc))
    layer.set_weights(ws)
    kwargs = {} if training is None else {"training": training}
    y = to_np(layer(x, **kwargs))
    names = {}
    for v, w in zip(layer.weights, layer.get_weights()):
        short = v.path.split("/")[-1]
        names[short] = np.ascontiguousarray(w)
    return y, names, [v.path for v in layer.weights]


# ---- dense ------------------------------------------------------------------------------------

def dense_case(name, units, in_shape, activation=None, use_bias=True, dtype="float32", batch=3):
    @case(name, "dense", dtype, batch)
    def _(rng, dtype):
        x = normal(rng, (batch,) + in_shape, dtype)
        layer = layers.Dense(units, activation=activation, use_bias=use_bias, dtype=dtype,
                             name="dense")
        fan_in = in_shape[-1]
        scales = [1 / math.sqrt(fan_in), 0.5]
        y, w, paths = run_weighted(layer, x, rng, dtype, scales)
        cfg = dict(units=units, activation=activation or "linear", use_bias=use_bias,
                   kernel_layout="(input_dim, units)", keras_weight_paths=paths,
                   source=f"keras.layers.Dense {SRC_SUFFIX}")
        return cfg, dict(input=x, output=y, **w)


dense_case("dense_2d_u5", 5, (12,), batch=4)
dense_case("dense_3d_u7_relu", 7, (10, 6), activation="relu")
dense_case("dense_u3_nobias", 3, (8,), use_bias=False)
dense_case("dense_3d_u4_f64", 4, (9, 5), dtype="float64", batch=2)
dense_case("dense_u2_softmax", 2, (6,), activation="softmax", batch=4)


# ---- batch norm -------------------------------------------------------------------------------

def bn_case(name, in_shape, epsilon=1e-3, center=True, scale=True, dtype="float32", batch=3):
    @case(name, "batch_norm", dtype, batch)
    def _(rng, dtype):
        x = normal(rng, (batch,) + in_shape, dtype, 2.0) + np.asarray(0.5, dtype)
        layer = layers.BatchNormalization(epsilon=epsilon, center=center, scale=scale,
                                          dtype=dtype, name="batch_normalization")
        scales = {
            "gamma": lambda r, s: (1.0 + 0.5 * r.standard_normal(s)).astype(dtype),
            "beta": lambda r, s: (0.5 * r.standard_normal(s)).astype(dtype),
            "moving_mean": lambda r, s: (0.5 * r.standard_normal(s)).astype(dtype),
            "moving_variance": lambda r, s: r.uniform(0.5, 2.0, s).astype(dtype),
        }
        layer.build((None,) + in_shape)
        sc = [scales[v.path.split("/")[-1]] for v in layer.weights]
        y, w, paths = run_weighted(layer, x, rng, dtype, sc, training=False)
        cfg = dict(axis=-1, epsilon=epsilon, center=center, scale=scale, momentum=0.99,
                   training=False, keras_weight_paths=paths,
                   source=f"keras.layers.BatchNormalization (training=False) {SRC_SUFFIX}")
        return cfg, dict(input=x, output=y, **w)


bn_case("bn_3d_default_eps", (10, 6))
bn_case("bn_3d_eps1e-5", (10, 6), epsilon=1e-5)
bn_case("bn_3d_no_center_no_scale", (10, 6), center=False, scale=False)
bn_case("bn_2d", (8,), batch=4)
bn_case("bn_3d_f64", (7, 5), dtype="float64", batch=2)


# ---- activations ------------------------------------------------------------------------------

def act_case(name, activation, make, extra, in_shape=(10, 6), mult=3.0, batch=3, src=""):
    @case(name, "activation", "float32", batch)
    def _(rng, dtype):
        x = normal(rng, (batch,) + in_shape, dtype, mult)
        y = to_np(make()(x))
        cfg = dict(activation=activation, input_scale=mult, source=f"{src} {SRC_SUFFIX}", **extra)
        return cfg, dict(input=x, output=y)


act_case("act_relu", "relu", lambda: layers.Activation("relu"), {},
         src='keras.layers.Activation("relu")')
act_case("act_leaky_relu_layer_0.3", "leaky_relu",
         lambda: layers.LeakyReLU(negative_slope=0.3), {"negative_slope": 0.3},
         src="keras.layers.LeakyReLU(negative_slope=0.3)")
act_case("act_leaky_relu_string_default", "leaky_relu",
         lambda: layers.Activation("leaky_relu"), {"negative_slope": 0.2},
         src='keras.layers.Activation("leaky_relu") [keras.activations.leaky_relu default '
             'negative_slope=0.2]')
act_case("act_elu", "elu", lambda: layers.Activation("elu"), {"alpha": 1.0},
         src='keras.layers.Activation("elu")')
act_case("act_gelu_exact", "gelu", lambda: layers.Activation("gelu"), {"approximate": False},
         src='keras.layers.Activation("gelu") [keras.activations.gelu default approximate=False]')
act_case("act_gelu_tanh_approx", "gelu",
         lambda: (lambda x: keras.activations.gelu(x, approximate=True)), {"approximate": True},
         src="keras.activations.gelu(x, approximate=True)")
act_case("act_sigmoid", "sigmoid", lambda: layers.Activation("sigmoid"), {},
         src='keras.layers.Activation("sigmoid")')
act_case("act_tanh", "tanh", lambda: layers.Activation("tanh"), {},
         src='keras.layers.Activation("tanh")')
act_case("act_softmax_3d", "softmax", lambda: layers.Activation("softmax"), {"axis": -1},
         src='keras.layers.Activation("softmax")')
act_case("act_softmax_2d", "softmax", lambda: layers.Activation("softmax"), {"axis": -1},
         in_shape=(9,), batch=4, src='keras.layers.Activation("softmax")')
act_case("act_softmax_large", "softmax", lambda: layers.Softmax(axis=-1), {"axis": -1},
         mult=150.0, src="keras.layers.Softmax(axis=-1)")


# ---- shape layers -----------------------------------------------------------------------------

def shape_case(name, op, in_shape, make, extra, src, batch=3):
    @case(name, op, "float32", batch)
    def _(rng, dtype):
        x = normal(rng, (batch,) + in_shape, dtype)
        y = to_np(make()(x))
        cfg = dict(source=f"{src} {SRC_SUFFIX}", **extra)
        return cfg, dict(input=x, output=y)


shape_case("flatten_7x3", "flatten", (7, 3), lambda: layers.Flatten(), {},
           "keras.layers.Flatten()")
shape_case("reshape_24_to_4x6", "reshape", (24,), lambda: layers.Reshape((4, 6)),
           {"target_shape": [4, 6]}, "keras.layers.Reshape((4, 6))")
shape_case("reshape_6x4_to_12x2", "reshape", (6, 4), lambda: layers.Reshape((12, 2)),
           {"target_shape": [12, 2]}, "keras.layers.Reshape((12, 2))")
shape_case("zero_padding1d_2", "zero_padding1d", (8, 3), lambda: layers.ZeroPadding1D(2),
           {"padding": 2, "pad_left": 2, "pad_right": 2}, "keras.layers.ZeroPadding1D(padding=2)")
shape_case("zero_padding1d_1_3", "zero_padding1d", (8, 3),
           lambda: layers.ZeroPadding1D((1, 3)),
           {"padding": [1, 3], "pad_left": 1, "pad_right": 3},
           "keras.layers.ZeroPadding1D(padding=(1, 3))")
shape_case("up_sampling1d_2", "up_sampling1d", (7, 4), lambda: layers.UpSampling1D(2),
           {"size": 2}, "keras.layers.UpSampling1D(size=2)")
shape_case("up_sampling1d_3", "up_sampling1d", (5, 3), lambda: layers.UpSampling1D(3),
           {"size": 3}, "keras.layers.UpSampling1D(size=3)")
shape_case("cropping1d_1", "cropping1d", (10, 3), lambda: layers.Cropping1D(1),
           {"cropping": 1, "crop_left": 1, "crop_right": 1}, "keras.layers.Cropping1D(cropping=1)")
shape_case("cropping1d_2_0", "cropping1d", (10, 3), lambda: layers.Cropping1D((2, 0)),
           {"cropping": [2, 0], "crop_left": 2, "crop_right": 0},
           "keras.layers.Cropping1D(cropping=(2, 0))")
shape_case("cropping1d_0_3", "cropping1d", (10, 3), lambda: layers.Cropping1D((0, 3)),
           {"cropping": [0, 3], "crop_left": 0, "crop_right": 3},
           "keras.layers.Cropping1D(cropping=(0, 3))")


# ---- merge layers -----------------------------------------------------------------------------

def merge_case(name, op, s1, s2, make, extra, src, batch=3):
    @case(name, op, "float32", batch)
    def _(rng, dtype):
        x1 = normal(rng, (batch,) + s1, dtype)
        x2 = normal(rng, (batch,) + s2, dtype)
        y = to_np(make()([x1, x2]))
        cfg = dict(input2_shape=list(s2), source=f"{src} {SRC_SUFFIX}", **extra)
        return cfg, dict(input=x1, input2=x2, output=y)


merge_case("add", "add", (10, 4), (10, 4), lambda: layers.Add(), {}, "keras.layers.Add()")
merge_case("multiply", "multiply", (10, 4), (10, 4), lambda: layers.Multiply(), {},
           "keras.layers.Multiply()")
merge_case("concatenate_last", "concatenate", (10, 3), (10, 5),
           lambda: layers.Concatenate(axis=-1), {"axis": -1},
           "keras.layers.Concatenate(axis=-1)")
merge_case("concatenate_axis1", "concatenate", (6, 4), (9, 4),
           lambda: layers.Concatenate(axis=1), {"axis": 1}, "keras.layers.Concatenate(axis=1)")


# ---- conv1d transpose ---------------------------------------------------------------------------

def convt_case(name, length, cin, filters, k, strides=1, padding="valid", dilation=1,
               use_bias=True, batch=2):
    @case(name, "conv1d_transpose", "float32", batch)
    def _(rng, dtype):
        x = normal(rng, (batch, length, cin), dtype)
        layer = layers.Conv1DTranspose(filters, k, strides=strides, padding=padding,
                                       dilation_rate=dilation, use_bias=use_bias,
                                       name="conv1d_transpose")
        scales = [1 / math.sqrt(k * cin), 0.5]
        y, w, paths = run_weighted(layer, x, rng, dtype, scales)
        out_len = conv_transpose_len(length, k, strides, padding, dilation)
        assert y.shape[1] == out_len, (y.shape, out_len)
        cfg = dict(filters=filters, kernel_size=k, strides=strides, padding=padding,
                   dilation_rate=dilation, use_bias=use_bias, output_padding=None,
                   activation="linear", length=length, in_channels=cin, output_length=out_len,
                   crop_left=conv_transpose_crop_left(length, out_len, k, strides, padding,
                                                      dilation),
                   kernel_layout="(kernel_size, filters, in_channels)",
                   keras_weight_paths=paths,
                   source=f"keras.layers.Conv1DTranspose {SRC_SUFFIX}")
        return cfg, dict(input=x, output=y, **w)


convt_case("conv1d_transpose_k3_s1_valid", 12, 5, 4, 3)
convt_case("conv1d_transpose_k4_s2_same", 10, 5, 3, 4, strides=2, padding="same")
convt_case("conv1d_transpose_k3_s2_valid", 9, 4, 2, 3, strides=2)
convt_case("conv1d_transpose_k3_d2_valid", 11, 3, 4, 3, dilation=2)
convt_case("conv1d_transpose_k3_s1_valid_nobias", 8, 6, 5, 3, use_bias=False)
convt_case("conv1d_transpose_k3_s2_same_odd", 7, 4, 3, 3, strides=2, padding="same")
convt_case("conv1d_transpose_k2_s3_valid_k_lt_s", 6, 3, 2, 2, strides=3)


# ---- separable / depthwise ---------------------------------------------------------------------

def sep_case(name, length, cin, filters, k, dm, strides=1, padding="same", batch=2):
    @case(name, "separable_conv1d", "float32", batch)
    def _(rng, dtype):
        x = normal(rng, (batch, length, cin), dtype)
        layer = layers.SeparableConv1D(filters, k, strides=strides, padding=padding,
                                       depth_multiplier=dm, name="separable_conv1d")
        scales = [1 / math.sqrt(k), 1 / math.sqrt(cin * dm), 0.5]
        y, w, paths = run_weighted(layer, x, rng, dtype, scales)
        pl, pr = conv_pads(padding, length, k, strides)
        cfg = dict(filters=filters, kernel_size=k, strides=strides, padding=padding,
                   depth_multiplier=dm, dilation_rate=1, use_bias=True, activation="linear",
                   length=length, in_channels=cin, output_length=int(y.shape[1]),
                   pad_left=pl, pad_right=pr,
                   depthwise_kernel_layout="(kernel_size, in_channels, depth_multiplier)",
                   pointwise_kernel_layout="(1, in_channels*depth_multiplier, filters)",
                   keras_weight_paths=paths,
                   source=f"keras.layers.SeparableConv1D {SRC_SUFFIX}")
        return cfg, dict(input=x, output=y, **w)


def dw_case(name, length, cin, k, dm, strides=1, padding="valid", batch=2):
    @case(name, "depthwise_conv1d", "float32", batch)
    def _(rng, dtype):
        x = normal(rng, (batch, length, cin), dtype)
        layer = layers.DepthwiseConv1D(k, strides=strides, padding=padding, depth_multiplier=dm,
                                       name="depthwise_conv1d")
        scales = [1 / math.sqrt(k), 0.5]
        y, w, paths = run_weighted(layer, x, rng, dtype, scales)
        pl, pr = conv_pads(padding, length, k, strides)
        cfg = dict(kernel_size=k, strides=strides, padding=padding, depth_multiplier=dm,
                   dilation_rate=1, use_bias=True, activation="linear", length=length,
                   in_channels=cin, output_length=int(y.shape[1]), pad_left=pl, pad_right=pr,
                   kernel_layout="(kernel_size, in_channels, depth_multiplier)",
                   output_channel_order="c*depth_multiplier + m",
                   keras_weight_paths=paths,
                   source=f"keras.layers.DepthwiseConv1D {SRC_SUFFIX}")
        return cfg, dict(input=x, output=y, **w)


sep_case("separable_conv1d_k3_dm2_same", 12, 4, 6, 3, 2)
sep_case("separable_conv1d_k3_dm1_valid_s2", 13, 5, 4, 3, 1, strides=2, padding="valid")
dw_case("depthwise_conv1d_k5_dm2_valid", 14, 3, 5, 2)
dw_case("depthwise_conv1d_k4_dm2_same", 11, 4, 4, 2, padding="same")


# ---- dropout ----------------------------------------------------------------------------------

@case("dropout_0.5_inference", "dropout", "float32", 3)
def _(rng, dtype):
    x = normal(rng, (3, 10, 4), dtype)
    y = to_np(layers.Dropout(0.5, seed=1)(x, training=False))
    assert np.array_equal(x, y)
    return dict(rate=0.5, training=False,
                source=f"keras.layers.Dropout(0.5) (training=False) {SRC_SUFFIX}"), \
        dict(input=x, output=y)


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.safetensors"):
        old.unlink()
    manifest = []
    for idx, c in enumerate(CASES):
        seed = SEED_BASE + idx
        rng = np.random.default_rng(seed)
        dtype = c["dtype"]
        extra, tensors = c["fn"](rng, dtype)
        tensors = {k: np.ascontiguousarray(v.astype(dtype)) for k, v in tensors.items()}
        cfg = dict(op=c["op"], name=c["name"], dtype=dtype, batch=c["batch"],
                   input_shape=list(tensors["input"].shape[1:]),
                   output_shape=list(tensors["output"].shape[1:]),
                   layout="NLC", seed=seed, generator=GENERATOR, format_version=1)
        for k, v in extra.items():
            assert k not in cfg, k
            cfg[k] = v
        assert tensors["input"].shape[0] == c["batch"]
        fname = f"{idx:03d}_{c['name']}.safetensors"
        path = OUT / fname
        save_file(tensors, str(path), metadata={"config": json.dumps(cfg, sort_keys=True)})
        data = path.read_bytes()
        manifest.append(dict(file=fname, config=cfg, sha256=hashlib.sha256(data).hexdigest(),
                             bytes=len(data)))

    (OUT / "MANIFEST.json").write_text(json.dumps(
        dict(generator=GENERATOR, versions=VERSIONS, cases=manifest), indent=1, sort_keys=True)
        + "\n")

    # ---- verification from disk --------------------------------------------------------------
    results = []
    ok_all = True
    print(f"{'case':<48} {'op':<18} {'dtype':<8} {'max abs':>10} {'max norm':>10}  ok")
    for entry in manifest:
        path = OUT / entry["file"]
        with safetensors.safe_open(str(path), "numpy") as f:
            meta = f.metadata()
        assert list(meta.keys()) == ["config"]
        cfg = json.loads(meta["config"])
        t = load_file(str(path))
        for k, v in t.items():
            assert v.dtype == np.dtype(cfg["dtype"]), (entry["file"], k, v.dtype)
        ref = REFS[cfg["op"]](cfg, t)
        out = t["output"].astype(np.float64)
        shape_ok = (list(out.shape) == [cfg["batch"]] + cfg["output_shape"]
                    and ref.shape == out.shape)
        err = np.abs(out - ref) if shape_ok else np.array([np.inf])
        max_abs = float(err.max())
        max_norm = float((err / (1.0 + np.abs(ref))).max()) if shape_ok else float("inf")
        tol = TOL[cfg["dtype"]]
        ok = bool(shape_ok and max_norm <= tol and np.isfinite(out).all())
        ok_all &= ok
        results.append(dict(file=entry["file"], op=cfg["op"], dtype=cfg["dtype"],
                            max_abs_err=max_abs, max_norm_err=max_norm, tolerance=tol,
                            shape_ok=bool(shape_ok), ok=ok))
        print(f"{cfg['name']:<48} {cfg['op']:<18} {cfg['dtype']:<8} {max_abs:10.2e} "
              f"{max_norm:10.2e}  {'ok' if ok else 'FAIL'}")
    total = sum(e["bytes"] for e in manifest)
    (OUT / "VERIFY.json").write_text(json.dumps(
        dict(reference="plain numpy float64, recomputed from the files on disk (see "
                       + GENERATOR + ")",
             criterion="max|out-ref|/(1+|ref|) <= tolerance",
             versions=VERSIONS, all_ok=ok_all, cases=results), indent=1) + "\n")
    print(f"{len(manifest)} cases, {total} bytes of safetensors, all ok: {ok_all}")
    if not ok_all:
        sys.exit(1)


if __name__ == "__main__":
    main()
