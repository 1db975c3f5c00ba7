#!/usr/bin/env python3
"""A small untrained Keras model with the convolution layers of shaped-import's second batch
(SeparableConv1D, DepthwiseConv1D, Conv1DTranspose), saved as `.keras` with test inputs and
Keras's outputs, for `crates/import-tests`.

    pip install tensorflow-cpu==2.21.0 keras==3.15.1 safetensors numpy
    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_import_layers_model.py
"""
import os

import keras
import numpy as np
from safetensors.numpy import save_file

out = os.path.join(os.path.dirname(__file__), "..", "data", "models", "import_layers")
os.makedirs(out, exist_ok=True)
keras.utils.set_random_seed(3)
x = keras.Input((32, 4))
y = keras.layers.SeparableConv1D(8, 3, padding="same", depth_multiplier=2, activation="relu")(x)
y = keras.layers.DepthwiseConv1D(5, padding="valid", depth_multiplier=2, dilation_rate=2)(y)
y = keras.layers.BatchNormalization()(y)
y = keras.layers.Conv1DTranspose(6, 3, strides=2, padding="same", activation="tanh")(y)
y = keras.layers.Conv1DTranspose(4, 4, strides=1, padding="valid")(y)
y = keras.layers.GlobalAveragePooling1D()(y)
y = keras.layers.Dense(3, activation="softmax")(y)
model = keras.Model(x, y)
# Non-trivial BatchNormalization statistics (the layers are untrained otherwise).
bn = next(l for l in model.layers if isinstance(l, keras.layers.BatchNormalization))
rng = np.random.default_rng(5)
g, b, m, v = [w.numpy() for w in bn.weights]
bn.set_weights([rng.uniform(0.5, 1.5, g.shape), rng.normal(0, 0.1, b.shape), rng.normal(0, 0.2, m.shape), rng.uniform(0.5, 2.0, v.shape)])
inputs = rng.normal(0, 1, (20, 32, 4)).astype("float32")
probabilities = model.predict(inputs, batch_size=32, verbose=0).astype("float32")
model.save(os.path.join(out, "model.keras"))
save_file({"inputs": inputs}, os.path.join(out, "test_inputs.safetensors"))
save_file({"probabilities": probabilities}, os.path.join(out, "test_outputs.safetensors"))
print(model.summary())
