#!/usr/bin/env python3
"""Golden cases from real Keras 3 for masks: Masking, masked GlobalAveragePooling1D (Keras's own
global_average_pooling_test.py parameterisations and random ones), what Keras does with a mask
at GlobalMaxPooling1D and Conv1D (layers without mask support), masks through Dense, and
padded ragged sequences end to end (pad_sequences -> Masking -> Dense -> GlobalAveragePooling1D).

Run from the repository root (tensorflow-cpu 2.21.0, keras 3.15.1, numpy):

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_mask_cases.py

Writes tests/golden/masks.json, read by tests/golden_masks.rs through the typed API. Values are
float32 written as float64 (exact); masks as 0/1 rows. The script also asserts the Keras
behaviours shaped's docs state (NaN mask_value, masked infinities and -1s become +0.0, all-masked samples, the
warning and dropped mask at Conv1D and GlobalMaxPooling1D) and fails if Keras disagrees.
Determinism: numpy.random.default_rng(SEED).
"""
import json
import os
import pathlib
import platform
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "masks.json"
SEED = 20261616
rng = np.random.default_rng(SEED)


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def mask_rows(m):
    return [[int(bool(v)) for v in row] for row in np.asarray(m)]


def keras_mask(t):
    m = getattr(t, "_keras_mask", None)
    return None if m is None else np.asarray(m)


def with_zero_steps(shape, p=0.35):
    """Random values with whole steps set to zero (what Masking(0.0) masks)."""
    x = rng.standard_normal(shape).astype("float32")
    drop = rng.random(shape[:2]) < p
    x[drop] = 0.0
    return x


cases = {"masking": [], "gap": [], "gmp": [], "conv1d": [], "dense": [], "pipeline": []}

# Masking: Keras's semantics and its zeroing of masked steps.
for i, (shape, value) in enumerate([((2, 5, 3), 0.0), ((3, 4, 1), 0.0), ((2, 6, 2), -1.0), ((1, 7, 4), 2.5)]):
    x = with_zero_steps(shape)
    if value != 0.0:
        x[x == 0.0] = value
        x[0, 1, 0] = value  # a step with only some channels equal to the value: kept
    y = layers.Masking(mask_value=value)(x)
    cases["masking"].append(dict(name=f"masking_{i}", keras=f"Masking(mask_value={value})", shape=list(shape),
                                 mask_value=value, input=flat(x), output=flat(y), mask=mask_rows(keras_mask(y))))

# Claimed behaviours, checked against Keras.
y = layers.Masking(mask_value=-1.0)(np.full((1, 2, 2), -1.0, "float32"))
assert np.all(np.asarray(y) == 0) and not np.any(np.signbit(np.asarray(y))), "masked -1 steps become +0.0"
y = layers.Masking(mask_value=np.inf)(np.full((1, 2, 2), np.inf, "float32"))
assert np.all(np.asarray(y) == 0) and not np.any(keras_mask(y)), "masked inf steps become 0 (where, not a product)"
y = layers.Masking(mask_value=np.nan)(np.full((1, 2, 2), np.nan, "float32"))
assert np.all(keras_mask(y)), "a NaN mask_value keeps every step"
g = layers.GlobalAveragePooling1D()(np.ones((1, 3, 2), "float32"), mask=np.zeros((1, 3), bool))
assert np.all(np.isnan(np.asarray(g))), "an all-masked sample averages to NaN"

# Masked GlobalAveragePooling1D: Keras's test (arange(24) as (2, 3, 4)), then random cases.
x = np.arange(24, dtype="float32").reshape((2, 3, 4))
for fmt, keepdims in [("channels_last", False), ("channels_last", True), ("channels_first", False), ("channels_first", True)]:
    m = np.array([[1, 1, 0], [0, 1, 0]] if fmt == "channels_last" else [[1, 1, 0, 0], [0, 1, 0, 1]], "int32")
    out = layers.GlobalAveragePooling1D(data_format=fmt, keepdims=keepdims)(x, m)
    cases["gap"].append(dict(name=f"keras_test_{fmt}_keepdims_{keepdims}", source="global_average_pooling_test.py",
                             data_format=fmt, keepdims=keepdims, shape=[2, 3, 4], input=flat(x), mask=mask_rows(m),
                             output=flat(out), output_shape=list(out.shape)))
for i, shape in enumerate([(4, 10, 3), (2, 7, 5), (3, 16, 8)]):
    x = rng.standard_normal(shape).astype("float32")
    m = rng.random(shape[:2]) < 0.6
    m[:, 0] = True  # no all-masked sample (NaN is checked above)
    out = layers.GlobalAveragePooling1D()(x, m)
    cases["gap"].append(dict(name=f"random_{i}", source="shaped", data_format="channels_last", keepdims=False,
                             shape=list(shape), input=flat(x), mask=mask_rows(m), output=flat(out),
                             output_shape=list(out.shape)))


def warns_and_drops(layer, masked):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        out = layer(masked)
    text = " ".join(str(x.message) for x in w)
    assert "does not support masking" in text, text
    assert keras_mask(out) is None
    return out, text


# GlobalMaxPooling1D: supports_masking is False in Keras 3: warning, max over every step.
assert not layers.GlobalMaxPooling1D().supports_masking
x = with_zero_steps((3, 6, 4))
masked = layers.Masking(0.0)(x)
out, warning = warns_and_drops(layers.GlobalMaxPooling1D(), masked)
cases["gmp"].append(dict(name="gmp_after_masking", shape=[3, 6, 4], input=flat(x), mask=mask_rows(keras_mask(masked)),
                         output=flat(out), warning=warning))

# Conv1D: supports_masking is False: warning, the values convolved as they are, mask dropped.
assert not layers.Conv1D(2, 3).supports_masking
x = with_zero_steps((2, 9, 3))
masked = layers.Masking(0.0)(x)
conv = layers.Conv1D(4, 3)
conv.build((None, 9, 3))
kernel = rng.standard_normal((3, 3, 4)).astype("float32")
bias = rng.standard_normal(4).astype("float32")
conv.set_weights([kernel, bias])
out, warning = warns_and_drops(conv, masked)
cases["conv1d"].append(dict(name="conv1d_after_masking", shape=[2, 9, 3], filters=4, kernel_size=3, input=flat(x),
                            mask=mask_rows(keras_mask(masked)), kernel=flat(kernel), bias=flat(bias),
                            output=flat(out), output_shape=list(out.shape), output_mask=None, warning=warning))

# Dense on a masked sequence: the mask passes through unchanged.
x = with_zero_steps((2, 5, 3))
masked = layers.Masking(0.0)(x)
dense = layers.Dense(4, activation="relu")
dense.build((None, 5, 3))
kernel = rng.standard_normal((3, 4)).astype("float32")
bias = rng.standard_normal(4).astype("float32")
dense.set_weights([kernel, bias])
out = dense(masked)
assert np.array_equal(keras_mask(out), keras_mask(masked))
cases["dense"].append(dict(name="dense_relu_after_masking", shape=[2, 5, 3], units=4, input=flat(x),
                           kernel=flat(kernel), bias=flat(bias), output=flat(out), mask=mask_rows(keras_mask(out))))

# Padded ragged sequences end to end: pad_sequences -> Masking -> Dense -> GlobalAveragePooling1D.
lengths = [3, 8, 5, 1, 10, 6]
seqs = [list(rng.uniform(0.5, 2.0, n).astype("float32")) for n in lengths]
for padding in ["post", "pre"]:
    padded = keras.utils.pad_sequences(seqs, maxlen=8, dtype="float32", padding=padding, truncating="pre", value=0.0)
    padded = padded[..., None]
    inp = keras.Input((8, 1))
    h = layers.Masking(0.0)(inp)
    d = layers.Dense(3, activation="tanh")
    h = d(h)
    out_t = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, out_t)
    kernel = rng.standard_normal((1, 3)).astype("float32")
    bias = rng.standard_normal(3).astype("float32")
    d.set_weights([kernel, bias])
    out = model.predict(padded, verbose=0)
    mask = keras_mask(layers.Masking(0.0)(padded))
    cases["pipeline"].append(dict(name=f"pad_{padding}_masking_dense_gap", padding=padding, maxlen=8,
                                  sequences=[flat(s) for s in seqs], padded=flat(padded), mask=mask_rows(mask),
                                  kernel=flat(kernel), bias=flat(bias), output=flat(out)))

doc = dict(generator="tools/gen_mask_cases.py", keras=keras.__version__, tensorflow=tf.__version__,
           numpy=np.__version__, python=platform.python_version(), seed=SEED, cases=cases)
OUT.write_text(json.dumps(doc, indent=1) + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)}" for k, v in cases.items()))
