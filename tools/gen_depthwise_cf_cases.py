#!/usr/bin/env python3
"""Golden reference data for channels-first DepthwiseConv1D and SeparableConv1D, produced by real
Keras 3 on TensorFlow CPU, plus the PyTorch layout of every weight.

Run from the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 python3 tools/gen_depthwise_cf_cases.py

Writes tests/golden/depthwise_cf.json, read by tests/golden_depthwise_cf.rs.

Environment used for the committed file: tensorflow-cpu 2.21.0, keras 3.15.1 (the versions are
recorded in the file).

What Keras does (measured with this TensorFlow, CPU only): `DepthwiseConv1D(...,
data_format="channels_first")` and `SeparableConv1D(..., data_format="channels_first")` run; the
output is the layer's own call on (batch, channels, steps) input. As a cross-check, every case
also runs the channels-last layer with the same weights on the transposed input; the generator
fails unless the two agree (max |a - b| / (1 + |b|) <= 1e-5), so the reference does not depend
on TensorFlow's NCHW path alone. `padding="causal"` is refused by Keras 3.15.1 for both layers
in either data format ("The `padding` argument must be a list/tuple or one of {'same',
'valid'}. Received: causal", the set in either order); the generator asserts that refusal and records its message, and
has no causal case. Keras also refuses strides > 1 together with dilation_rate > 1.

PyTorch layout, computed here by transposing Keras's weights (no torch needed):
    depthwise kernel (K, C, M)  ->  weight (C*M, 1, K)    weight[c*M+m, 0, t] = kernel[t, c, m]
    pointwise kernel (1, C*M, F) -> weight (F, C*M, 1)    weight[f, j, 0]    = kernel[0, j, f]
the weights of `nn.Conv1d(C, C*M, K, groups=C, bias=False)` + `nn.Conv1d(C*M, F, 1)` (the
depthwise layer alone: `nn.Conv1d(C, C*M, K, groups=C)` with its bias). A plain numpy grouped
convolution on those PyTorch-layout weights (channels-first, as torch computes it) must also
reproduce Keras's output; the generator fails otherwise.

Determinism: case i draws input and weights from numpy.random.default_rng(20261200 + i) in the
order input, then `layer.get_weights()`. Values are float64 rounded to float32.
"""
import json
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "depthwise_cf.json"
SEED_BASE = 20261200
TOL = 1e-5

# (name, class, batch, channels, length, kernel, multiplier, strides, padding, dilation, use_bias, filters)
CASES = [
    ("dw_k3_m1_valid", "DepthwiseConv1D", 2, 4, 10, 3, 1, 1, "valid", 1, True, None),
    ("dw_k3_m2_same", "DepthwiseConv1D", 2, 3, 9, 3, 2, 1, "same", 1, True, None),
    ("dw_k4_m2_same_s2", "DepthwiseConv1D", 1, 2, 11, 4, 2, 2, "same", 1, True, None),
    ("dw_k3_m1_valid_d2_nobias", "DepthwiseConv1D", 2, 5, 12, 3, 1, 1, "valid", 2, False, None),
    ("dw_k2_m3_same_d3", "DepthwiseConv1D", 2, 2, 7, 2, 3, 1, "same", 3, True, None),
    ("sep_k3_m1_valid", "SeparableConv1D", 2, 4, 10, 3, 1, 1, "valid", 1, True, 6),
    ("sep_k3_m2_same", "SeparableConv1D", 2, 3, 9, 3, 2, 1, "same", 1, True, 5),
    ("sep_k5_m2_valid_s2_nobias", "SeparableConv1D", 1, 4, 13, 5, 2, 2, "valid", 1, False, 3),
    ("sep_k3_m1_same_d2", "SeparableConv1D", 2, 3, 11, 3, 1, 1, "same", 2, True, 4),
    ("sep_k3_m2_valid_s3", "SeparableConv1D", 2, 2, 8, 3, 2, 3, "valid", 1, True, 3),
]


def make(cls, fmt, k, m, s, p, d, use_bias, filters):
    kw = dict(strides=s, padding=p, depth_multiplier=m, dilation_rate=d, use_bias=use_bias, data_format=fmt)
    if cls == "DepthwiseConv1D":
        return layers.DepthwiseConv1D(k, **kw)
    return layers.SeparableConv1D(filters, k, **kw)


def grouped_conv_nct(x, w, bias, stride, dilation, pad_left, pad_right, groups):
    """torch.nn.functional.conv1d semantics in numpy (float64): x (N, Cin, L), w (O, Cin/groups, K)."""
    n, cin, _ = x.shape
    o, cig, k = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pad_left, pad_right)))
    lout = (x.shape[2] - dilation * (k - 1) - 1) // stride + 1
    og = o // groups
    y = np.zeros((n, o, lout))
    for oc in range(o):
        g = oc // og
        for t in range(lout):
            win = x[:, g * cig:(g + 1) * cig, t * stride:t * stride + dilation * (k - 1) + 1:dilation]
            y[:, oc, t] = np.einsum("nck,ck->n", win, w[oc])
    if bias is not None:
        y += bias[None, :, None]
    return y


def pads(padding, length, k, s, d):
    eff = d * (k - 1) + 1
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return eff - 1, 0
    out = -(-length // s)
    total = max((out - 1) * s + eff - length, 0)
    return total // 2, total - total // 2


def rel_err(a, b):
    return float(np.max(np.abs(a - b) / (1.0 + np.abs(b)))) if a.size else 0.0


def main():
    cases = []
    causal_refusal = {}
    for cls in ("DepthwiseConv1D", "SeparableConv1D"):
        for fmt in ("channels_first", "channels_last"):
            try:
                make(cls, fmt, 3, 1, 1, "causal", 1, True, 2)
                raise AssertionError(f"{cls}(padding='causal', data_format={fmt!r}) was accepted")
            except ValueError as e:
                # The message prints a Python set, whose order varies from run to run.
                assert "Received: causal" in str(e), e
                causal_refusal[f"{cls}/{fmt}"] = "ValueError: The `padding` argument must be a list/tuple or one of {'same', 'valid'}. Received: causal"
    for i, (name, cls, b, c, length, k, m, s, p, d, use_bias, filters) in enumerate(CASES):
        rng = np.random.default_rng(SEED_BASE + i)
        x = rng.standard_normal((b, c, length)).astype(np.float32)
        cl = make(cls, "channels_last", k, m, s, p, d, use_bias, filters)
        cl.build((None, length, c))
        weights = [rng.standard_normal(w.shape).astype(np.float32) for w in cl.get_weights()]
        cl.set_weights(weights)
        via_cl = np.transpose(np.asarray(cl(np.transpose(x, (0, 2, 1)))), (0, 2, 1))
        cf = make(cls, "channels_first", k, m, s, p, d, use_bias, filters)
        cf.build((None, c, length))
        cf.set_weights(weights)
        y = np.asarray(cf(x))
        err = rel_err(y, via_cl)
        assert err <= TOL, f"{name}: channels_first and transposed channels_last disagree: {err}"

        dk = weights[0]  # (K, C, M)
        pt_dw = np.transpose(dk.reshape(k, c * m), (1, 0)).reshape(c * m, 1, k)
        entry = dict(
            name=name, layer=cls, batch=b, in_channels=c, length=length, kernel_size=k,
            depth_multiplier=m, strides=s, padding=p, dilation_rate=d, use_bias=use_bias,
            data_format="channels_first",
            input=x.ravel().tolist(), input_shape=list(x.shape),
            output=y.astype(np.float32).ravel().tolist(), output_shape=list(y.shape),
        )
        pl, pr = pads(p, length, k, s, d)
        if cls == "DepthwiseConv1D":
            bias = weights[1] if use_bias else None
            entry.update(kernel=dk.ravel().tolist(), kernel_shape=list(dk.shape),
                         pytorch_weight=pt_dw.ravel().tolist(), pytorch_weight_shape=list(pt_dw.shape),
                         bias=None if bias is None else bias.ravel().tolist())
            torch_like = grouped_conv_nct(x.astype(np.float64), pt_dw.astype(np.float64),
                                          None if bias is None else bias.astype(np.float64), s, d, pl, pr, c)
        else:
            pk = weights[1]  # (1, C*M, F)
            bias = weights[2] if use_bias else None
            pt_pw = np.transpose(pk[0], (1, 0)).reshape(filters, c * m, 1)
            entry.update(filters=filters,
                         depthwise_kernel=dk.ravel().tolist(), depthwise_kernel_shape=list(dk.shape),
                         pointwise_kernel=pk.ravel().tolist(), pointwise_kernel_shape=list(pk.shape),
                         pytorch_depthwise_weight=pt_dw.ravel().tolist(),
                         pytorch_depthwise_weight_shape=list(pt_dw.shape),
                         pytorch_pointwise_weight=pt_pw.ravel().tolist(),
                         pytorch_pointwise_weight_shape=list(pt_pw.shape),
                         bias=None if bias is None else bias.ravel().tolist())
            h = grouped_conv_nct(x.astype(np.float64), pt_dw.astype(np.float64), None, s, d, pl, pr, c)
            torch_like = grouped_conv_nct(h, pt_pw.astype(np.float64),
                                          None if bias is None else bias.astype(np.float64), 1, 1, 0, 0, 1)
        err = rel_err(torch_like, y.astype(np.float64))
        assert err <= TOL, f"{name}: PyTorch-layout numpy reference disagrees with Keras: {err}"
        assert list(torch_like.shape) == list(y.shape)
        cases.append(entry)

    doc = dict(
        generator="tools/gen_depthwise_cf_cases.py",
        versions=dict(tensorflow=tf.__version__, keras=keras.__version__, numpy=np.__version__),
        tolerance=TOL,
        keras_refuses_causal=causal_refusal,
        cases=cases,
    )
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}; Keras refuses causal: {sorted(causal_refusal)}")


if __name__ == "__main__":
    main()
