#!/usr/bin/env python3
"""Keras's inference time for bundled models, for `cargo bench --bench models`, which runs this
script in the same run as its own measurements so that the ratio it prints compares figures of
one machine and one moment.

    python3 tools/keras_model_timing.py --threads 1 --runs 15 data/models/gunpoint_fcn ...

For each model folder: `model.keras` loaded with `keras.models.load_model(compile=False)`, the
whole `test_inputs.safetensors` ("inputs") as one batch through `tf.function(model(x,
training=False))`, 3 warm-up calls, then the median of `--runs` timed calls (each including
the copy of the result to numpy). `--threads 0` leaves TensorFlow's default thread pools;
`--threads n` sets both the intra-op and the inter-op pools to n (set before TensorFlow runs
anything, which is why the bench starts one process per setting). One JSON object per line:
{"model": folder name, "threads": n, "cases": batch, "median_ms": ...}.

Requires tensorflow-cpu 2.21.0, keras 3.15.1, safetensors, numpy.
"""
import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()

    import tensorflow as tf
    if args.threads > 0:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    import keras
    from safetensors.numpy import load_file

    for folder in args.models:
        model = keras.models.load_model(os.path.join(folder, "model.keras"), compile=False)
        x = tf.constant(load_file(os.path.join(folder, "test_inputs.safetensors"))["inputs"])
        f = tf.function(lambda t: model(t, training=False))
        for _ in range(3):
            f(x).numpy()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            f(x).numpy()
            times.append((time.perf_counter() - start) * 1e3)
        print(json.dumps({"model": os.path.basename(os.path.normpath(folder)), "threads": args.threads,
                          "cases": int(x.shape[0]), "median_ms": statistics.median(times)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
