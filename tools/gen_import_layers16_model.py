#!/usr/bin/env python3
"""A small untrained Keras model with the layers shaped-import gained with issue 16
(Conv1DTranspose's output_padding, LayerNormalization, GroupNormalization, PReLU with shared
axes, SpatialDropout1D, ReLU(max_value, threshold), AdaptiveAveragePooling1D, Permute,
LeakyReLU, GlobalMaxPooling1D(keepdims=True), RepeatVector), saved as `.keras` with test inputs
and Keras's outputs, for `crates/import-tests`; and a channels-first one
(`data/models/import_layers16_cf`: Conv1DTranspose with data_format="channels_first",
use_bias=False and output_padding).

    pip install tensorflow-cpu==2.21.0 keras==3.15.1 safetensors numpy
    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_import_layers16_model.py

The normalisations' gamma and beta and PReLU's alpha are set to random values (their initial
ones, ones, zeros and zeros, would hide a mistake in their loading).
"""
import os

import keras
import numpy as np
from keras import layers
from safetensors.numpy import save_file

out = os.path.join(os.path.dirname(__file__), "..", "data", "models", "import_layers16")
os.makedirs(out, exist_ok=True)
keras.utils.set_random_seed(16)
x = keras.Input((24, 4))
y = layers.Conv1DTranspose(6, 3, strides=2, padding="same", output_padding=1)(x)  # (48, 6)
y = layers.LayerNormalization()(y)
y = layers.Conv1D(8, 5)(y)  # (44, 8)
y = layers.GroupNormalization(groups=4, epsilon=1e-5)(y)
y = layers.PReLU(shared_axes=[1])(y)
y = layers.SpatialDropout1D(0.3)(y)
y = layers.ReLU(max_value=6.0, threshold=0.1)(y)
y = layers.AdaptiveAveragePooling1D(11)(y)  # (11, 8)
y = layers.Permute((2, 1))(y)  # (8, 11)
y = layers.Conv1D(6, 3)(y)  # (6, 6)
y = layers.LeakyReLU(0.1)(y)
y = layers.GlobalMaxPooling1D(keepdims=True)(y)  # (1, 6)
y = layers.Flatten()(y)
y = layers.RepeatVector(3)(y)  # (3, 6)
y = layers.Conv1DTranspose(4, 2, strides=2, padding="valid", output_padding=1)(y)  # (7, 4)
y = layers.GlobalAveragePooling1D()(y)
y = layers.Dense(3, activation="softmax")(y)
model = keras.Model(x, y)
rng = np.random.default_rng(16)
for layer in model.layers:
    if isinstance(layer, (layers.LayerNormalization, layers.GroupNormalization, layers.PReLU)):
        layer.set_weights([rng.normal(0.5 if w.name == "gamma" else 0.0, 0.3, w.shape).astype("float32")
                           for w in layer.weights])
inputs = rng.normal(0, 1, (20, 24, 4)).astype("float32")
probabilities = model.predict(inputs, batch_size=32, verbose=0).astype("float32")
model.save(os.path.join(out, "model.keras"))
save_file({"inputs": inputs}, os.path.join(out, "test_inputs.safetensors"))
save_file({"probabilities": probabilities}, os.path.join(out, "test_outputs.safetensors"))
model.summary()

# A channels-first model (PyTorch's layout): Conv1DTranspose(data_format="channels_first",
# use_bias=False) with output_padding, into data_format="channels_first" poolings.
out_cf = os.path.join(os.path.dirname(__file__), "..", "data", "models", "import_layers16_cf")
os.makedirs(out_cf, exist_ok=True)
x = keras.Input((3, 10))
y = layers.Conv1DTranspose(4, 3, strides=2, padding="same", output_padding=1, data_format="channels_first",
                           use_bias=False)(x)  # (4, 20)
y = layers.MaxPooling1D(2, data_format="channels_first")(y)  # (4, 10)
y = layers.GlobalAveragePooling1D(data_format="channels_first")(y)
y = layers.Dense(3, activation="softmax")(y)
model = keras.Model(x, y)
inputs = rng.normal(0, 1, (12, 3, 10)).astype("float32")
probabilities = model.predict(inputs, batch_size=32, verbose=0).astype("float32")
model.save(os.path.join(out_cf, "model.keras"))
save_file({"inputs": inputs}, os.path.join(out_cf, "test_inputs.safetensors"))
save_file({"probabilities": probabilities}, os.path.join(out_cf, "test_outputs.safetensors"))
