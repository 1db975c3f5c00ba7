#!/usr/bin/env python3
"""Golden data for training, from real Keras 3 (TensorFlow backend).

Writes, under tests/golden/train/:

- gradients.json: for each layer case, the input, the weights, an upstream gradient `dy`, and
  what Keras's GradientTape gives for the output `y`, the input gradient `dx` and each trainable
  weight's gradient (of sum(y * dy), training=True); BatchNormalization also records its moving
  statistics after the call.
- losses.json: for each loss case, y_true, y_pred, the loss value and its gradient with respect
  to y_pred.
- optimizers.json: for each optimizer case, two variables (a (2, 3) kernel and a (3,) bias),
  six gradient steps, and the variables after each step.
- fcn_run.json: one training run of a small FCN on GunPoint (Adam, batches of 16 in file order,
  no shuffling, no dropout): the initial weights, the loss of each of the first 100 steps
  (`train_on_batch`) and every variable after the last step.

Run: pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy, then
     TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_train_golden.py
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
OUT = ROOT / "tests" / "golden" / "train"
DATA = ROOT / "data" / "datasets"


def arr(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def versions():
    return {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
            "python": sys.version.split()[0]}


# --------------------------------------------------------------------------------------------
# Layer gradients
# --------------------------------------------------------------------------------------------

def layer_cases():
    L = keras.layers
    return [
        # name, layer, input shape (batch first)
        ("conv_valid_relu", lambda: L.Conv1D(4, 3, activation="relu"), (2, 11, 3)),
        ("conv_same_stride2_tanh", lambda: L.Conv1D(4, 3, strides=2, padding="same", activation="tanh"), (2, 11, 3)),
        ("conv_causal_dilated_gelu", lambda: L.Conv1D(3, 2, padding="causal", dilation_rate=2, activation="gelu"), (2, 10, 3)),
        ("conv_groups_sigmoid", lambda: L.Conv1D(6, 3, groups=3, activation="sigmoid", use_bias=False), (2, 9, 6)),
        ("conv_depthwise_mult2", lambda: L.Conv1D(8, 3, groups=4, padding="same"), (2, 9, 4)),
        ("conv_channels_first", lambda: L.Conv1D(3, 3, data_format="channels_first", activation="elu"), (2, 4, 9)),
        ("conv_softmax", lambda: L.Conv1D(3, 2, activation="softmax"), (2, 6, 2)),
        ("dense_softmax", lambda: L.Dense(3, activation="softmax"), (4, 5)),
        ("dense_sequence_sigmoid", lambda: L.Dense(2, activation="sigmoid"), (2, 4, 5)),
        ("batch_norm", lambda: L.BatchNormalization(momentum=0.9, epsilon=1e-3), (3, 5, 4)),
        ("batch_norm_rank2", lambda: L.BatchNormalization(), (6, 3)),
        ("max_pool_same", lambda: L.MaxPooling1D(3, strides=2, padding="same"), (2, 9, 3)),
        ("avg_pool_valid", lambda: L.AveragePooling1D(2), (2, 9, 3)),
        ("avg_pool_same", lambda: L.AveragePooling1D(4, strides=3, padding="same"), (2, 9, 3)),
        ("global_avg_pool", lambda: L.GlobalAveragePooling1D(), (2, 7, 3)),
        ("global_max_pool", lambda: L.GlobalMaxPooling1D(), (2, 7, 3)),
        ("upsampling", lambda: L.UpSampling1D(3), (2, 4, 2)),
        ("zero_padding", lambda: L.ZeroPadding1D((2, 1)), (2, 4, 2)),
        ("cropping", lambda: L.Cropping1D((1, 2)), (2, 6, 2)),
        ("flatten", lambda: L.Flatten(), (2, 4, 3)),
        ("separable_same_relu", lambda: L.SeparableConv1D(4, 3, padding="same", depth_multiplier=2, activation="relu"), (2, 9, 3)),
        ("conv_transpose_stride2", lambda: L.Conv1DTranspose(3, 3, strides=2, activation="tanh"), (2, 5, 2)),
        ("conv_transpose_same", lambda: L.Conv1DTranspose(2, 4, strides=2, padding="same"), (2, 5, 3)),
    ]


def gen_gradients():
    rng = np.random.default_rng(20261202)
    cases = {}
    for name, make, shape in layer_cases():
        layer = make()
        x = rng.standard_normal(shape).astype(np.float32)
        layer.build(shape)
        for w in layer.weights:
            if "moving_variance" in w.path:
                w.assign(rng.uniform(0.5, 1.5, w.shape).astype(np.float32))
            else:
                w.assign((rng.standard_normal(w.shape) * 0.5).astype(np.float32))
        before = {w.path.split("/")[-1]: arr(w.numpy()) for w in layer.weights}
        xt = tf.constant(x)
        y0 = layer(xt, training=False)  # the output's shape, for dy
        dy = rng.standard_normal(y0.shape).astype(np.float32)
        for w, v in zip(layer.weights, [np.asarray(before[w.path.split('/')[-1]], np.float32).reshape(w.shape)
                                        for w in layer.weights]):
            w.assign(v)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt, training=True)
            obj = tf.reduce_sum(y * dy)
        grads = tape.gradient(obj, [xt] + list(layer.trainable_weights))
        case = {
            "x_shape": list(shape), "x": arr(x), "dy": arr(dy), "y": arr(y.numpy()), "y_shape": list(y.shape),
            "dx": arr(grads[0].numpy()),
            "weights": before,
            "grads": {w.path.split("/")[-1]: arr(g.numpy()) for w, g in zip(layer.trainable_weights, grads[1:])},
            "after": {w.path.split("/")[-1]: arr(w.numpy()) for w in layer.non_trainable_weights},
        }
        cases[name] = case
    return cases


# --------------------------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------------------------

def gen_losses():
    rng = np.random.default_rng(7)
    L = keras.losses
    out = {}

    def softmax(z):
        e = np.exp(z - z.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)

    z = rng.standard_normal((5, 4)).astype(np.float32) * 2
    p = softmax(z).astype(np.float32)
    p[0] = np.array([1.0, 0.0, 0.0, 0.0], np.float32)  # clipped probabilities
    ids = rng.integers(0, 4, 5)
    onehot = np.eye(4, dtype=np.float32)[ids]
    zb = rng.standard_normal((4, 3)).astype(np.float32) * 2
    pb = (1 / (1 + np.exp(-zb))).astype(np.float32)
    pb[0, 0] = 1.0
    tb = rng.integers(0, 2, (4, 3)).astype(np.float32)
    yr = rng.standard_normal((3, 5, 2)).astype(np.float32)
    tr = rng.standard_normal((3, 5, 2)).astype(np.float32)
    yr[0, 0, 0] = tr[0, 0, 0] + 3.0  # beyond Huber's delta
    cases = [
        ("categorical_probs", L.CategoricalCrossentropy(), onehot, p),
        ("categorical_probs_smoothed", L.CategoricalCrossentropy(label_smoothing=0.1), onehot, p),
        ("categorical_logits", L.CategoricalCrossentropy(from_logits=True), onehot, z),
        ("sparse_probs", L.SparseCategoricalCrossentropy(), ids.astype(np.float32), p),
        ("sparse_logits", L.SparseCategoricalCrossentropy(from_logits=True), ids.astype(np.float32), z),
        ("binary_probs", L.BinaryCrossentropy(), tb, pb),
        ("binary_logits", L.BinaryCrossentropy(from_logits=True), tb, zb),
        ("binary_probs_smoothed", L.BinaryCrossentropy(label_smoothing=0.2), tb, pb),
        ("mse", L.MeanSquaredError(), tr, yr),
        ("mae", L.MeanAbsoluteError(), tr, yr),
        ("huber", L.Huber(), tr, yr),
        ("huber_delta_half", L.Huber(delta=0.5), tr, yr),
    ]
    for name, loss, t, y in cases:
        yt = tf.constant(y)
        with tf.GradientTape() as tape:
            tape.watch(yt)
            v = loss(tf.constant(t), yt)
        g = tape.gradient(v, yt)
        out[name] = {"y_true": arr(t), "y_pred": arr(y), "y_shape": list(y.shape), "loss": float(v.numpy()),
                     "grad": arr(g.numpy())}
    return out


# --------------------------------------------------------------------------------------------
# Optimizers
# --------------------------------------------------------------------------------------------

def gen_optimizers():
    rng = np.random.default_rng(11)
    O = keras.optimizers
    S = keras.optimizers.schedules
    k0 = (rng.standard_normal((2, 3)) * 0.5).astype(np.float32)
    b0 = (rng.standard_normal((3,)) * 0.5).astype(np.float32)
    steps = [((rng.standard_normal((2, 3)) * s).astype(np.float32), (rng.standard_normal((3,)) * s).astype(np.float32))
             for s in (1.0, 3.0, 0.5, 2.0, 0.1, 4.0)]
    cases = [
        ("sgd", lambda: O.SGD()),
        ("sgd_momentum", lambda: O.SGD(learning_rate=0.1, momentum=0.9)),
        ("sgd_nesterov", lambda: O.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)),
        ("sgd_weight_decay", lambda: O.SGD(learning_rate=0.1, weight_decay=0.01)),
        ("adam", lambda: O.Adam()),
        ("adam_lr_betas", lambda: O.Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-5)),
        ("adam_amsgrad", lambda: O.Adam(learning_rate=0.01, amsgrad=True)),
        ("adamw", lambda: O.AdamW(learning_rate=0.01)),
        ("rmsprop", lambda: O.RMSprop()),
        ("rmsprop_centered_momentum", lambda: O.RMSprop(learning_rate=0.01, momentum=0.5, centered=True)),
        ("adam_clipnorm", lambda: O.Adam(learning_rate=0.01, clipnorm=1.0)),
        ("sgd_global_clipnorm", lambda: O.SGD(learning_rate=0.1, global_clipnorm=1.0)),
        ("sgd_clipvalue", lambda: O.SGD(learning_rate=0.1, clipvalue=0.5)),
        ("sgd_exponential_decay", lambda: O.SGD(learning_rate=S.ExponentialDecay(0.1, 2, 0.5))),
        ("adam_cosine_decay", lambda: O.Adam(learning_rate=S.CosineDecay(0.01, 4, alpha=0.1))),
    ]
    out = {"kernel0": arr(k0), "bias0": arr(b0), "grads": [[arr(a), arr(b)] for a, b in steps], "cases": {}}
    for name, make in cases:
        opt = make()
        k = keras.Variable(k0)
        b = keras.Variable(b0)
        opt.build([k, b])
        trace = []
        for gk, gb in steps:
            opt.apply([tf.constant(gk), tf.constant(gb)], [k, b])
            trace.append([arr(k.numpy()), arr(b.numpy())])
        out["cases"][name] = trace
    return out


# --------------------------------------------------------------------------------------------
# One training run
# --------------------------------------------------------------------------------------------

def read_ts(path):
    classes, cases, labels, in_data = None, [], [], False
    for raw in pathlib.Path(path).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not in_data:
            if line.lower().startswith("@classlabel"):
                classes = line.split()[2:]
            elif line.lower() == "@data":
                in_data = True
            continue
        fields = line.split(":")
        dims = [[float(v) for v in f.split(",")] for f in fields[:-1]]
        cases.append(np.asarray(dims, dtype=np.float64).T.astype(np.float32))
        labels.append(classes.index(fields[-1].strip()))
    return np.stack(cases), np.asarray(labels, np.int64)


def small_fcn(length, channels, classes):
    L = keras.layers
    inp = keras.Input((length, channels))
    x = inp
    for filters, k in ((16, 8), (32, 5), (16, 3)):
        x = L.Conv1D(filters, k, padding="same")(x)
        x = L.BatchNormalization()(x)
        x = L.Activation("relu")(x)
    x = L.GlobalAveragePooling1D()(x)
    out = L.Dense(classes, activation="softmax")(x)
    return keras.Model(inp, out)


def gen_fcn_run(steps=100, batch=16):
    x, y = read_ts(DATA / "GunPoint" / "GunPoint_TRAIN.ts")
    keras.utils.set_random_seed(3)
    model = small_fcn(x.shape[1], x.shape[2], 2)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
    names = [w.path for w in model.weights]
    initial = {w.path: arr(w.numpy()) for w in model.weights}
    losses = []
    n = len(x)
    per_epoch = -(-n // batch)
    for s in range(steps):
        i = s % per_epoch
        xb, yb = x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]
        losses.append(float(model.train_on_batch(xb, yb)))
    final = {w.path: arr(w.numpy()) for w in model.weights}
    return {"batch_size": batch, "steps": steps, "optimizer": "Adam(learning_rate=1e-3)",
            "loss": "sparse_categorical_crossentropy", "variables": names, "initial": initial,
            "losses": losses, "final": final}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    only = sys.argv[1:]  # e.g. `gradients`: regenerate that file alone
    for name, fn in (("gradients", gen_gradients), ("losses", gen_losses), ("optimizers", gen_optimizers),
                     ("fcn_run", gen_fcn_run)):
        if only and name not in only:
            continue
        data = fn()
        data = {"generated_by": "tools/gen_train_golden.py", "versions": versions(), "data": data}
        (OUT / f"{name}.json").write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"wrote {OUT / (name + '.json')}")


if __name__ == "__main__":
    main()
