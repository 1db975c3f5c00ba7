#!/usr/bin/env python3
"""BatchNormalization over the channel axis of channels-first data, from real Keras 3
(TensorFlow backend): `BatchNormalization(axis=1)` on (batch, channels, steps), for
tests/batch_norm_channels_first.rs.

Writes tests/golden/batch_norm_channels_first.json: for each case the input, the weights
(gamma, beta, moving_mean, moving_variance; without gamma or beta for scale=False /
center=False), epsilon and momentum, the inference output (`training=False`), and for
`training=True` the output, an upstream gradient `dy`, GradientTape's input gradient and the
gradients of gamma and beta (of sum(y * dy)), and the moving statistics after the call.

Run: pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy, then
     TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_batch_norm_cf_cases.py
"""
import json
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "batch_norm_channels_first.json"


def arr(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def case(rng, shape, epsilon=1e-3, momentum=0.99, scale=True, center=True):
    layer = keras.layers.BatchNormalization(axis=1, epsilon=epsilon, momentum=momentum, scale=scale, center=center)
    x = (rng.standard_normal(shape) * 2.0 + 0.5).astype(np.float32)
    layer.build(shape)
    for w in layer.weights:
        if "moving_variance" in w.path:
            w.assign(rng.uniform(0.5, 1.5, w.shape).astype(np.float32))
        else:
            w.assign((rng.standard_normal(w.shape) * 0.5).astype(np.float32))
    weights = {w.path.split("/")[-1]: arr(w.numpy()) for w in layer.weights}
    inference = layer(x, training=False).numpy()
    dy = rng.standard_normal(shape).astype(np.float32)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = layer(xt, training=True)
        obj = tf.reduce_sum(y * dy)
    grads = tape.gradient(obj, [xt] + list(layer.trainable_weights))
    return {
        "shape": list(shape), "epsilon": epsilon, "momentum": momentum, "x": arr(x), "weights": weights,
        "inference": arr(inference), "dy": arr(dy), "y_train": arr(y.numpy()), "dx": arr(grads[0].numpy()),
        "grads": {w.path.split("/")[-1]: arr(g.numpy()) for w, g in zip(layer.trainable_weights, grads[1:])},
        "after": {w.path.split("/")[-1]: arr(w.numpy()) for w in layer.non_trainable_weights},
    }


def main():
    rng = np.random.default_rng(20261204)
    cases = {
        "c3_l7": case(rng, (4, 3, 7)),
        "c5_l4_eps1e-5_momentum0.9": case(rng, (3, 5, 4), epsilon=1e-5, momentum=0.9),
        "c2_l6_no_scale": case(rng, (2, 2, 6), scale=False),
        "c4_l3_no_center": case(rng, (5, 4, 3), center=False),
    }
    OUT.write_text(json.dumps({"keras": keras.__version__, "tensorflow": tf.__version__,
                               "generator": "tools/gen_batch_norm_cf_cases.py", "cases": cases}, indent=1) + "\n")
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
