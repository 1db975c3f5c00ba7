#!/usr/bin/env python3
"""Golden gradients of the merges and of Dropout from real Keras 3 (TensorFlow backend), for
tests/training_golden_merges.rs.

Writes tests/golden/train/merges_dropout.json:

- `merges`: for each case, the inputs, an upstream gradient `dy`, and what Keras's
  GradientTape gives for the output `y` and each input's gradient (of sum(y * dy)). Add,
  Subtract, Multiply, Average, Maximum and Minimum with two and three inputs, Concatenate
  along the channels and along time; the `*_ties` cases draw inputs from a few values so that
  Maximum and Minimum meet equal inputs, which pins down which input TensorFlow's gradient
  goes to.
- `dropout`: Dropout(rate, seed) with training=True: the input, `dy`, Keras's output and input
  gradient. Keras's random mask cannot be drawn in Rust, so the test reads it back from
  Keras's output (`y / x` where `x != 0`, the 1/(1-rate) scale included) and checks shaped's
  backward pass with that mask against Keras's gradient, and the kept values' scale.

Run: pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy, then
     TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_train_golden_merges.py
"""
import json
import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "train" / "merges_dropout.json"
L = keras.layers


def arr(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def merge_case(rng, make, shapes, ties=False):
    if ties:
        xs = [rng.choice(np.array([-1.0, -0.5, 0.0, 0.5, 1.0], np.float32), size=s).astype(np.float32) for s in shapes]
    else:
        xs = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    layer = make()
    ts = [tf.constant(x) for x in xs]
    y0 = layer(ts)
    dy = rng.standard_normal(y0.shape).astype(np.float32)
    with tf.GradientTape() as tape:
        for t in ts:
            tape.watch(t)
        y = layer(ts, training=True)
        obj = tf.reduce_sum(y * dy)
    grads = tape.gradient(obj, ts)
    return {"shapes": [list(s) for s in shapes], "xs": [arr(x) for x in xs], "dy": arr(dy), "y": arr(y.numpy()),
            "y_shape": list(y.shape), "dxs": [arr(g.numpy()) for g in grads]}


def main():
    rng = np.random.default_rng(20261203)
    s = (2, 5, 3)
    merges = {}
    for name, make in [("add", L.Add), ("subtract", L.Subtract), ("multiply", L.Multiply),
                       ("average", L.Average), ("maximum", L.Maximum), ("minimum", L.Minimum)]:
        merges[f"{name}_2"] = merge_case(rng, make, [s, s])
        if name != "subtract":
            merges[f"{name}_3"] = merge_case(rng, make, [s, s, s])
    for name, make in [("maximum", L.Maximum), ("minimum", L.Minimum)]:
        merges[f"{name}_2_ties"] = merge_case(rng, make, [s, s], ties=True)
        merges[f"{name}_3_ties"] = merge_case(rng, make, [s, s, s], ties=True)
    merges["concatenate_channels"] = merge_case(rng, lambda: L.Concatenate(axis=-1), [(2, 5, 3), (2, 5, 4)])
    merges["concatenate_time"] = merge_case(rng, lambda: L.Concatenate(axis=1), [(2, 5, 3), (2, 2, 3)])
    merges["concatenate_channels_3"] = merge_case(rng, lambda: L.Concatenate(), [(2, 4, 1), (2, 4, 2), (2, 4, 3)])

    dropout = {}
    for rate in (0.25, 0.5):
        layer = L.Dropout(rate, seed=7)
        x = rng.standard_normal((4, 16, 8)).astype(np.float32)
        x[x == 0] = 1.0  # the mask is read back from y / x
        dy = rng.standard_normal(x.shape).astype(np.float32)
        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt, training=True)
            obj = tf.reduce_sum(y * dy)
        dx = tape.gradient(obj, xt)
        dropout[f"dropout_{rate}"] = {"rate": rate, "shape": list(x.shape), "x": arr(x), "dy": arr(dy),
                                      "y": arr(y.numpy()), "dx": arr(dx.numpy())}
    doc = {"versions": {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
                        "python": sys.version.split()[0]},
           "generator": "tools/gen_train_golden_merges.py", "merges": merges, "dropout": dropout}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"{len(merges)} merge cases, {len(dropout)} dropout cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
