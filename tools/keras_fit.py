#!/usr/bin/env python3
"""Keras `fit` of the bundled FCN architecture, from scratch: the recipe's accuracy, and the time
of one training epoch.

    python3 tools/keras_fit.py recipe gunpoint|japanese_vowels
        trains the FCN (Conv1D 128/8, 256/5, 128/3 each with BatchNormalization and ReLU, global
        average pooling, softmax Dense) with the recipe below and writes the test accuracy and the
        per-epoch history to data/models/<name>_fcn/fit_recipe.json (what the Rust example
        `train_fcn` compares itself with).

    python3 tools/keras_fit.py epoch gunpoint|japanese_vowels THREADS
        prints one JSON line: the median wall time of one training epoch (after a warm-up epoch)
        with THREADS intra-op threads (0 = TensorFlow's default), for `cargo bench --bench
        training`, which runs it in the same run as its own timings.

The recipe: Adam(learning_rate=1e-3), sparse categorical cross-entropy, batches of 16 (10 for
GunPoint), shuffled
each epoch, ReduceLROnPlateau(monitor="loss", factor=0.5, patience=20, min_lr=1e-4), EPOCHS
epochs (Wang et al.'s FCN recipe, with fewer epochs than their 2000).

Needs: pip install tensorflow-cpu==2.21.0 keras==3.15.1 numpy
"""

import json
import os
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "datasets"
EPOCHS = 100
# name: (data folder, model folder, padded length or None, batch size). GunPoint's 50 series
# go in batches of 10 (Wang et al.'s min(N / 10, 16)): batches of 16 leave a last batch of 2,
# whose statistics throw BatchNormalization's moving averages off (Keras then reaches 51% on
# the test set with a training accuracy of 100%).
SETS = {
    "gunpoint": ("GunPoint", "gunpoint_fcn", None, 10),
    "japanese_vowels": ("JapaneseVowels", "japanese_vowels_fcn", 29, 16),
}


def read_ts(path):
    import numpy as np

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
    return cases, np.asarray(labels, np.int64), classes


def load(name):
    import numpy as np
    import keras

    folder, _, maxlen, _ = SETS[name]
    tr, y_tr, classes = read_ts(DATA / folder / f"{folder}_TRAIN.ts")
    te, y_te, _ = read_ts(DATA / folder / f"{folder}_TEST.ts")
    if maxlen is None:
        x_tr, x_te = np.stack(tr), np.stack(te)
    else:
        pad = lambda cs: keras.utils.pad_sequences(cs, maxlen=maxlen, padding="post", dtype="float32")
        x_tr, x_te = pad(tr), pad(te)
    return x_tr, y_tr, x_te, y_te, len(classes)


def fcn(keras, input_shape, classes):
    L = keras.layers
    inp = keras.Input(input_shape)
    x = inp
    for filters, k in ((128, 8), (256, 5), (128, 3)):
        x = L.Conv1D(filters, k, padding="same")(x)
        x = L.BatchNormalization()(x)
        x = L.Activation("relu")(x)
    x = L.GlobalAveragePooling1D()(x)
    return keras.Model(inp, L.Dense(classes, activation="softmax")(x))


def setup(threads):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    if threads:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    import keras

    return tf, keras


def recipe(name):
    tf, keras = setup(0)
    keras.utils.set_random_seed(0)
    x_tr, y_tr, x_te, y_te, classes = load(name)
    model = fcn(keras, x_tr.shape[1:], classes)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    lr = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=20, min_lr=1e-4)
    start = time.perf_counter()
    batch = SETS[name][3]
    hist = model.fit(x_tr, y_tr, batch_size=batch, epochs=EPOCHS, shuffle=True, callbacks=[lr], verbose=0)
    seconds = time.perf_counter() - start
    loss, acc = model.evaluate(x_te, y_te, batch_size=64, verbose=0)
    out = {
        "generated_by": "tools/keras_fit.py recipe " + name,
        "recipe": {"optimizer": "Adam(learning_rate=1e-3)", "loss": "sparse_categorical_crossentropy",
                   "batch_size": batch, "epochs": EPOCHS, "shuffle": True,
                   "callbacks": ["ReduceLROnPlateau(monitor='loss', factor=0.5, patience=20, min_lr=1e-4)"],
                   "seed": "keras.utils.set_random_seed(0)"},
        "test_accuracy": float(acc), "test_loss": float(loss),
        "final_train_loss": float(hist.history["loss"][-1]),
        "final_train_accuracy": float(hist.history["accuracy"][-1]),
        "fit_seconds_default_threads": seconds,
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__},
    }
    path = ROOT / "data" / "models" / SETS[name][1] / "fit_recipe.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out))


def epoch(name, threads):
    tf, keras = setup(threads)
    keras.utils.set_random_seed(0)
    x_tr, y_tr, _, _, classes = load(name)
    model = fcn(keras, x_tr.shape[1:], classes)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    batch = SETS[name][3]
    model.fit(x_tr, y_tr, batch_size=batch, epochs=1, verbose=0)  # warm-up: tracing and compilation
    times = []
    for _ in range(5):
        start = time.perf_counter()
        model.fit(x_tr, y_tr, batch_size=batch, epochs=1, verbose=0)
        times.append(time.perf_counter() - start)
    print(json.dumps({"model": name, "threads": threads, "epoch_ms_median": statistics.median(times) * 1e3,
                      "epoch_ms_min": min(times) * 1e3, "samples": int(len(x_tr)),
                      "tensorflow": tf.__version__, "keras": keras.__version__}))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "recipe":
        recipe(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "epoch":
        epoch(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
