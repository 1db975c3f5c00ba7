#!/usr/bin/env python3
"""Train the Keras text classifier of issue 16 (Embedding -> Conv1D -> GlobalMaxPooling1D ->
Dense) on token sequences derived from the bundled GunPoint data set, and export it.

Run from the repository root (tensorflow-cpu 2.21.0, keras 3.15.1, numpy, safetensors):

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/train_text_classifier.py

Writes data/models/gunpoint_tokens_textcnn/:
    model.keras                the trained Keras model
    weights.safetensors        float32 `<layer>.<variable>` (Keras layouts)
    test_inputs.safetensors    `tokens` int64 (150, 150): the test split tokenised; `labels` int64
    test_outputs.safetensors   `probabilities` float32 (150, 2) from model.predict(batch_size=32),
                               `logits` float32 (the last Dense without softmax), `predicted_class` int64
    metrics.json               accuracies, epochs, the tokenisation rule, versions
    README.md                  the same in words

Tokenisation (the documented rule that `tests/text_classifier.rs` applies again in Rust, from
the same .ts file, and checks equal to the stored tokens): each value x of a GunPoint series
(already z-normalised in the archive) parsed as float64 becomes the token
    1 + min(15, max(0, floor((x + 2.0) * 4.0)))
i.e. 16 bins of width 0.25 over [-2, 2) (values below -2 go to token 1, from 1.75 up to token 16);
id 0 is reserved for padding (never produced: every series has 150 steps). Vocabulary: 17 ids.
The arithmetic is IEEE float64 in both languages (x + 2.0, then * 4.0, then floor), so the
tokens are identical.

GunPoint comes from the UEA & UCR archive as bundled by sktime (see data/datasets/README.md).
"""
import json
import os
import pathlib
import platform
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import safetensors  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "datasets" / "GunPoint"
OUT = ROOT / "data" / "models" / "gunpoint_tokens_textcnn"
SEED = 16
VOCAB = 17
EMBED = 8
FILTERS = 16
KERNEL = 5
EPOCHS = 300
BATCH = 16
PREDICT_BATCH = 32
LR = 1e-2


def read_ts(path):
    """The GunPoint .ts file: values as float64 (Python's float(): correctly rounded, as Rust's
    str::parse::<f64>), labels mapped to 0..n-1 in @classLabel order."""
    classes, xs, ys, data = None, [], [], False
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if data:
            *dims, label = line.split(":")
            assert len(dims) == 1
            xs.append([float(v) for v in dims[0].split(",")])
            ys.append(classes.index(label))
        elif line.lower().startswith("@classlabel"):
            classes = line.split()[2:]
        elif line.lower().startswith("@data"):
            data = True
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.int64), classes


def tokenise(x):
    return (1 + np.minimum(15, np.maximum(0, np.floor((x + 2.0) * 4.0)))).astype(np.int64)


def build():
    inp = keras.Input(shape=(150,), dtype="int32", name="tokens")
    h = keras.layers.Embedding(VOCAB, EMBED, name="embedding")(inp)
    h = keras.layers.Conv1D(FILTERS, KERNEL, activation="relu", name="conv1d")(h)
    h = keras.layers.GlobalMaxPooling1D(name="global_max_pooling1d")(h)
    out = keras.layers.Dense(2, activation="softmax", name="dense")(h)
    return keras.Model(inp, out, name="gunpoint_tokens_textcnn")


def main():
    x_train, y_train, classes = read_ts(DATA / "GunPoint_TRAIN.ts")
    x_test, y_test, classes_test = read_ts(DATA / "GunPoint_TEST.ts")
    assert classes == classes_test
    t_train, t_test = tokenise(x_train), tokenise(x_test)
    assert t_train.min() >= 1 and t_train.max() < VOCAB and t_test.min() >= 1 and t_test.max() < VOCAB

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    model = build()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LR),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(t_train.astype(np.int32), y_train, batch_size=BATCH, epochs=EPOCHS, shuffle=True, verbose=0)
    test_loss, test_acc = model.evaluate(t_test.astype(np.int32), y_test, batch_size=PREDICT_BATCH, verbose=0)
    train_loss, train_acc = model.evaluate(t_train.astype(np.int32), y_train, batch_size=PREDICT_BATCH, verbose=0)
    probs = model.predict(t_test.astype(np.int32), batch_size=PREDICT_BATCH, verbose=0).astype(np.float32)
    pred = probs.argmax(axis=1).astype(np.int64)

    last = model.get_layer("dense")
    logit_model = keras.Model(model.inputs, last.input @ last.kernel + last.bias)
    logits = logit_model.predict(t_test.astype(np.int32), batch_size=PREDICT_BATCH, verbose=0).astype(np.float32)
    assert np.array_equal(logits.argmax(1), pred)

    OUT.mkdir(parents=True, exist_ok=True)
    weights = {f"{l.name}.{v.name}": np.ascontiguousarray(v.numpy().astype(np.float32))
               for l in model.layers for v in l.weights}
    assert sum(w.size for w in weights.values()) == model.count_params()
    save_file(weights, str(OUT / "weights.safetensors"), metadata={"format": "keras"})
    save_file({"tokens": np.ascontiguousarray(t_test), "labels": y_test}, str(OUT / "test_inputs.safetensors"))
    save_file({"probabilities": probs, "predicted_class": pred, "logits": logits},
              str(OUT / "test_outputs.safetensors"))
    model.save(OUT / "model.keras")

    versions = {"python": platform.python_version(), "tensorflow": tf.__version__, "keras": keras.__version__,
                "numpy": np.__version__, "safetensors": safetensors.__version__}
    architecture = (f"Embedding({VOCAB}, {EMBED}), Conv1D({FILTERS}, {KERNEL}, relu), GlobalMaxPooling1D, "
                    "Dense(2, softmax)")
    metrics = {
        "architecture": architecture,
        "input_shape": [None, 150],
        "params": int(model.count_params()),
        "test_accuracy": float(test_acc),
        "test_loss": float(test_loss),
        "train_accuracy": float(train_acc),
        "train_loss": float(train_loss),
        "epochs": EPOCHS, "batch_size": BATCH, "optimizer": f"Adam(learning_rate={LR})", "seed": SEED,
        "classes": classes,
        "tokenisation": "token = 1 + min(15, max(0, floor((x + 2.0) * 4.0))) in float64; 0 reserved for padding",
        "vocabulary": VOCAB,
        "generator": "tools/train_text_classifier.py",
        "versions": versions,
    }
    (OUT / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n")
    (OUT / "README.md").write_text(f"""# gunpoint_tokens_textcnn: a Keras text classifier on GunPoint tokens

The most common Conv1D model, text classification (`Embedding` -> `Conv1D` -> `GlobalMaxPooling1D`
-> `Dense`), trained in real Keras {keras.__version__} (TensorFlow {tf.__version__}, CPU) on token
sequences derived from the bundled GunPoint data set (`data/datasets/GunPoint`, UEA & UCR archive
as bundled by sktime, see `data/datasets/README.md`).

- Tokens: each value x (float64) becomes `1 + min(15, max(0, floor((x + 2.0) * 4.0)))`: 16 bins
  of width 0.25 over [-2, 2); id 0 is reserved for padding (never produced). Vocabulary {VOCAB}.
- Architecture: {architecture}; input `(None, 150)` int32 token ids; {model.count_params()} parameters.
- Training: Adam(learning_rate={LR}), sparse categorical cross-entropy, {EPOCHS} epochs, batch {BATCH},
  seed {SEED}, op determinism on; the 50 training series.
- Test accuracy (150 series): **{test_acc:.4f}** (train {train_acc:.4f}).

Files: `weights.safetensors` (`<layer>.<variable>`, Keras layouts: `embedding.embeddings` (17, 8),
`conv1d.kernel` (5, 8, 16), `conv1d.bias`, `dense.kernel` (16, 2), `dense.bias`), `model.keras`,
`test_inputs.safetensors` (`tokens` int64 (150, 150), `labels`), `test_outputs.safetensors`
(`probabilities`, `logits`, `predicted_class` from `model.predict(batch_size={PREDICT_BATCH})`),
`metrics.json`.

Reproduced in shaped by `tests/text_classifier.rs` (`cargo test --test text_classifier -- --nocapture`):
it tokenises the `.ts` test file again in Rust, checks the tokens equal the stored ones, loads the
weights from both `weights.safetensors` and `model.keras`, and compares classes and probabilities.

Regenerate: `TF_CPP_MIN_LOG_LEVEL=3 python3 tools/train_text_classifier.py`.
""")
    print(json.dumps({"test_accuracy": test_acc, "train_accuracy": train_acc}))


if __name__ == "__main__":
    sys.exit(main())
