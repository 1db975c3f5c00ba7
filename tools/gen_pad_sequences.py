#!/usr/bin/env python3
"""Writes crates/io/tests/data/pad_sequences.json: real `keras.utils.pad_sequences` outputs.

Each case records its inputs (float sequences, univariate or multivariate), the arguments
(maxlen, padding, truncating, value) and what Keras returned with `dtype="float32"` and
`dtype="float64"` (never Keras's int32 default, which zeroes float data). The Rust test
`crates/io/tests/pad_sequences_keras.rs` pads the same inputs with `shaped_io::pad_sequences`
and compares element by element.

Keras 3 runs on its numpy backend here, so TensorFlow is not needed:

    python3 -m venv /tmp/kerasenv && /tmp/kerasenv/bin/pip install keras numpy scipy
    KERAS_BACKEND=numpy /tmp/kerasenv/bin/python tools/gen_pad_sequences.py

Run from the repository root.
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "numpy")

import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/io/tests/data/pad_sequences.json"

rng = np.random.default_rng(6)


def uni(lengths):
    # Values in [-2, 2) rounded to 3 decimals: exactly the same decimal in f32 and f64 input.
    return [[round(float(v), 3) for v in rng.uniform(-2, 2, n)] for n in lengths]


def multi(lengths, channels):
    return [
        [[round(float(v), 3) for v in rng.uniform(-2, 2, channels)] for _ in range(n)]
        for n in lengths
    ]


inputs = {
    # The seed article's Example 2 in small: lengths around maxlen, one empty sequence.
    "uni": uni([5, 8, 3, 0, 6]),
    # Multivariate (3 channels), like JapaneseVowels in small.
    "multi": multi([4, 7, 2, 5], 3),
}

cases = []
for data_name, data in inputs.items():
    longest = max(len(s) for s in data)
    for maxlen in (4, longest, longest + 2):
        for padding in ("pre", "post"):
            for truncating in ("pre", "post"):
                for value in (0.0, -1.5):
                    out = {}
                    for dtype in ("float32", "float64"):
                        x = keras.utils.pad_sequences(
                            data,
                            maxlen=maxlen,
                            dtype=dtype,
                            padding=padding,
                            truncating=truncating,
                            value=value,
                        )
                        out[dtype] = {
                            "shape": list(x.shape),
                            "values": [float(v) for v in x.reshape(-1)],
                        }
                    cases.append(
                        {
                            "input": data_name,
                            "maxlen": maxlen,
                            "padding": padding,
                            "truncating": truncating,
                            "value": value,
                            "output": out,
                        }
                    )

# maxlen=None: Keras pads to the longest sequence.
for data_name, data in inputs.items():
    x = keras.utils.pad_sequences(data, dtype="float32", padding="post")
    cases.append(
        {
            "input": data_name,
            "maxlen": None,
            "padding": "post",
            "truncating": "pre",
            "value": 0.0,
            "output": {"float32": {"shape": list(x.shape), "values": [float(v) for v in x.reshape(-1)]}},
        }
    )

# The int32 default (catalog row seed_example2_fix_pad_sequences_int32): recorded to document
# what the Rust API refuses to do.
x = keras.utils.pad_sequences(inputs["uni"], maxlen=6, padding="post")
int32_default = {"dtype": str(x.dtype), "values": [int(v) for v in x.reshape(-1)]}

doc = {
    "generator": "tools/gen_pad_sequences.py",
    "keras": keras.__version__,
    "numpy": np.__version__,
    "backend": keras.backend.backend(),
    "inputs": inputs,
    "cases": cases,
    "int32_default_uni_maxlen6_post": int32_default,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(doc, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)} (keras {keras.__version__})")
