#!/usr/bin/env python3
"""Golden gradients from real Keras 3 (TensorFlow backend) for the layers trained since
gen_train_golden.py: normalisations, the activation layers, the adaptive and keepdims
poolings, Permute and RepeatVector.

Writes tests/golden/train/gradients16.json in gradients.json's format: for each case the input,
the weights, an upstream gradient `dy`, and what Keras's GradientTape gives for the output `y`,
the input gradient `dx` and each trainable weight's gradient of sum(y * dy), training=True.
ReLU inputs hold the exact kink values (0, the threshold, max_value) besides random ones, so the
derivative TensorFlow takes there is recorded. (A new file, so gradients.json stays as made.)

Run: pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy, then
     TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_train_golden16.py
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
OUT = ROOT / "tests" / "golden" / "train" / "gradients16.json"


def arr(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def versions():
    return {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
            "python": sys.version.split()[0]}


def relu_input(rng, shape, kinks):
    """Random values of scale 3, the first ones replaced by the kinks (and their negatives)."""
    x = (rng.standard_normal(shape) * 3.0).astype(np.float32).ravel()
    special = [v for k in kinks for v in (k, -k)]
    x[:len(special)] = special
    return x.reshape(shape)


def cases():
    L = keras.layers
    relu_shape = (2, 6, 3)
    return [
        # name, layer, input shape, kinks of a ReLU input (None: normal data)
        ("layer_norm", lambda: L.LayerNormalization(epsilon=1e-3), (2, 5, 4), None),
        ("layer_norm_rank2_no_center", lambda: L.LayerNormalization(center=False), (3, 6), None),
        ("layer_norm_no_scale_eps", lambda: L.LayerNormalization(scale=False, epsilon=0.1), (2, 3, 5), None),
        ("group_norm_2", lambda: L.GroupNormalization(groups=2), (2, 5, 6), None),
        ("group_norm_instance", lambda: L.GroupNormalization(groups=-1), (2, 4, 3), None),
        ("group_norm_1_no_scale", lambda: L.GroupNormalization(groups=1, scale=False), (2, 5, 4), None),
        ("prelu", lambda: L.PReLU(), (2, 5, 3), None),
        ("prelu_shared_time", lambda: L.PReLU(shared_axes=[1]), (2, 5, 3), None),
        ("prelu_shared_channels", lambda: L.PReLU(shared_axes=[2]), (2, 5, 3), None),
        ("prelu_shared_both", lambda: L.PReLU(shared_axes=[1, 2]), (2, 5, 3), None),
        ("relu", lambda: L.ReLU(), relu_shape, [0.0]),
        ("relu_max6", lambda: L.ReLU(max_value=6.0), relu_shape, [0.0, 6.0]),
        ("relu_max2", lambda: L.ReLU(max_value=2.0), relu_shape, [0.0, 2.0]),
        ("relu_threshold", lambda: L.ReLU(threshold=1.0), relu_shape, [0.0, 1.0]),
        ("relu_slope", lambda: L.ReLU(negative_slope=0.2), relu_shape, [0.0]),
        ("relu_slope_threshold", lambda: L.ReLU(negative_slope=0.1, threshold=1.5), relu_shape, [0.0, 1.5]),
        ("relu_max6_threshold", lambda: L.ReLU(max_value=6.0, threshold=1.0), relu_shape, [0.0, 1.0, 6.0]),
        ("relu_all", lambda: L.ReLU(max_value=2.5, negative_slope=0.2, threshold=0.5), relu_shape, [0.0, 0.5, 2.5]),
        ("relu_max6_slope", lambda: L.ReLU(max_value=6.0, negative_slope=0.3), relu_shape, [0.0, 6.0]),
        ("leaky_relu", lambda: L.LeakyReLU(), relu_shape, [0.0]),
        ("leaky_relu_half", lambda: L.LeakyReLU(negative_slope=0.5), relu_shape, [0.0]),
        ("adaptive_avg_3", lambda: L.AdaptiveAveragePooling1D(3), (2, 9, 3), None),
        ("adaptive_avg_4", lambda: L.AdaptiveAveragePooling1D(4), (2, 9, 3), None),
        ("adaptive_max_4", lambda: L.AdaptiveMaxPooling1D(4), (2, 9, 3), None),
        ("adaptive_max_3_of_5", lambda: L.AdaptiveMaxPooling1D(3), (2, 5, 2), None),
        ("global_avg_keepdims", lambda: L.GlobalAveragePooling1D(keepdims=True), (2, 7, 3), None),
        ("global_max_keepdims", lambda: L.GlobalMaxPooling1D(keepdims=True), (2, 7, 3), None),
        ("permute", lambda: L.Permute((2, 1)), (2, 4, 3), None),
        ("repeat_vector", lambda: L.RepeatVector(3), (2, 4), None),
    ]


def gen():
    rng = np.random.default_rng(20261216)
    out = {}
    for name, make, shape, kinks in cases():
        layer = make()
        x = relu_input(rng, shape, kinks) if kinks is not None else rng.standard_normal(shape).astype(np.float32)
        layer.build(shape)
        for w in layer.weights:
            w.assign((rng.standard_normal(w.shape) * 0.5 + (1.0 if w.path.endswith("gamma") else 0.0))
                     .astype(np.float32))
        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt, training=True)
            dy = tf.constant(rng.standard_normal(y.shape).astype(np.float32))
            obj = tf.reduce_sum(y * dy)
        grads = tape.gradient(obj, [xt] + list(layer.trainable_weights))
        out[name] = {
            "x_shape": list(shape), "x": arr(x), "dy": arr(dy.numpy()), "y": arr(y.numpy()),
            "y_shape": list(y.shape), "dx": arr(grads[0].numpy()),
            "weights": {w.path.split("/")[-1]: arr(w.numpy()) for w in layer.weights},
            "grads": {w.path.split("/")[-1]: arr(g.numpy()) for w, g in zip(layer.trainable_weights, grads[1:])},
        }
    return out


def main():
    data = {"generated_by": "tools/gen_train_golden16.py", "versions": versions(), "data": gen()}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
