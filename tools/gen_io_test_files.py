#!/usr/bin/env python3
"""Small weight files for the tests of crates/io (written to crates/io/tests/data/).

Run from the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_io_test_files.py [pytorch] [h5py] [keras]

(no argument: all three groups of files).

Environment used for the committed files: Python 3.11.7, tensorflow-cpu 2.21.0, keras 3.15.1,
numpy 2.4.6, safetensors 0.8.0, h5py 3.14.0.

Writes
    pytorch_state_dict.safetensors   a PyTorch-layout state_dict, written with numpy + safetensors
                                     in exactly the names, dtypes and layouts of
                                     `safetensors.torch.save_file(model.state_dict(), ...)` for
                                     Conv1d(2, 3, 3) -> BatchNorm1d(3) -> ReLU -> mean over time
                                     -> Linear(3, 2): conv.weight (3, 2, 3), conv.bias (3,),
                                     bn.weight, bn.bias, bn.running_mean, bn.running_var (3,),
                                     bn.num_batches_tracked int64 (), fc.weight (2, 3), fc.bias (2,);
                                     metadata {"format": "pt"} as safetensors.torch writes it
    pytorch_reference.safetensors    x float32 (2, 2, 6) (batch, channels, length) and y float32
                                     (2, 2): the model's output, computed in float64 numpy
                                     (BatchNorm1d eps 1e-5) and rounded
    tiny_trained.keras, .h5          a tiny Keras model trained one step with Adam, so that the
                                     files hold optimizer state (the int64 iteration counter ...)
                                     and a float16 layer: Conv1D(2, 3, use_bias=False),
                                     BatchNormalization(center=False), GlobalAveragePooling1D,
                                     Dense(2, dtype="float16")
    tiny_trained_weights.safetensors its layer variables from get_weights(), `<layer>.<variable>`,
                                     each in its own dtype (the Dense ones float16)
    h5py_earliest.h5, h5py_latest.h5 the HDF5 features beyond what Keras 3 writes, in the legacy
                                     `save_weights` layout of tf.keras 2 (root attribute
                                     layer_names, per-layer weight_names as fixed-length
                                     strings `<layer>/<variable>:0`), written by h5py with
                                     libver "earliest" (superblock 0, symbol tables) and "latest"
                                     (superblock 3, v2 object headers, link messages): a chunked
                                     float32 dataset with partial edge chunks (earliest only: the
                                     reader does not read version-4 chunk indexes), a compact
                                     one, big-endian float64, float16, int64, a scalar
"""

import os
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "io", "tests", "data")


def pytorch_files():
    rng = np.random.default_rng(20261201)
    f32 = np.float32
    state = {
        "conv.weight": rng.standard_normal((3, 2, 3)).astype(f32),  # (out, in/groups, k)
        "conv.bias": rng.standard_normal(3).astype(f32),
        "bn.weight": (1 + 0.1 * rng.standard_normal(3)).astype(f32),
        "bn.bias": (0.1 * rng.standard_normal(3)).astype(f32),
        "bn.running_mean": (0.1 * rng.standard_normal(3)).astype(f32),
        "bn.running_var": (1 + 0.5 * rng.random(3)).astype(f32),
        "bn.num_batches_tracked": np.array(1234, dtype=np.int64),  # shape (), as torch saves it
        "fc.weight": rng.standard_normal((2, 3)).astype(f32),  # (out, in)
        "fc.bias": rng.standard_normal(2).astype(f32),
    }
    save_file(state, os.path.join(OUT, "pytorch_state_dict.safetensors"), metadata={"format": "pt"})

    x = rng.standard_normal((2, 2, 6)).astype(f32)
    s = {k: v.astype(np.float64) for k, v in state.items()}
    w = s["conv.weight"]
    length = x.shape[2] - w.shape[2] + 1
    conv = np.zeros((2, 3, length))
    for t in range(length):
        conv[:, :, t] = np.einsum("nck,fck->nf", x[:, :, t:t + 3].astype(np.float64), w) + s["conv.bias"]
    bn = ((conv - s["bn.running_mean"][None, :, None]) / np.sqrt(s["bn.running_var"][None, :, None] + 1e-5)
          * s["bn.weight"][None, :, None] + s["bn.bias"][None, :, None])
    pooled = np.maximum(bn, 0).mean(axis=2)
    y = pooled @ s["fc.weight"].T + s["fc.bias"]
    save_file({"x": x, "y": y.astype(f32)}, os.path.join(OUT, "pytorch_reference.safetensors"))


def keras_files():
    import keras

    keras.utils.set_random_seed(7)
    model = keras.Sequential([
        keras.Input((8, 1)),
        keras.layers.Conv1D(2, 3, use_bias=False, name="conv"),
        keras.layers.BatchNormalization(center=False, name="bn"),
        keras.layers.GlobalAveragePooling1D(name="pool"),
        keras.layers.Dense(2, dtype="float16", name="fc"),
    ], name="tiny")
    model.compile(optimizer="adam", loss="mse")
    x = np.random.default_rng(1).standard_normal((4, 8, 1)).astype(np.float32)
    model.fit(x, np.zeros((4, 2), np.float32), epochs=1, batch_size=4, verbose=0)
    model.save(os.path.join(OUT, "tiny_trained.keras"))
    model.save(os.path.join(OUT, "tiny_trained.h5"))
    weights = {}
    for layer in model.layers:
        for var in layer.weights:
            weights[f"{layer.name}.{var.name}"] = np.asarray(var.numpy())
    assert weights["fc.kernel"].dtype == np.float16, weights["fc.kernel"].dtype
    save_file(weights, os.path.join(OUT, "tiny_trained_weights.safetensors"))
    print("tiny model:", {k: (str(v.dtype), v.shape) for k, v in weights.items()})


def h5py_files():
    import h5py

    for libver in ("earliest", "latest"):
        with h5py.File(os.path.join(OUT, f"h5py_{libver}.h5"), "w", libver=libver) as f:
            f.attrs["layer_names"] = np.array([b"conv", b"misc"])
            g = f.create_group("conv")
            g.attrs["weight_names"] = np.array([b"conv/kernel:0", b"conv/bias:0"])
            g.create_dataset("conv/kernel:0", data=np.arange(60, dtype=np.float32).reshape(5, 3, 4) / 8,
                             chunks=(2, 2, 3) if libver == "earliest" else None)
            g.create_dataset("conv/bias:0", data=np.arange(4, dtype=">f8") - 1.5)
            m = f.create_group("misc")
            m.attrs["weight_names"] = np.array([b"misc/half:0", b"misc/steps:0", b"misc/scale:0", b"misc/compact:0"])
            m.create_dataset("misc/half:0", data=np.array([1.0, -2.5, 65504.0, 2.0**-24], dtype=np.float16))
            m.create_dataset("misc/steps:0", data=np.array([-3, 2**40], dtype=np.int64))
            m.create_dataset("misc/scale:0", data=np.float32(0.25))
            space = h5py.h5s.create_simple((3,))
            plist = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            plist.set_layout(h5py.h5d.COMPACT)
            did = h5py.h5d.create(m.id, b"misc/compact:0", h5py.h5t.NATIVE_INT32, space, plist)
            did.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([7, 8, 9], dtype=np.int32))


if __name__ == "__main__":
    import sys

    groups = sys.argv[1:] or ["pytorch", "h5py", "keras"]
    for group in groups:
        {"pytorch": pytorch_files, "h5py": h5py_files, "keras": keras_files}[group]()
    for name in sorted(os.listdir(OUT)):
        if name.startswith(("pytorch_", "tiny_", "h5py_")):
            print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes")
