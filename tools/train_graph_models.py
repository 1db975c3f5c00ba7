#!/usr/bin/env python3
"""Trains three non-sequential (functional-API) Keras 3 Conv1D models and exports them.

Writes, under data/models/:

  gunpoint_resnet/           ResNet (Wang et al. 2017) on GunPoint, input (150, 1), 2 classes
  basicmotions_inception/    InceptionTime (Ismail Fawaz et al. 2020) on BasicMotions, (100, 6), 4 classes
  japanese_vowels_wavenet/   gated WaveNet/TCN stack on JapaneseVowels, (29, 12) padded post, 9 classes

each with model.json, summary.json, summary.txt, weights.safetensors, test_inputs.safetensors,
test_outputs.safetensors, model.keras, model.h5, metrics.json, verify.json, bench.json and
README.md (see data/models/README.md).

Regenerate everything (run from the repository root; about 10-15 minutes on 2 cores):

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/train_graph_models.py all

One model: `... train_graph_models.py train gunpoint_resnet`. Internal steps, each run in a fresh
process by `train`: `verify NAME` (rebuild from model.json + weights.safetensors, compare
bit for bit; float64 numpy reference) and `bench NAME 1|default` (inference timings).
`readme` rewrites the READMEs (and this script's rows in data/models/README.md) from the JSON
files only; `rebench [NAME...]` reruns only the timings; `compare OTHER_ROOT` compares the files with a second run written elsewhere
(`SHAPED_MODELS_OUT=/tmp/x ... all`) and records reproduce.json.

Versions used: Python 3.11.7, tensorflow-cpu 2.21.0, keras 3.15.1 (TensorFlow backend),
numpy 2.4.6, safetensors 0.8.0, h5py 3.14.0:

    pip install tensorflow-cpu==2.21.0 keras==3.15.1 safetensors numpy h5py

Layer names are Keras's defaults (conv1d, conv1d_1, ..., add, ...): every model is built in a
fresh process after keras.backend.clear_session(), layers created in the order the architecture
functions below call them. The architectures are written from the papers' descriptions (and the
brief of this task), not copied from any other code.
"""
import inspect
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data/datasets"
OUT = pathlib.Path(os.environ.get("SHAPED_MODELS_OUT", ROOT / "data/models"))
SEED = 1
BATCH = 16
LR = 1e-3
PREDICT_BATCH = 32
# Set SHAPED_QUICK=1 for a smoke test (few epochs, written to SHAPED_MODELS_OUT).
QUICK = os.environ.get("SHAPED_QUICK") == "1"

MODELS = {
    "gunpoint_resnet": dict(
        dataset="GunPoint", arch="resnet", epochs=200,
        title="ResNet (Wang et al. 2017)",
        summary_line="ResNet: 3 residual blocks (64, 128, 128 filters) of Conv1D(8,5,3 same)+BN(+ReLU), "
        "shortcut Conv1D(1)+BN (BN only in block 3), Add+ReLU; GlobalAveragePooling1D, Dense(2, softmax)",
    ),
    "basicmotions_inception": dict(
        dataset="BasicMotions", arch="inception", epochs=200,
        title="InceptionTime (Ismail Fawaz et al. 2020)",
        summary_line="InceptionTime: 6 inception modules (bottleneck Conv1D(32,1), Conv1D(32, 40/20/10, same), "
        "MaxPooling1D(3,1,same)+Conv1D(32,1), Concatenate, BN, ReLU; no biases), residual Conv1D(128,1)+BN+Add+ReLU "
        "every 3 modules; GlobalAveragePooling1D, Dense(4, softmax)",
    ),
    "japanese_vowels_wavenet": dict(
        dataset="JapaneseVowels", arch="wavenet", epochs=300,
        title="gated WaveNet / TCN stack",
        summary_line="WaveNet: Conv1D(32,1); 4 gated blocks, dilation 1,2,4,8: tanh and sigmoid Conv1D(32,2,causal), "
        "Multiply, Conv1D(32,1) residual (Add) and skip; Add(4 skips), ReLU, Conv1D(32,1,relu), "
        "GlobalAveragePooling1D, Dense(9, softmax)",
    ),
}


# --------------------------------------------------------------------------------------------
# Data: UEA/UCR .ts files
# --------------------------------------------------------------------------------------------

def read_ts(path):
    """Returns (cases, labels, class_names): cases = list of float32 arrays (length, dims)."""
    import numpy as np

    class_names = None
    cases, labels = [], []
    in_data = False
    for raw in pathlib.Path(path).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not in_data:
            low = line.lower()
            if low.startswith("@classlabel"):
                parts = line.split()
                assert parts[1].lower() == "true", line
                class_names = parts[2:]
            elif low == "@data":
                in_data = True
            continue
        fields = line.split(":")
        label = fields[-1].strip()
        dims = [[float(v) for v in f.split(",")] for f in fields[:-1]]  # float64 parse
        length = len(dims[0])
        assert all(len(d) == length for d in dims), "dimensions of one case differ in length"
        # (dims, length) -> (length, dims), float64 -> float32 (round to nearest)
        cases.append(np.asarray(dims, dtype=np.float64).T.astype(np.float32))
        labels.append(label)
    assert class_names is not None and in_data
    index = {c: i for i, c in enumerate(class_names)}
    return cases, np.asarray([index[l] for l in labels], dtype=np.int64), class_names


def load_dataset(name):
    import numpy as np

    tr_cases, y_tr, classes = read_ts(DATA / name / f"{name}_TRAIN.ts")
    te_cases, y_te, classes_te = read_ts(DATA / name / f"{name}_TEST.ts")
    assert classes == classes_te
    lengths = sorted({c.shape[0] for c in tr_cases + te_cases})
    if len(lengths) == 1:
        x_tr, x_te = np.stack(tr_cases), np.stack(te_cases)
        prep = ("equal-length series used as stored in the .ts file (float64 parse rounded to float32), "
                "stacked to (N, length, dims); no scaling, no padding")
    else:
        import keras

        maxlen = max(lengths)
        assert maxlen == 29, lengths
        pad = lambda cs: keras.utils.pad_sequences(cs, maxlen=maxlen, padding="post", dtype="float32")
        x_tr, x_te = pad(tr_cases), pad(te_cases)
        prep = (f"ragged series ({lengths[0]}..{lengths[-1]} steps; float64 parse rounded to float32) padded "
                f"with keras.utils.pad_sequences(maxlen={maxlen}, padding='post', dtype='float32') "
                f"(zeros appended after the last step) to (N, {maxlen}, dims); no scaling, no masking")
    assert x_tr.dtype == np.float32 and x_te.dtype == np.float32
    return dict(x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te, classes=classes,
                preprocessing=prep, lengths=[int(lengths[0]), int(lengths[-1])])


# --------------------------------------------------------------------------------------------
# Architectures (each one function; `keras_python_lines` counts its non-blank, non-comment lines)
# --------------------------------------------------------------------------------------------

def resnet(keras, input_shape, n_classes):
    # Wang et al. 2017: three residual blocks; main path first, then the shortcut.
    L = keras.layers
    inputs = keras.Input(shape=input_shape)
    x = inputs
    for n_filters, project in ((64, True), (128, True), (128, False)):
        y = L.Conv1D(n_filters, 8, padding="same")(x)
        y = L.BatchNormalization()(y)
        y = L.Activation("relu")(y)
        y = L.Conv1D(n_filters, 5, padding="same")(y)
        y = L.BatchNormalization()(y)
        y = L.Activation("relu")(y)
        y = L.Conv1D(n_filters, 3, padding="same")(y)
        y = L.BatchNormalization()(y)
        shortcut = L.Conv1D(n_filters, 1, padding="same")(x) if project else x
        shortcut = L.BatchNormalization()(shortcut)
        x = L.Add()([shortcut, y])
        x = L.Activation("relu")(x)
    x = L.GlobalAveragePooling1D()(x)
    outputs = L.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def inception(keras, input_shape, n_classes, depth=6, n_filters=32, bottleneck=32, kernel_size=40):
    # InceptionTime (one network of the ensemble); every Conv1D linear and without bias.
    L = keras.layers

    def module(x):
        b = L.Conv1D(bottleneck, 1, padding="same", use_bias=False)(x) if x.shape[-1] > 1 else x
        branches = [L.Conv1D(n_filters, kernel_size // 2**i, padding="same", use_bias=False)(b)
                    for i in range(3)]
        p = L.MaxPooling1D(pool_size=3, strides=1, padding="same")(x)
        branches.append(L.Conv1D(n_filters, 1, padding="same", use_bias=False)(p))
        y = L.Concatenate(axis=-1)(branches)
        y = L.BatchNormalization()(y)
        return L.Activation("relu")(y)

    inputs = keras.Input(shape=input_shape)
    x = residual = inputs
    for d in range(depth):
        x = module(x)
        if d % 3 == 2:
            s = L.Conv1D(x.shape[-1], 1, padding="same", use_bias=False)(residual)
            s = L.BatchNormalization()(s)
            x = L.Add()([s, x])
            x = residual = L.Activation("relu")(x)
    x = L.GlobalAveragePooling1D()(x)
    outputs = L.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def wavenet(keras, input_shape, n_classes, width=32, dilations=(1, 2, 4, 8)):
    # Gated residual blocks (tanh * sigmoid, causal, dilated) with skip connections.
    L = keras.layers
    inputs = keras.Input(shape=input_shape)
    x = L.Conv1D(width, 1)(inputs)
    skips = []
    for d in dilations:
        f = L.Conv1D(width, 2, padding="causal", dilation_rate=d, activation="tanh")(x)
        g = L.Conv1D(width, 2, padding="causal", dilation_rate=d, activation="sigmoid")(x)
        z = L.Multiply()([f, g])
        res = L.Conv1D(width, 1)(z)
        skips.append(L.Conv1D(width, 1)(z))
        x = L.Add()([x, res])
    y = L.Add()(skips)
    y = L.Activation("relu")(y)
    y = L.Conv1D(width, 1, activation="relu")(y)
    y = L.GlobalAveragePooling1D()(y)
    outputs = L.Dense(n_classes, activation="softmax")(y)
    return keras.Model(inputs, outputs)


ARCHS = {"resnet": resnet, "inception": inception, "wavenet": wavenet}


def python_lines(fn):
    """Non-blank lines of fn's source that are not comments (no docstrings in the arch functions)."""
    src = inspect.getsource(fn).splitlines()
    return sum(1 for l in src if l.strip() and not l.strip().startswith("#"))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def cpu_name():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def versions():
    import h5py
    import keras
    import numpy as np
    import safetensors
    import tensorflow as tf

    return {
        "python": platform.python_version(), "tensorflow": tf.__version__, "keras": keras.__version__,
        "numpy": np.__version__, "safetensors": safetensors.__version__, "h5py": h5py.__version__,
        "backend": keras.backend.backend(),
        "onednn": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default (on)"),
        "platform": platform.platform(), "cpu": cpu_name(),
    }


def dump_json(path, obj):
    path.write_text(json.dumps(obj, indent=1) + "\n")


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def inbound_history(layer):
    """[(layer name, node index, tensor index)] of the tensors feeding the layer's (only) node."""
    assert len(layer._inbound_nodes) == 1, layer.name
    node = layer._inbound_nodes[0]
    out = []
    for kt in node.input_tensors:
        h = kt._keras_history
        out.append((h.operation.name, int(h.node_index), int(h.tensor_index)))
    return out


def layer_entries(model):
    entries = []
    for i, layer in enumerate(model.layers):
        hist = inbound_history(layer)
        in_shapes = [shape_list(t.shape) for t in layer._inbound_nodes[0].input_tensors]
        entries.append({
            "index": i,
            "class_name": layer.__class__.__name__,
            "name": layer.name,
            "config": layer.get_config(),
            "inbound": [h[0] for h in hist],
            "inbound_nodes": [{"layer": n, "node_index": ni, "tensor_index": ti} for n, ni, ti in hist],
            "input_shapes": in_shapes if in_shapes else [shape_list(layer.output.shape)],
            "output_shape": shape_list(layer.output.shape),
            "param_count": int(layer.count_params()),
            "weights": [{"name": f"{layer.name}.{v.name}", "shape": list(v.shape),
                         "dtype": str(v.dtype), "trainable": bool(v.trainable)} for v in layer.weights],
        })
    return entries


def param_totals(model):
    import numpy as np

    tr = int(sum(np.prod(v.shape) for v in model.trainable_weights))
    nt = int(sum(np.prod(v.shape) for v in model.non_trainable_weights))
    return {"total": tr + nt, "trainable": tr, "non_trainable": nt}


def flops_per_case(entries):
    """2 x multiply-adds of Conv1D and Dense layers for one case."""
    total = 0
    for e in entries:
        c = e["config"]
        if e["class_name"] == "Conv1D":
            k = c["kernel_size"][0]
            cin = e["input_shapes"][0][-1] // c["groups"]
            total += 2 * e["output_shape"][1] * k * cin * c["filters"]
        elif e["class_name"] == "Dense":
            total += 2 * e["input_shapes"][0][-1] * c["units"]
    return int(total)


def summary_data(model, line_length):
    """model.summary() as text (print_fn) and as rows, checked against each other."""
    chunks = []
    # rich renders to a console as wide as $COLUMNS (80 when not a terminal), cropping the table.
    os.environ["COLUMNS"] = str(line_length + 10)
    model.summary(line_length=line_length, print_fn=lambda s, *a, **k: chunks.append(s))
    text = "".join(c if c.endswith("\n") else c + "\n" for c in chunks)
    # Parse the rich table: data rows are lines starting with "│", rows separated by "├".
    parsed, cur, header = [], None, None
    for line in text.splitlines():
        if line.startswith("┃"):
            header = [c.strip() for c in line.strip("┃").split("┃")]
        elif line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if cur is None:
                cur = cells
            else:  # continuation line of a wrapped row
                cur = [a + (" " if a and b else "") + b for a, b in zip(cur, cells)]
                cur.append("WRAPPED")
        elif cur is not None:
            parsed.append(cur)
            cur = None
    parsed_rows = parsed
    rows = []
    for layer in model.layers:
        hist = inbound_history(layer)
        rows.append({
            "name": layer.name,
            "class_name": layer.__class__.__name__,
            "output_shape": shape_list(layer.output.shape),
            "output_shape_text": "(" + ", ".join("None" if d is None else str(d) for d in layer.output.shape)
            + ("," if len(layer.output.shape) == 1 else "") + ")",
            "param_count": int(layer.count_params()),
            "connected_to": [f"{n}[{ni}][{ti}]" for n, ni, ti in hist],
        })
    assert len(parsed_rows) == len(rows), (len(parsed_rows), len(rows))
    for p, r in zip(parsed_rows, rows):
        assert "WRAPPED" not in p, f"summary row wrapped, raise line_length: {p}"
        assert p[0] == f"{r['name']} ({r['class_name']})", (p, r)
        assert p[1] == r["output_shape_text"], (p, r)
        assert p[2] == f"{r['param_count']:,}", (p, r)
        assert p[3] == (", ".join(r["connected_to"]) or "-"), (p, r)
        r["connected_to_text"] = p[3]
    totals = {}
    for line in text.splitlines():
        for key, label in (("total", "Total params:"), ("trainable", "Trainable params:"),
                           ("non_trainable", "Non-trainable params:"), ("optimizer", "Optimizer params:")):
            if line.strip().startswith(label):
                rest = line.strip()[len(label):].strip()
                totals[key] = {"count": int(rest.split()[0].replace(",", "")),
                               "memory": rest.split(None, 1)[1].strip("()")}
    return text, {"model_name": model.name, "line_length": line_length, "header": header,
                  "rows": rows, "totals": totals}


def rebuild(folder):
    """keras.Model.from_config(model.json's keras_config) + weights.safetensors by name."""
    import keras
    from safetensors.numpy import load_file

    meta = json.loads((folder / "model.json").read_text())
    model = keras.Model.from_config(meta["keras_config"])
    tensors = load_file(str(folder / "weights.safetensors"))
    used = set()
    for layer in model.layers:
        for v in layer.weights:
            key = f"{layer.name}.{v.name}"
            assert tuple(tensors[key].shape) == tuple(v.shape), key
            v.assign(tensors[key])
            used.add(key)
    assert used == set(tensors), set(tensors) ^ used
    return model, meta


# --------------------------------------------------------------------------------------------
# float64 numpy reference forward pass (reads model.json + weights only)
# --------------------------------------------------------------------------------------------

def _act(name, x):
    import numpy as np

    if name == "linear":
        return x
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "tanh":
        return np.tanh(x)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-x))
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError(name)


def _conv1d(x, w, b, c):
    import numpy as np

    k, s, d = c["kernel_size"][0], c["strides"][0], c["dilation_rate"][0]
    assert c["groups"] == 1
    n, length, _ = x.shape
    span = (k - 1) * d + 1
    if c["padding"] == "valid":
        out = (length - span) // s + 1
        left = right = 0
    elif c["padding"] == "same":
        out = -(-length // s)
        total = max((out - 1) * s + span - length, 0)
        left, right = total // 2, total - total // 2
    elif c["padding"] == "causal":
        out = (length + (k - 1) * d - span) // s + 1
        left, right = (k - 1) * d, 0
    else:
        raise ValueError(c["padding"])
    xp = np.pad(x, ((0, 0), (left, right), (0, 0)))
    y = np.zeros((n, out, w.shape[2]))
    for j in range(k):
        start = j * d
        y += xp[:, start:start + (out - 1) * s + 1:s, :] @ w[j]
    if b is not None:
        y += b
    return y


def reference_forward(meta, weights, x, keep=False):
    """Evaluates model.json's layer graph in float64. Returns (output, pre-softmax logits, per-layer)."""
    import numpy as np

    W = {k: v.astype(np.float64) for k, v in weights.items()}
    vals = {}
    logits = None
    for e in meta["layers"]:
        name, c, cls = e["name"], e["config"], e["class_name"]
        ins = [vals[i] for i in e["inbound"]]
        if cls == "InputLayer":
            y = x.astype(np.float64)
        elif cls == "Conv1D":
            y = _act(c["activation"], _conv1d(ins[0], W[f"{name}.kernel"],
                                              W.get(f"{name}.bias") if c["use_bias"] else None, c))
        elif cls == "BatchNormalization":
            assert c["axis"] in (-1, len(e["output_shape"]) - 1)
            g = W[f"{name}.gamma"] if c["scale"] else 1.0
            bt = W[f"{name}.beta"] if c["center"] else 0.0
            y = (ins[0] - W[f"{name}.moving_mean"]) / np.sqrt(W[f"{name}.moving_variance"] + c["epsilon"]) * g + bt
        elif cls == "Activation":
            y = _act(c["activation"], ins[0])
        elif cls == "Add":
            y = sum(ins[1:], ins[0])
        elif cls == "Multiply":
            y = ins[0]
            for t in ins[1:]:
                y = y * t
        elif cls == "Concatenate":
            assert c["axis"] in (-1, 2)
            y = np.concatenate(ins, axis=-1)
        elif cls == "MaxPooling1D":
            p, s = c["pool_size"][0], c["strides"][0]
            assert c["padding"] == "same" and s == 1
            left = (p - 1) // 2
            xp = np.pad(ins[0], ((0, 0), (left, p - 1 - left), (0, 0)), constant_values=-np.inf)
            length = ins[0].shape[1]
            y = np.max(np.stack([xp[:, j:j + length] for j in range(p)]), axis=0)
        elif cls == "GlobalAveragePooling1D":
            assert not c.get("keepdims")
            y = ins[0].mean(axis=1)
        elif cls == "Dense":
            z = ins[0] @ W[f"{name}.kernel"] + (W[f"{name}.bias"] if c["use_bias"] else 0.0)
            logits = z
            y = _act(c["activation"], z)
        else:
            raise ValueError(cls)
        assert list(y.shape[1:]) == e["output_shape"][1:], (name, y.shape, e["output_shape"])
        vals[name] = y
    out = vals[meta["layers"][-1]["name"]]
    return out, logits, (vals if keep else None)


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------

def import_tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    return tf


def run_sub(*args):
    """Runs this script in a fresh process; returns the JSON it prints on its last stdout line."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    r = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:] + r.stderr[-8000:])
        raise SystemExit(f"step {args} failed")
    return json.loads(r.stdout.strip().splitlines()[-1])


def step_train(name):
    tf = import_tf()
    import keras
    import numpy as np
    from safetensors.numpy import save_file

    spec = MODELS[name]
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    ds = load_dataset(spec["dataset"])
    n_classes = len(ds["classes"])
    epochs = 3 if QUICK else spec["epochs"]
    arch_fn = ARCHS[spec["arch"]]

    keras.backend.clear_session()
    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    model = arch_fn(keras, ds["x_train"].shape[1:], n_classes)

    entries = layer_entries(model)
    totals = param_totals(model)
    # widest "Connected to" cell decides the line length (default column split 0.3/0.26/0.18/0.26)
    widest = max(len(", ".join(f"{n}[{a}][{b}]" for n, a, b in inbound_history(l))) for l in model.layers)
    line_length = max(200, -(-(widest + 4) * 100 // 26))
    text, summ = summary_data(model, line_length=line_length)  # before compile: no optimizer row

    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LR),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    lr_cb = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=50, min_lr=1e-4)
    load_before = list(os.getloadavg())
    c0, t0 = time.process_time(), time.perf_counter()
    hist = model.fit(ds["x_train"], ds["y_train"], batch_size=BATCH, epochs=epochs, shuffle=True,
                     callbacks=[lr_cb], verbose=0)
    train_s, train_cpu = time.perf_counter() - t0, time.process_time() - c0
    load_after = list(os.getloadavg())
    print(f"{name}: trained {epochs} epochs in {train_s:.1f} s", file=sys.stderr)

    test_loss, test_acc = model.evaluate(ds["x_test"], ds["y_test"], batch_size=PREDICT_BATCH, verbose=0)
    train_loss, train_acc = model.evaluate(ds["x_train"], ds["y_train"], batch_size=PREDICT_BATCH, verbose=0)
    probs = model.predict(ds["x_test"], batch_size=PREDICT_BATCH, verbose=0).astype(np.float32)
    pred = probs.argmax(axis=1).astype(np.int64)
    last = model.layers[-1]
    assert last.__class__.__name__ == "Dense"
    lin = keras.layers.Dense(last.units, activation=None, name="logits")
    logit_model = keras.Model(model.inputs, lin(last.input))
    lin.set_weights(last.get_weights())
    logits = logit_model.predict(ds["x_test"], batch_size=PREDICT_BATCH, verbose=0).astype(np.float32)
    assert np.array_equal(logits.argmax(1), pred)

    weights = {f"{l.name}.{v.name}": np.ascontiguousarray(v.numpy().astype(np.float32))
               for l in model.layers for v in l.weights}
    assert sum(w.size for w in weights.values()) == totals["total"]
    meta = {
        "format": "keras-conv1d-functional/1",
        "name": name,
        "description": ("A Keras functional-API model (a DAG of layers). 'layers' lists every layer in "
                        "model.layers order (inputs of a layer always come earlier); 'inbound' names the "
                        "layers whose outputs feed it, in call order (e.g. Add([shortcut, main])). Every "
                        "'config' is Keras's own get_config(); 'keras_config' is model.get_config() "
                        "(keras.Model.from_config rebuilds it). Channels-last (batch, length, channels); "
                        "shapes list None for the batch."),
        "architecture": spec["summary_line"],
        "input_shape": shape_list(model.input.shape),
        "output_shape": shape_list(model.output.shape),
        "params": totals,
        "keras_python_lines": python_lines(arch_fn),
        "keras_python_function": f"tools/train_graph_models.py::{arch_fn.__name__}",
        "layers": entries,
        "pruned_layer_names": name_gaps([e["name"] for e in entries]),
        "weights_file": "weights.safetensors",
        "weight_naming": ("'<layer name>.<variable name>', Keras layouts: Conv1D kernel (kernel_size, "
                          "in_channels/groups, filters), Dense kernel (in, out); BatchNormalization "
                          "gamma, beta, moving_mean, moving_variance"),
        "dataset": spec["dataset"],
        "classes": ds["classes"],
        "label_mapping": {c: i for i, c in enumerate(ds["classes"])},
        "preprocessing": ds["preprocessing"],
        "versions": versions(),
        "keras_config": model.get_config(),
    }
    dump_json(folder / "model.json", meta)
    save_file(weights, str(folder / "weights.safetensors"), metadata={"format": "keras"})  # one key: the writer's key order is not fixed
    save_file({"inputs": np.ascontiguousarray(ds["x_test"]), "labels": ds["y_test"]},
              str(folder / "test_inputs.safetensors"))
    save_file({"probabilities": probs, "predicted_class": pred, "logits": logits},
              str(folder / "test_outputs.safetensors"))
    (folder / "summary.txt").write_text(text)
    dump_json(folder / "summary.json", summ)

    # model.keras / model.h5 from an uncompiled copy (same config and weights): no optimizer state,
    # so the files hold the architecture and the weights only.
    export = keras.Model.from_config(model.get_config())
    export.set_weights(model.get_weights())
    assert [l.name for l in export.layers] == [l.name for l in model.layers]
    for p in ("model.keras", "model.h5"):
        if (folder / p).exists():
            (folder / p).unlink()
    export.save(str(folder / "model.keras"))
    h5_error = None
    try:
        export.save(str(folder / "model.h5"))
    except Exception as exc:  # record, do not hide
        h5_error = repr(exc)

    # Fresh-process checks before the model counts as exported.
    ver = run_sub("verify", name)
    ver["h5_save_error"] = h5_error
    dump_json(folder / "verify.json", ver)
    assert ver["rebuilt_bit_identical"], ver

    metrics = {
        "model": name, "dataset": spec["dataset"], "architecture": spec["summary_line"],
        "params": totals, "n_train": int(len(ds["y_train"])), "n_test": int(len(ds["y_test"])),
        "input_shape": list(ds["x_train"].shape[1:]), "classes": ds["classes"],
        "test_accuracy": float(test_acc), "test_loss": float(test_loss),
        "test_correct": int((pred == ds["y_test"]).sum()),
        "train_accuracy": float(train_acc), "train_loss": float(train_loss),
        "training": {
            "seed": SEED, "epochs": epochs, "batch_size": BATCH,
            "optimizer": f"Adam(learning_rate={LR})", "loss": "sparse_categorical_crossentropy",
            "callbacks": "ReduceLROnPlateau(monitor='loss', factor=0.5, patience=50, min_lr=1e-4)",
            "selection": "weights after the last epoch (no early stopping, no checkpoint selection, "
                         "the test set is not used during training)",
            "determinism": "keras.utils.set_random_seed(1) + tf.config.experimental.enable_op_determinism()",
            "train_seconds": round(train_s, 2), "train_cpu_seconds": round(train_cpu, 2),
            "seconds_per_epoch": round(train_s / epochs, 4),
            "threads": "TensorFlow default (intra/inter op = all cores)",
            "loadavg_before": load_before, "loadavg_after": load_after,
            "final_lr": float(keras.ops.convert_to_numpy(model.optimizer.learning_rate)),
            "last_epoch": {k: float(v[-1]) for k, v in hist.history.items()},
            "history": {k: [float(a) for a in v] for k, v in hist.history.items()},
        },
        "versions": meta["versions"],
    }
    dump_json(folder / "metrics.json", metrics)

    bench = {"cpu": cpu_name(), "versions": meta["versions"]}
    for th in ("1", "default"):
        bench[f"threads_{th}"] = run_sub("bench", name, th)
    dump_json(folder / "bench.json", bench)
    write_readme(name)
    write_index()
    print(json.dumps({"name": name, "test_accuracy": test_acc, "train_seconds": train_s}))


def step_verify(name):
    tf = import_tf()
    import keras
    import numpy as np
    from safetensors.numpy import load_file

    folder = OUT / name
    model, meta = rebuild(folder)
    ins = load_file(str(folder / "test_inputs.safetensors"))
    ref = load_file(str(folder / "test_outputs.safetensors"))
    x, y = ins["inputs"], ins["labels"]
    probs = model.predict(x, batch_size=PREDICT_BATCH, verbose=0)
    res = {
        "method": ("fresh process; keras.Model.from_config(model.json keras_config); weights assigned by "
                   "'<layer>.<variable>' name from weights.safetensors; model.predict(batch_size=32)"),
        "layer_names_match": [l.name for l in model.layers] == [e["name"] for e in meta["layers"]],
        "rebuilt_bit_identical": bool(np.array_equal(probs, ref["probabilities"])),
        "rebuilt_max_abs_diff": float(np.abs(probs - ref["probabilities"]).max()),
        "accuracy": float((probs.argmax(1) == y).mean()),
    }
    for fname in ("model.keras", "model.h5"):
        p = folder / fname
        if not p.exists():
            res[fname] = {"exists": False}
            continue
        try:
            m = keras.models.load_model(str(p), compile=False)
            pp = m.predict(x, batch_size=PREDICT_BATCH, verbose=0)
            res[fname] = {"exists": True, "size": p.stat().st_size,
                          "layer_names_match": [l.name for l in m.layers] == [e["name"] for e in meta["layers"]],
                          "bit_identical": bool(np.array_equal(pp, ref["probabilities"])),
                          "max_abs_diff": float(np.abs(pp - ref["probabilities"]).max())}
        except Exception as exc:
            res[fname] = {"exists": True, "load_error": repr(exc)}
    # float64 numpy reference from model.json + weights only
    weights = load_file(str(folder / "weights.safetensors"))
    out64, logits64, _ = reference_forward(meta, weights, x)
    dp = np.abs(out64 - ref["probabilities"].astype(np.float64))
    dl = np.abs(logits64 - ref["logits"].astype(np.float64))
    srt = np.sort(logits64, axis=1)
    res["reference_float64"] = {
        "max_abs_dp": float(dp.max()), "max_abs_dlogit": float(dl.max()),
        "max_rel_dlogit": float(dl.max() / np.abs(logits64).max()),
        "class_disagreements": int((out64.argmax(1) != ref["predicted_class"]).sum()),
        "min_top1_top2_logit_margin": float((srt[:, -1] - srt[:, -2]).min()),
    }
    # per-layer on the first 2 cases: Keras float32 vs float64 reference
    probe = keras.Model(model.inputs, [l.output for l in model.layers])
    kouts = probe.predict(x[:2], verbose=0)
    _, _, vals = reference_forward(meta, weights, x[:2], keep=True)
    res["per_layer_first2"] = [
        {"layer": l.name, "max_abs_diff": float(np.abs(vals[l.name] - np.asarray(k, np.float64)).max()),
         "max_abs_value": float(np.abs(vals[l.name]).max())}
        for l, k in zip(model.layers, kouts)]
    print(json.dumps(res))


def step_bench(name, threads):
    tf = import_tf()
    if threads == "1":
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    import numpy as np
    from safetensors.numpy import load_file

    folder = OUT / name
    model, meta = rebuild(folder)
    ins = load_file(str(folder / "test_inputs.safetensors"))
    ref = load_file(str(folder / "test_outputs.safetensors"))["probabilities"]
    x = ins["inputs"]
    xt = tf.constant(x)
    fwd = tf.function(lambda t: model(t, training=False))
    flops = flops_per_case(meta["layers"])

    def timed(fn, repeats, warm=3):
        for _ in range(warm):
            fn()
        ts, c0 = [], time.process_time()
        w0 = time.perf_counter()
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            ts.append((time.perf_counter() - t0) * 1e3)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        med = float(np.median(ts))
        return {"median_ms": round(med, 3), "min_ms": round(min(ts), 3), "max_ms": round(max(ts), 3),
                "repeats": repeats, "cpu_over_wall": round(cpu / wall, 2)}

    la0 = list(os.getloadavg())
    res = {"threads": threads, "intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
           "inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
           "cpu_count": os.cpu_count(), "cpu": cpu_name(), "batch": int(x.shape[0]),
           "flops_per_case": flops}
    res["predict"] = timed(lambda: model.predict(x, batch_size=PREDICT_BATCH, verbose=0), 15)
    res["tf_function"] = timed(lambda: fwd(xt).numpy(), 30)
    one = tf.constant(x[:1])
    res["tf_function_batch1"] = timed(lambda: fwd(one).numpy(), 100)
    for k in ("predict", "tf_function"):
        res[k]["gflops_per_s_at_median"] = round(flops * x.shape[0] / (res[k]["median_ms"] * 1e-3) / 1e9, 2)
    res["loadavg_before"], res["loadavg_after"] = la0, list(os.getloadavg())
    pp = model.predict(x, batch_size=PREDICT_BATCH, verbose=0)
    pf = fwd(xt).numpy()
    res["predict_bit_identical_to_stored"] = bool(np.array_equal(pp, ref))
    res["predict_max_abs_diff_to_stored"] = float(np.abs(pp - ref).max())
    res["tf_function_bit_identical_to_stored"] = bool(np.array_equal(pf, ref))
    res["tf_function_max_abs_diff_to_stored"] = float(np.abs(pf - ref).max())
    print(json.dumps(res))


# --------------------------------------------------------------------------------------------
# READMEs
# --------------------------------------------------------------------------------------------

def _kib(n):
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 2**20:.2f} MiB"


def _shape(s):
    return "(" + ", ".join("None" if d is None else str(d) for d in s) + ("," if len(s) == 1 else "") + ")"


def _cfg_text(e):
    c, cls = e["config"], e["class_name"]
    if cls == "InputLayer":
        return f"batch_shape={c['batch_shape']}, dtype={c['dtype']}"
    if cls == "Conv1D":
        return (f"filters={c['filters']}, kernel_size={c['kernel_size'][0]}, strides={c['strides'][0]}, "
                f"padding='{c['padding']}', dilation_rate={c['dilation_rate'][0]}, groups={c['groups']}, "
                f"activation='{c['activation']}', use_bias={c['use_bias']}")
    if cls == "BatchNormalization":
        return (f"axis={c['axis']}, epsilon={c['epsilon']}, momentum={c['momentum']}, "
                f"center={c['center']}, scale={c['scale']}")
    if cls == "Activation":
        return f"activation='{c['activation']}'"
    if cls == "Concatenate":
        return f"axis={c['axis']}"
    if cls == "MaxPooling1D":
        return f"pool_size={c['pool_size'][0]}, strides={c['strides'][0]}, padding='{c['padding']}'"
    if cls == "GlobalAveragePooling1D":
        return f"keepdims={c['keepdims']}"
    if cls == "Dense":
        return f"units={c['units']}, activation='{c['activation']}', use_bias={c['use_bias']}"
    return ""


FILE_DOCS = [
    ("model.json", "architecture: `keras_config` (= `model.get_config()`, rebuilds with `keras.Model.from_config`) "
     "and `layers`: every layer in `model.layers` order with Keras's `get_config()`, `inbound` (names of the "
     "layers feeding it, in call order), input/output shapes (None = batch), weights (name, shape) and "
     "parameter count; plus data set, label mapping, preprocessing, versions, `keras_python_lines`"),
    ("summary.json", "Keras's `model.summary()` rows as data: name, class_name, output_shape, param_count, "
     "connected_to (`layer[node][tensor]`, as printed), plus the totals"),
    ("summary.txt", "the text of `model.summary(line_length=..., print_fn=...)` (wide enough that no row wraps), "
     "rendered before compile"),
    ("weights.safetensors", "one float32 tensor per variable, named `<layer>.<variable>`, Keras layouts"),
    ("test_inputs.safetensors", "`inputs` float32 (N, length, channels): the whole test set exactly as fed "
     "to the model; `labels` int64 (N,)"),
    ("test_outputs.safetensors", "`probabilities` float32 (N, classes) from `model.predict(batch_size=32)`; "
     "`predicted_class` int64 (N,) = argmax; `logits` float32 (N, classes): the last Dense without its softmax"),
    ("model.keras", "`model.save('model.keras')` (Keras 3 zip: config.json, metadata.json, model.weights.h5) "
     "of an uncompiled copy (same config and weights, no optimizer state)"),
    ("model.h5", "`model.save('model.h5')`: legacy HDF5 writer (`model_config` attribute, `model_weights` "
     "group), same uncompiled copy"),
    ("metrics.json", "accuracies, losses, training settings, wall time, per-epoch history, versions"),
    ("verify.json", "fresh-process rebuild check, .keras/.h5 reload check, float64 numpy reference"),
    ("bench.json", "inference timings, 1 thread and default threads"),
    ("reproduce.json", "`compare` of this folder with a second, independent run of the generator"),
]


def _created_after(a, b):
    """True when default-named layers a, b of one class were created in the order b, a."""
    def split(n):
        base, _, num = n.rpartition("_")
        return (base, int(num)) if num.isdigit() and base else (n, 0)
    (ba, ia), (bb, ib) = split(a), split(b)
    return ba == bb and ia > ib


def name_gaps(names):
    """Default names missing from the model: layers that were created but feed nothing reaching the output."""
    seen = {}
    for n in names:
        base, _, num = n.rpartition("_")
        base, i = (base, int(num)) if num.isdigit() and base else (n, 0)
        seen.setdefault(base, set()).add(i)
    return [b if i == 0 else f"{b}_{i}" for b, ids in seen.items() for i in range(max(ids)) if i not in ids]


def write_readme(name):
    folder = OUT / name
    spec = MODELS[name]
    meta = json.loads((folder / "model.json").read_text())
    met = json.loads((folder / "metrics.json").read_text())
    ver = json.loads((folder / "verify.json").read_text())
    bench = json.loads((folder / "bench.json").read_text())
    summ = json.loads((folder / "summary.json").read_text())
    tr, p = met["training"], meta["params"]
    b1, bd = bench["threads_1"], bench["threads_default"]
    rf = ver["reference_float64"]
    v = meta["versions"]
    L = []
    L.append(f"# `{name}`: {spec['dataset']} {spec['title']} (Keras {v['keras']})\n")
    L.append(f"{spec['summary_line']}, built with the Keras functional API and trained in real Keras {v['keras']} "
             f"(TensorFlow {v['tensorflow']}, CPU) on the UEA/UCR **{spec['dataset']}** data set, exported so that "
             f"another runtime can reproduce its predictions from the weights alone. Generated by "
             f"`tools/train_graph_models.py`; do not edit by hand.\n")
    L.append("| | |\n| --- | --- |")
    L.append(f"| data set | {spec['dataset']}: {met['n_train']} train / {met['n_test']} test cases, input "
             f"(length, channels) = ({met['input_shape'][0]}, {met['input_shape'][1]}), {len(met['classes'])} classes |")
    nt = (f"{p['non_trainable']:,} non-trainable: BatchNormalization moving statistics" if p["non_trainable"]
          else "no non-trainable ones: no BatchNormalization")
    L.append(f"| parameters | {p['total']:,} ({p['trainable']:,} trainable, {nt}) |")
    L.append(f"| layers | {len(meta['layers'])} (including the InputLayer); architecture function "
             f"`{meta['keras_python_function'].split('::')[1]}`: {meta['keras_python_lines']} non-blank, "
             f"non-comment lines of Python |")
    L.append(f"| test accuracy | **{met['test_accuracy']:.4f}** ({met['test_correct']}/{met['n_test']}); train "
             f"accuracy {met['train_accuracy']:.4f}; test loss {met['test_loss']:.4f} |")
    L.append(f"| training | {tr['epochs']} epochs, batch {tr['batch_size']}, {tr['optimizer']}, "
             f"{tr['train_seconds']:.1f} s wall ({tr['seconds_per_epoch'] * 1e3:.0f} ms/epoch), default threads, "
             f"seed {tr['seed']} |")
    L.append(f"| inference, whole test set (batch {b1['batch']}) | model.predict: {b1['predict']['median_ms']:.1f} ms "
             f"single-thread, {bd['predict']['median_ms']:.1f} ms default threads; tf.function: "
             f"{b1['tf_function']['median_ms']:.1f} ms single-thread, {bd['tf_function']['median_ms']:.1f} ms "
             f"default threads (medians; CPU {bench['cpu']}) |")
    L.append(f"| export check | rebuilt from model.json + weights in a fresh process: probabilities bit-identical "
             f"= {ver['rebuilt_bit_identical']}; float64 numpy reference: max abs dp = {rf['max_abs_dp']:.2e}, "
             f"max abs dlogit = {rf['max_abs_dlogit']:.2e}, {rf['class_disagreements']} class disagreements |\n")
    L.append("## Files\n\n| file | size | contents |\n| --- | --- | --- |")
    for f, doc in FILE_DOCS:
        if (folder / f).exists():
            L.append(f"| `{f}` | {_kib((folder / f).stat().st_size)} | {doc} |")
    L.append("")
    L.append("## Data and preprocessing\n")
    L.append(f"- Source: `data/datasets/{spec['dataset']}/{spec['dataset']}_TRAIN.ts` and `_TEST.ts`, parsed by "
             f"`read_ts` in the script: values parsed as float64, rounded to float32.")
    mapping = ", ".join(f"`{k}` -> {i}" for k, i in meta["label_mapping"].items())
    L.append(f"- Labels: class strings mapped to 0..n-1 in the order of the `@classLabel` header: {mapping}.")
    L.append(f"- Inputs: {meta['preprocessing']}.")
    L.append("- Layout: (batch, length, channels), i.e. `inputs[i, t, d]` = dimension d of case i at time t.\n")
    L.append("## Architecture\n")
    L.append("Layers in `model.layers` order (the order of `model.json` and of `model.summary()`); `inbound` = "
             "the layers whose outputs feed this one, in call order.")
    names = [e["name"] for e in meta["layers"]]
    swapped = next(((a, b) for i, a in enumerate(names) for b in names[i + 1:] if _created_after(a, b)), None)
    if swapped:
        L.append(f"Default names count up in creation order, but Keras orders `model.layers` by graph depth, "
                 f"so the two differ (e.g. `{swapped[0]}` is listed before `{swapped[1]}`).")
    if meta.get("pruned_layer_names"):
        pr = ", ".join(f"`{n}`" for n in meta["pruned_layer_names"])
        L.append(f"The architecture function also creates {pr}, whose outputs reach no model output (the last "
                 f"block's residual branch); `keras.Model` leaves them out of the graph, so these names are "
                 f"missing from the model and their weights are not stored.")
    L.append("")
    L.append("| # | class | name | output shape | params | inbound | config (inference-relevant) |")
    L.append("| --- | --- | --- | --- | --- | --- | --- |")
    for e in meta["layers"]:
        inb = ", ".join(f"`{i}`" for i in e["inbound"]) or "-"
        L.append(f"| {e['index']} | {e['class_name']} | `{e['name']}` | {_shape(e['output_shape'])} | "
                 f"{e['param_count']:,} | {inb} | {_cfg_text(e)} |")
    L.append("\nWeights (name: shape, all float32):\n")
    for e in meta["layers"]:
        for w in e["weights"]:
            L.append(f"- `{w['name']}`: {_shape(w['shape'])}")
    L.append("")
    L.append("## `model.summary()`\n")
    L.append(f"`summary.txt` (line_length {summ['line_length']}) holds Keras's own text (rendered before `compile`, so there is no \"Optimizer params\" "
             "line); `summary.json` the same rows as data. \"Connected to\" lists `layer[node index][tensor index]` "
             "for each input of the layer's node, joined with \", \" on one line (a multi-input Add or Concatenate "
             "lists all of its inputs in call order); the InputLayer shows `-`.\n")
    tot = summ["totals"]
    L.append(f"Totals as printed: total {tot['total']['count']:,} ({tot['total']['memory']}), trainable "
             f"{tot['trainable']['count']:,} ({tot['trainable']['memory']}), non-trainable "
             f"{tot['non_trainable']['count']:,} ({tot['non_trainable']['memory']}).\n")
    L.append("## Keras semantics a reimplementation must match\n")
    L.append("- Conv1D: `y[n, t, f] = bias[f] + sum_k sum_c x_pad[n, t*stride + k*dilation, c] * kernel[k, c, f]` "
             "(cross-correlation, no kernel flip; kernel layout (kernel_size, in_channels, filters)), then the "
             "layer's `activation`.")
    classes = {e["class_name"] for e in meta["layers"]}
    pads = {e["config"].get("padding") for e in meta["layers"] if e["class_name"] == "Conv1D"}
    if "same" in pads:
        ks = sorted({e["config"]["kernel_size"][0] for e in meta["layers"]
                     if e["class_name"] == "Conv1D" and e["config"]["padding"] == "same"})
        ex = ", ".join(f"kernel {k}: {(k - 1) // 2} left, {k - 1 - (k - 1) // 2} right" for k in ks if k > 1)
        L.append(f"- Conv1D `padding='same'` (stride 1): total padding `(k-1)*dilation` zeros, the smaller half on "
                 f"the left ({ex}).")
    if "causal" in pads:
        L.append("- Conv1D `padding='causal'`: `(k-1)*dilation` zeros on the left only, output length = input "
                 "length; output t sees inputs t - j*dilation, j = 0..k-1.")
    L.append("- BatchNormalization at inference uses the moving statistics: `y = (x - moving_mean) / "
             "sqrt(moving_variance + epsilon) * gamma + beta` per channel (last axis), epsilon = 0.001.")
    if "Add" in classes:
        L.append("- Add: element-wise sum of all its inputs (same shapes); Keras sums them left to right.")
    if "Multiply" in classes:
        L.append("- Multiply: element-wise product of its inputs.")
    if "Concatenate" in classes:
        L.append("- Concatenate(axis=-1): channels of the inputs one after another, in `inbound` order.")
    if "MaxPooling1D" in classes:
        L.append("- MaxPooling1D(pool_size=3, strides=1, padding='same'): max over t-1..t+1, positions outside "
                 "the series ignored (padding acts as -inf, not 0).")
    L.append("- GlobalAveragePooling1D averages over every time step (padded ones included; no mask).")
    L.append("- Softmax: `exp(z - max z) / sum exp(z - max z)` over the classes.\n")
    L.append("## Training\n")
    L.append("- `keras.utils.set_random_seed(1)` and `tf.config.experimental.enable_op_determinism()`; Keras "
             "default initialisers (GlorotUniform kernels, zero biases).")
    L.append(f"- {tr['optimizer']}, loss {tr['loss']}, batch {tr['batch_size']}, {tr['epochs']} epochs, shuffled "
             f"each epoch, {tr['callbacks']} (final learning rate {tr['final_lr']:.6g}).")
    L.append(f"- {tr['selection']}.")
    le = tr["last_epoch"]
    L.append(f"- Last epoch: loss {le['loss']:.4f}, accuracy {le['accuracy']:.4f}. After training, in inference "
             f"mode: train loss {met['train_loss']:.4f}, train accuracy {met['train_accuracy']:.4f}.")
    L.append(f"- Wall time of `model.fit`: {tr['train_seconds']:.1f} s ({tr['seconds_per_epoch'] * 1e3:.0f} "
             f"ms/epoch), process CPU time {tr['train_cpu_seconds']:.1f} s, default threads on a "
             f"{b1['cpu_count']}-core machine ({bench['cpu']}); load average {tr['loadavg_before'][0]:.2f} before and "
             f"{tr['loadavg_after'][0]:.2f} after (shared machine: times are indicative).\n")
    L.append("## Inference timings (Keras)\n")
    L.append(f"Whole test set = one batch of {b1['batch']} cases; medians (min) over repeats after 3 warm-up "
             f"calls; the model rebuilt from model.json + weights in a fresh process; threads set before "
             f"anything else. `cpu/wall` = process CPU time over wall time.\n")
    L.append("| threads | model.predict (batch_size 32) | tf.function, whole set | tf.function, 1 case |")
    L.append("| --- | --- | --- | --- |")
    for lab, b in (("1 (intra_op=1, inter_op=1)", b1), ("default", bd)):
        L.append(f"| {lab} | {b['predict']['median_ms']:.1f} ms ({b['predict']['min_ms']:.1f} ms), cpu/wall "
                 f"{b['predict']['cpu_over_wall']} | {b['tf_function']['median_ms']:.2f} ms "
                 f"({b['tf_function']['min_ms']:.2f} ms), cpu/wall {b['tf_function']['cpu_over_wall']} | "
                 f"{b['tf_function_batch1']['median_ms']:.2f} ms ({b['tf_function_batch1']['min_ms']:.2f} ms) |")
    L.append(f"\nWork: {b1['flops_per_case'] / 1e6:.2f} MFLOP per case (2 x multiply-adds of Conv1D and Dense); "
             f"whole-set tf.function: {b1['tf_function']['gflops_per_s_at_median']} GFLOP/s single-thread, "
             f"{bd['tf_function']['gflops_per_s_at_median']} GFLOP/s default.\n")
    L.append(f"Load average during the runs (2 cores, shared): single-thread {b1['loadavg_before'][0]:.2f}.."
             f"{b1['loadavg_after'][0]:.2f}, default {bd['loadavg_before'][0]:.2f}..{bd['loadavg_after'][0]:.2f}; "
             f"cpu/wall well below 1 means the process did not get a full core.\n")
    L.append(f"Agreement with the stored probabilities: single-thread predict bit-identical "
             f"{b1['predict_bit_identical_to_stored']}, tf.function {b1['tf_function_bit_identical_to_stored']} "
             f"(max abs diff {b1['tf_function_max_abs_diff_to_stored']:.1e}); default threads predict "
             f"{bd['predict_bit_identical_to_stored']}, tf.function {bd['tf_function_bit_identical_to_stored']} "
             f"(max abs diff {bd['tf_function_max_abs_diff_to_stored']:.1e}).\n")
    L.append("## Export check\n")
    L.append(f"`verify` step ({'passed' if ver['rebuilt_bit_identical'] else 'FAILED'}): {ver['method']}: "
             f"probabilities bit-identical to `test_outputs.safetensors`: {ver['rebuilt_bit_identical']}; "
             f"accuracy {ver['accuracy']:.4f}.")
    for f in ("model.keras", "model.h5"):
        r = ver.get(f, {})
        if r.get("exists") and "load_error" not in r:
            L.append(f"`keras.models.load_model('{f}')`: layer names match {r['layer_names_match']}, "
                     f"probabilities bit-identical {r['bit_identical']}.")
        else:
            L.append(f"`{f}`: {r}.")
    L.append("")
    L.append(f"A float64 numpy forward pass over `model.json`'s layer graph, reading only model.json and "
             f"weights.safetensors (`reference_forward` in the script), against Keras's float32: max |probability "
             f"difference| {rf['max_abs_dp']:.2e}, max |logit difference| {rf['max_abs_dlogit']:.2e} (relative "
             f"{rf['max_rel_dlogit']:.2e}), {rf['class_disagreements']} predicted-class disagreements; smallest "
             f"top-1/top-2 logit margin in the test set {rf['min_top1_top2_logit_margin']:.3g}.\n")
    L.append("Per layer on the first 2 test cases (Keras float32 vs float64 reference):\n")
    L.append("| layer output | max abs diff | max abs value |\n| --- | --- | --- |")
    for r in ver["per_layer_first2"]:
        L.append(f"| `{r['layer']}` | {r['max_abs_diff']:.2e} | {r['max_abs_value']:.3g} |")
    L.append("\n## Versions\n")
    L.append(", ".join(f"{k} {val}" for k, val in v.items()) + ".\n")
    L.append("## Regenerate\n")
    L.append("```sh")
    L.append(f"TF_CPP_MIN_LOG_LEVEL=3 python3 tools/train_graph_models.py train {name}   "
             f"# train, export, verify, bench, this README")
    L.append(f"TF_CPP_MIN_LOG_LEVEL=3 python3 tools/train_graph_models.py verify {name}  # re-check only (prints JSON)")
    L.append("```\n")
    if (folder / "reproduce.json").exists():
        rp = json.loads((folder / "reproduce.json").read_text())
        same = [f for f, r in rp.items() if isinstance(r, dict) and r.get("bytes_identical")]
        tens = [f for f, r in rp.items() if isinstance(r, dict) and r.get("tensors_identical") and not r.get("bytes_identical")]
        L.append(f"Reproducibility: a second run of the generator ({rp['date']}) gave byte-identical "
                 + ", ".join(f"`{f}`" for f in same)
                 + (f"; identical tensors in {', '.join(f'`{f}`' for f in tens)}" if tens else "")
                 + " (`model.keras` differs only in its `metadata.json` save date and zip timestamps).")
    L.append("Another CPU or TensorFlow build may give different weights, after which all files here change "
             "together.")
    (folder / "README.md").write_text("\n".join(L) + "\n")


def step_readme():
    for name in MODELS:
        if (OUT / name / "bench.json").exists():
            write_readme(name)
    write_index()


def folder_size(folder):
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


def write_index():
    """Adds (or refreshes) this script's rows in data/models/README.md."""
    path = OUT / "README.md"
    if not path.exists():
        return
    lines = path.read_text().splitlines()
    rows = []
    for name, spec in MODELS.items():
        folder = OUT / name
        if not (folder / "bench.json").exists():
            continue
        met = json.loads((folder / "metrics.json").read_text())
        bench = json.loads((folder / "bench.json").read_text())
        b1, bd = bench["threads_1"], bench["threads_default"]
        tr = met["training"]
        rows.append(f"| [`{name}`]({name}/README.md) | {spec['dataset']} | {spec['summary_line']} | "
                    f"{met['params']['total']:,} | {met['test_accuracy']:.4f} | {tr['train_seconds']:.0f} s "
                    f"({tr['epochs']} ep) | {b1['predict']['median_ms']:.1f} ms / {bd['predict']['median_ms']:.1f} ms | "
                    f"{b1['tf_function']['median_ms']:.2f} ms / {bd['tf_function']['median_ms']:.2f} ms | "
                    f"{folder_size(folder) / 2**20:.2f} MiB |")
    ours = {f"[`{n}`]" for n in MODELS}
    kept = [l for l in lines if not any(l.startswith(f"| {o}") for o in ours)]
    last_row = max(i for i, l in enumerate(kept) if l.startswith("| [`"))
    kept[last_row + 1:last_row + 1] = rows
    note = ("Functional-API (non-sequential) models `gunpoint_resnet`, `basicmotions_inception`, "
            "`japanese_vowels_wavenet`: generated by `tools/train_graph_models.py` (`TF_CPP_MIN_LOG_LEVEL=3 python3 "
            "tools/train_graph_models.py all`, about 10-15 minutes); their folders add `summary.json`/`summary.txt` "
            "(Keras's `model.summary()`), `model.keras`, `model.h5` and `verify.json`, and their `model.json` lists "
            "each layer's `inbound` layers.")
    kept = [l for l in kept if not l.startswith("Functional-API (non-sequential) models")]
    kept += ["", note] if kept[-1] != "" else [note]
    path.write_text("\n".join(kept).rstrip("\n") + "\n")


def step_compare(other):
    """Compares this run's files with another output root (e.g. a retraining), writes reproduce.json."""
    import numpy as np
    from safetensors.numpy import load_file

    other = pathlib.Path(other)
    for name in MODELS:
        a, b = OUT / name, other / name
        if not (b / "model.json").exists():
            continue
        res = {"other": str(b), "date": time.strftime("%Y-%m-%d", time.gmtime())}
        for f in ("weights.safetensors", "test_inputs.safetensors", "test_outputs.safetensors"):
            ta, tb = load_file(str(a / f)), load_file(str(b / f))
            res[f] = {"tensors_identical": list(ta) == list(tb) and all(np.array_equal(ta[k], tb[k]) for k in ta),
                      "bytes_identical": (a / f).read_bytes() == (b / f).read_bytes()}
        for f in ("model.json", "summary.json", "summary.txt", "model.h5"):
            res[f] = {"bytes_identical": (a / f).read_bytes() == (b / f).read_bytes()}
        dump_json(a / "reproduce.json", res)
        print(name, json.dumps(res))


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "all"
    if cmd == "all":
        for name in MODELS:
            print(run_sub("train", name))
    elif cmd == "train":
        step_train(argv[2])
    elif cmd == "verify":
        step_verify(argv[2])
    elif cmd == "bench":
        step_bench(argv[2], argv[3])
    elif cmd == "readme":
        step_readme()
    elif cmd == "rebench":  # timings only: rewrites bench.json and the READMEs
        for name in argv[2:] or MODELS:
            bench = {"cpu": cpu_name(), "versions": versions()}
            for th in ("1", "default"):
                bench[f"threads_{th}"] = run_sub("bench", name, th)
            dump_json(OUT / name / "bench.json", bench)
            write_readme(name)
        write_index()
    elif cmd == "compare":
        step_compare(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
