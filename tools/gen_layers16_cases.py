#!/usr/bin/env python3
"""Golden cases from real Keras 3 for the layers of issue 16: Embedding, LayerNormalization,
GroupNormalization, GlobalAverage/MaxPooling1D(keepdims=True), AdaptiveAverage/MaxPooling1D,
ReLU, LeakyReLU, PReLU, Permute, RepeatVector, SpatialDropout1D.

Run from the repository root (tensorflow-cpu 2.21.0, keras 3.15.1, numpy):

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_layers16_cases.py

Writes tests/golden/layers16.json, read by tests/golden_layers16.rs (one typed test per case;
a test fails if a case has none). Each case: the Keras layer line (`keras`), where its
parameters come from (`source`: Keras's own test, e.g. layer_normalization_test.py::test_output,
or "shaped" for added ones), dtype, input shape and values (row-major; integer ids for
Embedding), the weights set with `layer.set_weights` (Keras names and shapes), and
`layer(x, training=False)` (its output shape and values), and the arguments of
`layer.get_config()` that shape the computation (`config`: epsilon, groups, max_value ...). float32 values are written as the
float64 of the same value (exact).

Tolerance (tests/golden_layers16.rs): max |shaped - keras| / (1 + |keras|) <= 1e-5 for float32,
1e-12 for float64, Embedding exactly; a case may carry a larger `tolerance` with its reason
(`tolerance_reason`), from the conditioning of its data.

Determinism: case i draws its input and then its weights, in `layer.weights` order, from
`numpy.random.default_rng(SEED_BASE + i)`.
"""
import json
import os
import pathlib
import platform

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "layers16.json"
SEED_BASE = 20261600

CASES = []


def case(name, keras_line, make, shape, source="shaped", dtype="float32", ids=None, weights=None,
         values=None, loc=0.0, scale=1.0, batch_dyn=False, tolerance=None):
    """`make()` builds the Keras layer; `shape` is the input shape (batch first); `ids` the
    vocabulary for token inputs; `weights` a function rng -> list of arrays for set_weights
    (None: draw each weight from N(0, 1)... or keep the layer's own initial values if False);
    `values` fixed input values."""
    CASES.append(dict(name=name, keras=keras_line, make=make, shape=shape, source=source, dtype=dtype,
                      ids=ids, weights=weights, values=values, loc=loc, scale=scale, batch_dyn=batch_dyn,
                      tolerance=tolerance))


CONFIG_KEYS = ("epsilon", "groups", "axis", "center", "scale", "max_value", "negative_slope", "threshold", "n",
               "dims", "output_size", "keepdims", "shared_axes", "input_dim", "output_dim", "rate")


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def run(i, c):
    rng = np.random.default_rng(SEED_BASE + i)
    dtype = c["dtype"]
    if c["ids"] is not None:
        x = rng.integers(0, c["ids"], size=c["shape"]).astype(np.int32) if c["values"] is None \
            else np.array(c["values"], dtype=np.int32).reshape(c["shape"])
    elif c["values"] is not None:
        x = np.array(c["values"], dtype=np.float64).reshape(c["shape"]).astype(dtype)
    else:
        x = (c["loc"] + c["scale"] * rng.standard_normal(c["shape"])).astype(dtype)
    layer = c["make"]()
    layer.build(x.shape)
    if c["weights"] is not False:
        if c["weights"] is None:
            new = [rng.standard_normal(tuple(w.shape)).astype(dtype) for w in layer.weights]
        else:
            new = [np.asarray(w, dtype=dtype) for w in c["weights"](rng)]
        layer.set_weights(new)
    y = np.asarray(layer(x, training=False))
    assert y.dtype == np.dtype(dtype), (c["name"], y.dtype)
    assert np.all(np.isfinite(y)), c["name"]
    config = {k: v for k, v in layer.get_config().items() if k in CONFIG_KEYS}
    return {
        "name": c["name"],
        "keras": c["keras"],
        "config": json.loads(json.dumps(config)),
        "source": c["source"],
        "dtype": dtype,
        "input_shape": list(x.shape),
        "input": [int(v) for v in x.reshape(-1)] if c["ids"] is not None else flat(x),
        "weights": {w.name: {"shape": list(w.shape), "values": flat(w.numpy())} for w in layer.weights},
        "output_shape": list(y.shape),
        "output": flat(y),
    }


# ---------------------------------------------------------------------------------------------
# Embedding (keras/src/layers/core/embedding_test.py)
# ---------------------------------------------------------------------------------------------
case("embedding_basics_4_3", "Embedding(input_dim=4, output_dim=3)",
     lambda: layers.Embedding(4, 3), (2, 1), source="embedding_test.py::test_embedding_basics (input (2,) as (2, 1))", ids=4)
case("embedding_basics_5_4", "Embedding(input_dim=5, output_dim=4)",
     lambda: layers.Embedding(5, 4), (2, 3), source="embedding_test.py::test_embedding_basics / test_sparse", ids=5)
case("embedding_correctness", "Embedding(input_dim=3, output_dim=2), embeddings [[0,0],[2,2],[3,3]]",
     lambda: layers.Embedding(3, 2), (1, 3), source="embedding_test.py::test_correctness (input [2, 1, 0])", ids=3,
     values=[2, 1, 0], weights=lambda rng: [np.array([[0.0, 0.0], [2.0, 2.0], [3.0, 3.0]])])
case("embedding_quantize_shape_10_6", "Embedding(input_dim=10, output_dim=6)",
     lambda: layers.Embedding(10, 6), (2, 3), source="embedding_test.py::test_embedding_quantize_config (float path)", ids=10)
case("embedding_50_16_dyn", "Embedding(input_dim=50, output_dim=16)",
     lambda: layers.Embedding(50, 16), (3, 20), ids=50, batch_dyn=True)
case("embedding_7_5_f64", "Embedding(input_dim=7, output_dim=5, dtype='float64')",
     lambda: layers.Embedding(7, 5, dtype="float64"), (2, 6), ids=7, dtype="float64")

# ---------------------------------------------------------------------------------------------
# LayerNormalization (keras/src/layers/normalization/layer_normalization_test.py)
# ---------------------------------------------------------------------------------------------
case("ln_basics_ones", "LayerNormalization(gamma_initializer='ones', beta_initializer='ones')",
     lambda: layers.LayerNormalization(gamma_initializer="ones", beta_initializer="ones"), (3, 4, 2),
     source="layer_normalization_test.py::test_ln_basics", weights=False)
case("ln_no_scale_no_center_2d", "LayerNormalization(scale=False, center=False)",
     lambda: layers.LayerNormalization(scale=False, center=False), (3, 3),
     source="layer_normalization_test.py::test_ln_basics", weights=False)
case("ln_output", "LayerNormalization(beta_initializer='ones', gamma_initializer='ones')",
     lambda: layers.LayerNormalization(beta_initializer="ones", gamma_initializer="ones"), (1, 5),
     source="layer_normalization_test.py::test_output", values=[0, 1, 2, 3, 4], weights=False)
case("ln_correctness_loc5_scale10", "LayerNormalization()",
     lambda: layers.LayerNormalization(), (50, 2, 4), loc=5.0, scale=10.0,
     source="layer_normalization_test.py::test_correctness (normal(5, 10) input; (1000, 2, 2, 2) as (50, 2, 4))",
     batch_dyn=True)
case("ln_eps1e-5", "LayerNormalization(epsilon=1e-5)",
     lambda: layers.LayerNormalization(epsilon=1e-5), (2, 10, 6))
case("ln_center_only", "LayerNormalization(scale=False)",
     lambda: layers.LayerNormalization(scale=False), (2, 7, 5), batch_dyn=True)
case("ln_scale_only", "LayerNormalization(center=False)",
     lambda: layers.LayerNormalization(center=False), (2, 7, 5))
case("ln_f64", "LayerNormalization(dtype='float64')",
     lambda: layers.LayerNormalization(dtype="float64"), (2, 9, 4), dtype="float64")
case("ln_small_variance", "LayerNormalization()",
     lambda: layers.LayerNormalization(), (2, 6, 8), loc=3.0, scale=1e-2,
     tolerance=[5e-5, "inputs 3 +- 0.01 in float32: x - mean carries the rounding of x (ulp(3) = 2.4e-7), "
                      "times rsqrt(var + eps) ~ 30 and |gamma| up to ~2, i.e. ~1.4e-5 of the output: any "
                      "float32 summation order differs from TensorFlow's at that level"])

# ---------------------------------------------------------------------------------------------
# GroupNormalization (keras/src/layers/normalization/group_normalization_test.py)
# ---------------------------------------------------------------------------------------------
case("gn_basics_default_groups32", "GroupNormalization()  (groups=32)",
     lambda: layers.GroupNormalization(), (3, 4, 32), source="group_normalization_test.py::test_groupnorm")
case("gn_basics_groups4", "GroupNormalization(groups=4)",
     lambda: layers.GroupNormalization(groups=4), (3, 4, 4), source="group_normalization_test.py::test_groupnorm",
     weights=False)
case("gn_instance_norm_groups4", "GroupNormalization(groups=4, axis=-1, scale=False, center=False)",
     lambda: layers.GroupNormalization(groups=4, scale=False, center=False), (1, 2, 4),
     source="group_normalization_test.py::test_correctness_instance_norm",
     values=[-1.0, 1.0, 0, 2.0, 1.0, 3.0, -4, -2.0])
case("gn_instance_norm_groups_minus1", "GroupNormalization(groups=-1, axis=-1, scale=False, center=False)",
     lambda: layers.GroupNormalization(groups=-1, scale=False, center=False), (1, 2, 4),
     source="group_normalization_test.py::test_groups_instance_norm",
     values=[-1.0, 1.0, 0, 2.0, 1.0, 3.0, -4, -2.0])
case("gn_1d_groups1", "GroupNormalization(groups=1, axis=-1, scale=False, center=False)",
     lambda: layers.GroupNormalization(groups=1, scale=False, center=False), (1, 8),
     source="group_normalization_test.py::test_correctness_1d", values=[-1.0, -1.0, 1.0, 1.0, 2.0, 2.0, 0, -2.0])
case("gn_1d_groups2", "GroupNormalization(groups=2, axis=1, scale=False, center=False)",
     lambda: layers.GroupNormalization(groups=2, axis=1, scale=False, center=False), (1, 8),
     source="group_normalization_test.py::test_correctness_1d", values=[-1.0, -1.0, 1.0, 1.0, 2.0, 2.0, 0, -2.0])
case("gn_groups2_c6", "GroupNormalization(groups=2)",
     lambda: layers.GroupNormalization(groups=2), (2, 5, 6), batch_dyn=True)
case("gn_groups1_eps1e-5", "GroupNormalization(groups=1, epsilon=1e-5)",
     lambda: layers.GroupNormalization(groups=1, epsilon=1e-5), (2, 5, 6))
case("gn_groups3_c6_f64", "GroupNormalization(groups=3, dtype='float64')",
     lambda: layers.GroupNormalization(groups=3, dtype="float64"), (2, 4, 6), dtype="float64")
case("gn_groups2_no_center", "GroupNormalization(groups=2, center=False)",
     lambda: layers.GroupNormalization(groups=2, center=False), (2, 3, 4), loc=2.0, scale=3.0)

# ---------------------------------------------------------------------------------------------
# keepdims=True (keras/src/layers/pooling/global_*_pooling_test.py)
# ---------------------------------------------------------------------------------------------
case("gap_keepdims", "GlobalAveragePooling1D(keepdims=True)",
     lambda: layers.GlobalAveragePooling1D(keepdims=True), (3, 5, 4),
     source="global_average_pooling_test.py::test_global_average_pooling1d (channels_last, keepdims=True)")
case("gmp_keepdims", "GlobalMaxPooling1D(keepdims=True)",
     lambda: layers.GlobalMaxPooling1D(keepdims=True), (3, 5, 4),
     source="global_max_pooling_test.py::test_global_max_pooling1d (channels_last, keepdims=True)", batch_dyn=True)

# ---------------------------------------------------------------------------------------------
# Adaptive pooling (keras/src/layers/pooling/adaptive_pooling1d_test.py)
# ---------------------------------------------------------------------------------------------
for kind, cls in (("avg", layers.AdaptiveAveragePooling1D), ("max", layers.AdaptiveMaxPooling1D)):
    name = cls.__name__
    case(f"adaptive_{kind}_basic_8_to_4", f"{name}(output_size=4)",
         lambda cls=cls: cls(output_size=4, data_format="channels_last"), (2, 8, 3),
         source=f"adaptive_pooling1d_test.py::test_{'average' if kind == 'avg' else 'max'}_pooling_channels_last")
    case(f"adaptive_{kind}_numerical_6_to_2", f"{name}(output_size=2)",
         lambda cls=cls: cls(output_size=2, data_format="channels_last"), (1, 6, 1),
         source=f"adaptive_pooling1d_test.py::test_{'average' if kind == 'avg' else 'max'}_pooling_numerical "
                "(channels_first (1, 1, 6) as channels_last (1, 6, 1))",
         values=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    case(f"adaptive_{kind}_64_to_16", f"{name}(output_size=16)",
         lambda cls=cls: cls(output_size=16, data_format="channels_last"), (2, 64, 3),
         source=f"adaptive_pooling1d_test.py::test_{'average' if kind == 'avg' else 'max'}_pooling_compute_output_shape",
         batch_dyn=True)
    for length, out in ((10, 3), (5, 3), (7, 5), (3, 5), (9, 1), (11, 4)):
        if kind == "max" and out == 1:
            # Keras 3.15.1 on TensorFlow 2.21 crashes the process here (SIGFPE): its "big" window
            # is length + 1 steps, and tf.nn.pool(MAX) with a window longer than the input
            # divides by zero. The average path survives it (AdaptiveAveragePooling1D(1) is run).
            continue
        case(f"adaptive_{kind}_{length}_to_{out}", f"{name}(output_size={out})",
             lambda cls=cls, out=out: cls(output_size=out, data_format="channels_last"), (2, length, 2))

# ---------------------------------------------------------------------------------------------
# ReLU, LeakyReLU, PReLU (keras/src/layers/activations/*_test.py)
# ---------------------------------------------------------------------------------------------
FIVE = [-10.0, -5.0, 0.0, 5.0, 10.0]
case("relu_basics_max10_slope1_thr0.5", "ReLU(max_value=10, negative_slope=1, threshold=0.5)",
     lambda: layers.ReLU(max_value=10, negative_slope=1, threshold=0.5), (2, 3, 4), scale=5.0,
     source="relu_test.py::test_relu")
case("relu_normal", "ReLU(max_value=10, negative_slope=0.0, threshold=0)",
     lambda: layers.ReLU(max_value=10, negative_slope=0.0, threshold=0), (1, 5), values=FIVE,
     source="relu_test.py::test_normal_relu_correctness")
case("relu_leaky", "ReLU(max_value=10, negative_slope=0.5, threshold=0)",
     lambda: layers.ReLU(max_value=10, negative_slope=0.5, threshold=0), (1, 5), values=FIVE,
     source="relu_test.py::test_leaky_relu_correctness")
case("relu_threshold", "ReLU(max_value=8, negative_slope=0.0, threshold=5)",
     lambda: layers.ReLU(max_value=8, negative_slope=0.0, threshold=5), (1, 5), values=[6.0, 7.0, 0.0, 5, 10],
     source="relu_test.py::test_threshold_relu_correctness")
case("relu_config_max5_slope0.2_thr1", "ReLU(max_value=5.0, negative_slope=0.2, threshold=1.0)",
     lambda: layers.ReLU(max_value=5.0, negative_slope=0.2, threshold=1.0), (2, 6, 3), scale=4.0,
     source="relu_test.py::test_get_config")
case("relu_default", "ReLU()", lambda: layers.ReLU(), (2, 6, 3))
case("relu6", "ReLU(max_value=6)", lambda: layers.ReLU(max_value=6.0), (2, 6, 3), scale=8.0)
case("relu_slope_only", "ReLU(negative_slope=0.2)", lambda: layers.ReLU(negative_slope=0.2), (2, 6, 3))
case("relu_threshold_slope", "ReLU(negative_slope=0.1, threshold=1.0)",
     lambda: layers.ReLU(negative_slope=0.1, threshold=1.0), (2, 6, 3), scale=3.0)
case("relu_max6_threshold", "ReLU(max_value=6, threshold=0.5)",
     lambda: layers.ReLU(max_value=6.0, threshold=0.5), (2, 6, 3), scale=8.0)
case("leaky_relu_default", "LeakyReLU()", lambda: layers.LeakyReLU(), (2, 6, 3))
case("leaky_relu_slope1", "LeakyReLU(negative_slope=1)", lambda: layers.LeakyReLU(negative_slope=1), (2, 3, 4),
     source="leaky_relu_test.py::test_leaky_relu")
case("leaky_relu_correctness", "LeakyReLU(negative_slope=0.5)", lambda: layers.LeakyReLU(negative_slope=0.5),
     (1, 5), values=FIVE, source="leaky_relu_test.py::test_leaky_relu_correctness")
case("prelu_shared_axes_1", "PReLU(shared_axes=1)", lambda: layers.PReLU(shared_axes=1), (2, 3, 4),
     source="prelu_test.py::test_prelu")
case("prelu_shared_axes_1_2", "PReLU(shared_axes=(1, 2))", lambda: layers.PReLU(shared_axes=(1, 2)), (2, 10, 3),
     source="prelu_test.py::test_prelu_correctness ((2, 10, 5, 3) as (2, 10, 3), alpha random in [0, 1))",
     weights=lambda rng: [rng.random((1, 1))])
case("prelu_no_sharing", "PReLU()", lambda: layers.PReLU(), (2, 5, 3), batch_dyn=True)
case("prelu_shared_axes_2", "PReLU(shared_axes=[2])", lambda: layers.PReLU(shared_axes=[2]), (2, 5, 3))

# ---------------------------------------------------------------------------------------------
# Permute, RepeatVector, SpatialDropout1D
# ---------------------------------------------------------------------------------------------
case("permute_2_1", "Permute((2, 1))", lambda: layers.Permute((2, 1)), (3, 4, 5), source="permute_test.py (dims (2, 1))")
case("permute_1_2", "Permute((1, 2))", lambda: layers.Permute((1, 2)), (3, 4, 5), batch_dyn=True)
case("repeat_vector_3", "RepeatVector(3)", lambda: layers.RepeatVector(3), (2, 5),
     source="repeat_vector_test.py::test_repeat_vector")
case("repeat_vector_1", "RepeatVector(1)", lambda: layers.RepeatVector(1), (4, 2), batch_dyn=True)
case("spatial_dropout1d_0.5", "SpatialDropout1D(0.5)", lambda: layers.SpatialDropout1D(0.5), (2, 3, 4),
     source="spatial_dropout_test.py::test_spatial_dropout_1d (training=False)")


def main():
    cases = []
    for i, c in enumerate(CASES):
        out = run(i, c)
        out["batch"] = "Dyn" if c["batch_dyn"] else "static"
        if c["tolerance"] is not None:
            out["tolerance"], out["tolerance_reason"] = c["tolerance"]
        cases.append(out)
    assert len({c["name"] for c in cases}) == len(cases)
    versions = {"python": platform.python_version(), "tensorflow": tf.__version__, "keras": keras.__version__,
                "numpy": np.__version__}
    doc = {"generator": "tools/gen_layers16_cases.py", "versions": versions, "seed_base": SEED_BASE,
           "cases": cases}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
