#!/usr/bin/env python3
"""Golden cases from real Keras 3 for masks: Masking, masked GlobalAveragePooling1D (Keras's own
global_average_pooling_test.py parameterisations and random ones), what Keras does with a mask
at GlobalMaxPooling1D and Conv1D (layers without mask support), masks through Dense, and
padded ragged sequences end to end (pad_sequences -> Masking -> Dense -> GlobalAveragePooling1D),
the merges on masked inputs (Add, Subtract, Average, Maximum, Minimum, Multiply, Concatenate
along channels and time; two and three masked inputs, and a masked with an unmasked one) and a
masked chain (Masking -> Dense -> two Dense branches -> Add -> GlobalAveragePooling1D).

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
from keras.src import backend  # noqa: E402

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

# Merges of masked inputs. The masks are attached to the tensors as Masking attaches them
# (backend.set_keras_mask), with nonzero values in the masked steps so that what a merge does
# there shows. "plain" marks an input without a mask.
cases["merge"] = []
cases["chain"] = []


def attach(x, m):
    t = tf.constant(x)
    backend.set_keras_mask(t, tf.constant(m))
    return t


def merge_inputs(shape, n):
    xs = [rng.standard_normal(shape).astype("float32") for _ in range(n)]
    ms = [rng.random(shape[:2]) < 0.5 for _ in range(n)]
    for m in ms:
        m[0, 0] = False  # a step every input masks
        m[0, 1] = True  # a step every input keeps
    return xs, ms


MERGES = {"add": layers.Add, "subtract": layers.Subtract, "average": layers.Average, "maximum": layers.Maximum,
          "minimum": layers.Minimum, "multiply": layers.Multiply}
for name, cls in MERGES.items():
    for n in [2] if name == "subtract" else [2, 3]:
        for plain in [[], [1], [0]] if n == 2 else [[]]:
            xs, ms = merge_inputs((3, 6, 4), n)
            ins = [x if i in plain else attach(x, m) for i, (x, m) in enumerate(zip(xs, ms))]
            y = cls()(ins)
            out_mask = backend.get_keras_mask(y)
            suffix = f"{n}" + "".join(f"_plain{i}" for i in plain)
            cases["merge"].append(dict(name=f"{name}_{suffix}", keras=f"{cls.__name__}()", shape=[3, 6, 4],
                                       inputs=[flat(x) for x in xs],
                                       masks=[None if i in plain else mask_rows(m) for i, m in enumerate(ms)],
                                       output=flat(y), output_mask=None if out_mask is None else mask_rows(out_mask)))
            # What the docs state: an output mask only when every input has one, the OR of them.
            if plain:
                assert out_mask is None, name
            else:
                assert np.array_equal(np.asarray(out_mask), np.logical_or.reduce(ms)), name
for axis, shapes in [(-1, [(2, 5, 3), (2, 5, 2)]), (1, [(2, 4, 3), (2, 3, 3)])]:
    for plain in [[], [1], [0]]:
        xs = [rng.standard_normal(s).astype("float32") for s in shapes]
        ms = [rng.random(s[:2]) < 0.5 for s in shapes]
        ins = [x if i in plain else attach(x, m) for i, (x, m) in enumerate(zip(xs, ms))]
        y = layers.Concatenate(axis=axis)(ins)
        out_mask = backend.get_keras_mask(y)
        assert out_mask is not None, "Concatenate keeps a mask when one input has one"
        cases["merge"].append(dict(name=f"concatenate_axis{axis}_2" + "".join(f"_plain{i}" for i in plain),
                                   keras=f"Concatenate(axis={axis})", shapes=[list(s) for s in shapes],
                                   inputs=[flat(x) for x in xs],
                                   masks=[None if i in plain else mask_rows(m) for i, m in enumerate(ms)],
                                   output=flat(y), output_shape=list(y.shape), output_mask=mask_rows(out_mask)))

# A masked chain as a functional model: Masking -> Dense(4, relu) -> [Dense(3), Dense(3, tanh)]
# -> Add -> GlobalAveragePooling1D; the mask reaches the pooling through the Add.
x = with_zero_steps((4, 7, 2))
x[0, :] = 0.0  # an all-masked sample: NaN after the pooling
inp = keras.Input((7, 2))
h = layers.Masking(0.0)(inp)
d0, d1, d2 = layers.Dense(4, activation="relu"), layers.Dense(3), layers.Dense(3, activation="tanh")
h = d0(h)
added = layers.Add()([d1(h), d2(h)])
pooled = layers.GlobalAveragePooling1D()(added)
model = keras.Model(inp, [added, pooled])
weights = []
for d, (i, o) in [(d0, (2, 4)), (d1, (4, 3)), (d2, (4, 3))]:
    k, b = rng.standard_normal((i, o)).astype("float32"), rng.standard_normal(o).astype("float32")
    d.set_weights([k, b])
    weights.append(dict(kernel=flat(k), bias=flat(b)))
added_out, pooled_out = model.predict(x, verbose=0)
eager_added = layers.Add()([d1(d0(layers.Masking(0.0)(x))), d2(d0(layers.Masking(0.0)(x)))])
cases["chain"].append(dict(name="masking_dense_fork_add_gap", shape=[4, 7, 2], input=flat(x), dense=weights,
                           mask=mask_rows(keras_mask(layers.Masking(0.0)(x))),
                           added=flat(added_out), added_mask=mask_rows(backend.get_keras_mask(eager_added)),
                           output=[None if np.isnan(v) else v for v in flat(pooled_out)]))  # NaN as null
assert np.all(np.isnan(pooled_out[0])), "the all-masked sample pools to NaN"

doc = dict(generator="tools/gen_mask_cases.py", keras=keras.__version__, tensorflow=tf.__version__,
           numpy=np.__version__, python=platform.python_version(), seed=SEED, cases=cases)
OUT.write_text(json.dumps(doc, indent=1) + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)}" for k, v in cases.items()))
