#!/usr/bin/env python3
"""Real Keras files for the three bundled models: `model.keras` (Keras 3 archive) and
`model.h5` (legacy HDF5, `model.save("x.h5")`), written next to their `weights.safetensors`.

Run from the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/export_keras_files.py

Environment used for the committed files: Python 3.11.7, tensorflow-cpu 2.21.0, keras 3.15.1,
numpy 2.4.6, safetensors 0.8.0, h5py 3.14.0
(`pip install tensorflow-cpu==2.21.0 keras==3.15.1 safetensors numpy h5py`).

For each model in data/models/{gunpoint_cnn_flatten,gunpoint_fcn,japanese_vowels_fcn}:
1. rebuild the Sequential model from `model.json` (every layer's own Keras `get_config()`);
2. set every variable from `weights.safetensors` (`<layer>.<variable>`, Keras layouts);
3. check that `model.predict` on `test_inputs.safetensors` equals `test_outputs.safetensors`
   (`probabilities`) bit for bit, and stop otherwise;
4. save `model.keras` and `model.h5`, reload both with Keras, and check the reloaded weights
   equal the safetensors ones bit for bit.

The model is not compiled, so the files hold no optimizer state; the `.keras` archive still
holds Keras's own non-layer-variable state (e.g. Dropout's seed generator), which the Rust
reader must skip, not choke on. The reader's tests (crates/io/tests/keras_files.rs) compare
every tensor read from these files with `weights.safetensors`.
"""

import json
import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402

MODELS = ["gunpoint_cnn_flatten", "gunpoint_fcn", "japanese_vowels_fcn"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "models")


def build(spec):
    layers = []
    inputs = None
    for entry in spec["layers"]:
        if entry["class_name"] == "InputLayer":
            inputs = keras.Input(batch_shape=tuple(entry["config"]["batch_shape"]), name=entry["name"])
            continue
        layers.append(keras.layers.deserialize({"class_name": entry["class_name"], "config": entry["config"],
                                                "module": "keras.layers", "registered_name": None}))
    model = keras.Sequential([inputs] + layers, name=spec["name"])
    return model


def set_weights(model, spec, weights):
    by_name = {layer.name: layer for layer in model.layers}
    used = set()
    for entry in spec["layers"]:
        if not entry["weights"]:
            continue
        layer = by_name[entry["name"]]
        values = [weights[w["name"]] for w in entry["weights"]]
        layer.set_weights(values)
        used.update(w["name"] for w in entry["weights"])
    assert used == set(weights), f"unused weights: {set(weights) - used}"


def check_weights(model, spec, weights, what):
    by_name = {layer.name: layer for layer in model.layers}
    for entry in spec["layers"]:
        if not entry["weights"]:
            continue
        got = by_name[entry["name"]].get_weights()
        for w, value in zip(entry["weights"], got):
            want = weights[w["name"]]
            assert value.dtype == want.dtype and value.shape == want.shape, (what, w["name"])
            assert value.tobytes() == want.tobytes(), f"{what}: {w['name']} differs"


def main():
    for name in MODELS:
        folder = os.path.join(ROOT, name)
        spec = json.load(open(os.path.join(folder, "model.json")))
        weights = load_file(os.path.join(folder, "weights.safetensors"))
        x = load_file(os.path.join(folder, "test_inputs.safetensors"))["inputs"]
        want = load_file(os.path.join(folder, "test_outputs.safetensors"))["probabilities"]

        model = build(spec)
        set_weights(model, spec, weights)
        got = model.predict(x, batch_size=32, verbose=0)
        if got.tobytes() != want.tobytes():
            print(f"{name}: predictions differ from test_outputs (max {np.abs(got - want).max():.3g})")
            sys.exit(1)

        keras_path = os.path.join(folder, "model.keras")
        h5_path = os.path.join(folder, "model.h5")
        model.save(keras_path)
        model.save(h5_path)
        for path in (keras_path, h5_path):
            back = keras.saving.load_model(path, compile=False)
            check_weights(back, spec, weights, path)
            again = back.predict(x, batch_size=32, verbose=0)
            assert again.tobytes() == want.tobytes(), f"{path}: predictions differ after reload"
        print(f"{name}: predictions bit-identical; model.keras {os.path.getsize(keras_path)} bytes, "
              f"model.h5 {os.path.getsize(h5_path)} bytes")
    print("versions:", {"keras": keras.__version__, "numpy": np.__version__,
                        "tensorflow": __import__("tensorflow").__version__,
                        "h5py": __import__("h5py").__version__})


if __name__ == "__main__":
    main()
