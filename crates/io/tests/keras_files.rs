//! Real Keras files (written by `tools/export_keras_files.py` with Keras 3.15.1): every tensor
//! read from `model.keras` and `model.h5` equals the one in `weights.safetensors` bit for bit,
//! under the same names.
#![cfg(feature = "keras")]

use shaped_io::{WeightFile, WeightFormat};

const MODELS: [&str; 3] = ["gunpoint_cnn_flatten", "gunpoint_fcn", "japanese_vowels_fcn"];

fn model_file(model: &str, file: &str) -> String {
    format!("{}/../../data/models/{model}/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Every tensor of `a` and `b` as (name, dtype, shape, f32 bits).
fn contents(file: &mut WeightFile) -> Vec<(String, String, Vec<usize>, Vec<u32>)> {
    let names: Vec<String> = file.names().map(str::to_string).collect();
    names
        .into_iter()
        .map(|name| {
            let shape = file.shape(&name).expect("shape").to_vec();
            let dtype = file.dtype(&name).expect("dtype");
            let values: Vec<f32> = file.tensor(&name, &shape).expect("f32 tensor");
            (name, dtype, shape, values.iter().map(|v| v.to_bits()).collect())
        })
        .collect()
}

#[test]
fn keras_archives_and_h5_files_equal_the_safetensors_weights() {
    for model in MODELS {
        let mut reference = WeightFile::read(model_file(model, "weights.safetensors")).expect("safetensors");
        assert_eq!(reference.format(), WeightFormat::Safetensors);
        let want = contents(&mut reference);
        assert!(want.len() >= 8, "{model}: {} tensors", want.len());
        for (file, format) in
            [("model.keras", WeightFormat::KerasArchive), ("model.h5", WeightFormat::KerasH5)]
        {
            let mut keras =
                WeightFile::read(model_file(model, file)).unwrap_or_else(|e| panic!("{model}/{file}: {e}"));
            assert_eq!(keras.format(), format);
            assert_eq!(keras.declared_layout(), Some("keras"));
            let got = contents(&mut keras);
            let names = |c: &[(String, String, Vec<usize>, Vec<u32>)]| {
                c.iter().map(|t| t.0.clone()).collect::<Vec<_>>()
            };
            assert_eq!(names(&got), names(&want), "{model}/{file}: names");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g, w, "{model}/{file}: tensor {}", w.0);
            }
            assert!(keras.finish_strict().is_ok());
            assert!(keras.skipped().is_empty(), "{model}/{file}: {:?}", keras.skipped());
            let config = keras.keras_config().expect("config");
            assert_eq!(config["class_name"], "Sequential", "{model}/{file}");
            assert_eq!(config["config"]["name"], model, "{model}/{file}");
        }
    }
}

fn test_data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("test data")
}

/// A model trained one step (optimizer state in the files, int64 counter included) with a
/// float16 Dense layer, from `tools/gen_io_test_files.py`.
#[test]
fn trained_model_with_optimizer_state_and_float16() {
    use shaped_io::{load_batch_norm, load_conv1d_without_bias, load_dense, WeightLayout};
    use shaped_layers::{BatchNormalization, Conv1D, Dense};
    use shaped_shapes::U;

    let mut reference =
        WeightFile::from_bytes(test_data("tiny_trained_weights.safetensors")).expect("reference");
    assert_eq!(reference.dtype("fc.kernel").as_deref(), Some("F16"));
    let want = contents(&mut reference);
    for (file, format) in
        [("tiny_trained.keras", WeightFormat::KerasArchive), ("tiny_trained.h5", WeightFormat::KerasH5)]
    {
        let bytes = test_data(file);
        let mut keras = WeightFile::from_bytes(bytes.clone()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(keras.format(), format);
        // Layer names (conv, bn, fc), not the archive's class-based keys (conv1d, ...).
        assert_eq!(
            keras.names().collect::<Vec<_>>(),
            ["bn.gamma", "bn.moving_mean", "bn.moving_variance", "conv.kernel", "fc.bias", "fc.kernel"]
        );
        assert_eq!(keras.dtype("fc.kernel").as_deref(), Some("F16"), "{file}");
        assert_eq!(contents(&mut keras), want, "{file}");
        // The optimizer's variables are read (the iteration counter is int64) and set aside.
        let skipped = keras.skipped().join("; ");
        match format {
            WeightFormat::KerasArchive => {
                assert_eq!(keras.skipped().len(), 10, "{skipped}");
                assert!(
                    skipped.starts_with("optimizer/vars/0 (I64, shape ()); optimizer/vars/1 (F32, shape ())"),
                    "{skipped}"
                );
                assert!(skipped.contains("optimizer/vars/6 (F16, shape (2, 2))"), "{skipped}");
            }
            _ => assert_eq!(skipped, "optimizer_weights (the optimizer's state)"),
        }

        let mut keras = WeightFile::from_bytes(bytes).expect("again");
        let k = WeightLayout::Keras;
        let conv: Conv1D<f32, U![1], U![2], U![3]> =
            load_conv1d_without_bias(&mut keras, "conv", k).expect("conv");
        let bn: BatchNormalization<f32, U![2]> = load_batch_norm(&mut keras, "bn", k, 1e-3).expect("bn");
        let fc: Dense<f32, U![2], U![2]> = load_dense(&mut keras, "fc", k).expect("fc");
        assert_eq!(keras.finish_strict().expect("strict").loaded.len(), 6);
        assert_eq!(conv.keras_kernel().len(), 6);
        assert_eq!(bn.beta(), None);
        // float16 values arrive exactly: the f32 of each half-precision value.
        let halves: Vec<f32> = reference.tensor("fc.kernel", &[2, 2]).expect("f16");
        assert_eq!(fc.keras_kernel(), halves.as_slice());
        assert!(halves.iter().all(|v| v.to_bits() & 0x1FFF == 0), "an f16 value has 10 mantissa bits");
    }
}

#[test]
fn keras_3_config_is_returned() {
    let file = WeightFile::from_bytes(test_data("tiny_trained.keras")).expect("keras");
    let config = file.keras_config().expect("config");
    assert_eq!(config["config"]["layers"][4]["class_name"], "Dense");
    assert_eq!(config["config"]["layers"][4]["config"]["dtype"]["config"]["name"], "float16");
    assert!(config.get("compile_config").is_some());
    let h5 = WeightFile::from_bytes(test_data("tiny_trained.h5")).expect("h5");
    assert_eq!(h5.keras_config().expect("config")["config"]["layers"][1]["config"]["name"], "conv");
}

/// Reads the entries of a stored (uncompressed) zip archive, as Keras writes `.keras` files.
fn stored_entry(zip: &[u8], name: &str) -> Vec<u8> {
    let mut at = 0;
    while zip[at..].starts_with(b"PK\x03\x04") {
        let u16_at = |i: usize| usize::from(u16::from_le_bytes([zip[at + i], zip[at + i + 1]]));
        let u32_at = |i: usize| u32::from_le_bytes(zip[at + i..at + i + 4].try_into().unwrap()) as usize;
        let (size, name_len, extra) = (u32_at(18), u16_at(26), u16_at(28));
        let data = at + 30 + name_len + extra;
        if &zip[at + 30..at + 30 + name_len] == name.as_bytes() {
            return zip[data..data + size].to_vec();
        }
        at = data + size;
    }
    panic!("{name} not in the archive");
}

#[test]
fn bare_keras_3_weights_need_their_config() {
    let archive = test_data("tiny_trained.keras");
    let h5 = stored_entry(&archive, "model.weights.h5");
    let config = String::from_utf8(stored_entry(&archive, "config.json")).expect("utf-8");
    let err = WeightFile::from_bytes(h5.clone()).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "invalid Keras file: a Keras 3 model.weights.h5 (variables by index under layers/<name>/vars): their \
             names are in the model's config.json: read the .keras archive, or call \
             WeightFile::from_keras_weights_h5(h5_bytes, config_json)"
        ),
        "{err}"
    );
    let file = WeightFile::from_keras_weights_h5(&h5, &config).expect("with config");
    assert_eq!(file.len(), 6);
    // A config whose layers do not match the variables is an error naming both.
    let no_bias = config.replace("\"use_bias\": true", "\"use_bias\": false");
    assert_ne!(no_bias, config);
    let err = WeightFile::from_keras_weights_h5(&h5, &no_bias).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid Keras file: layer fc (Dense) has variables [0, 1] under layers/dense/vars in model.weights.h5, \
         its config gives 1 (kernel)"
    );
}

#[test]
fn formats_are_told_apart_with_hints() {
    let keras = test_data("tiny_trained.keras");
    let err = WeightFile::from_safetensors_bytes(keras.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a safetensors file: a zip archive (it starts with PK\\x03\\x04), as a Keras 3 .keras file is; read it \
         with WeightFile::from_bytes or WeightFile::read, which detect .keras, .h5 and safetensors"
    );
    let err = WeightFile::from_safetensors_bytes(test_data("tiny_trained.h5")).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("not a safetensors file: an HDF5 file (it starts with \\x89HDF\\r\\n\\x1a\\n)"));
    let path = model_file("gunpoint_fcn", "model.keras");
    assert!(WeightFile::read_safetensors(&path).is_err());
    assert_eq!(WeightFile::read(&path).expect("detected").format(), WeightFormat::KerasArchive);
    // A zip that is not a Keras archive.
    let mut other = keras[..30].to_vec();
    other.truncate(4);
    let err = WeightFile::from_bytes(other).unwrap_err();
    assert!(err.to_string().starts_with("invalid .keras archive (zip): "), "{err}");
    // A truncated HDF5 file.
    let h5 = test_data("tiny_trained.h5");
    let err = WeightFile::from_bytes(h5[..2000].to_vec()).unwrap_err();
    assert!(err.to_string().starts_with("invalid or unsupported HDF5 file at byte "), "{err}");
    // Unknown bytes: the first ones are shown.
    let err = WeightFile::from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).unwrap_err();
    assert!(err.to_string().starts_with("not a weight file: its 16 bytes start with 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52 (b\"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR\")"), "{err}");
}

#[test]
fn missing_keras_variables_suggest_the_closest_names() {
    use shaped_io::{load_dense, WeightLayout};
    use shaped_shapes::U;
    let mut file = WeightFile::read(model_file("gunpoint_cnn_flatten", "model.h5")).expect("h5");
    let err =
        load_dense::<f32, U![32], U![2]>(&mut file, "dense_2", WeightLayout::Keras).map(|_| ()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing weight dense_2.kernel; the closest of the file's 12 tensors: dense_1.kernel, dense.kernel, \
         conv1d.kernel"
    );
    assert!(file.report().loaded.is_empty());
}

/// A PyTorch `state_dict` in PyTorch's own names, dtypes and layouts (written by
/// `tools/gen_io_test_files.py` as `safetensors.torch.save_file` writes it), loaded strictly,
/// and its output against numpy's.
#[test]
fn pytorch_state_dict_loads_strictly() {
    use shaped_io::{load_batch_norm, load_conv1d, load_dense, WeightLayout};
    use shaped_layers::{BatchNormalization, Conv1D, Dense, Layer};
    use shaped_shapes::{shape, Dyn, U};
    use shaped_tensor::Tensor;

    let mut file = WeightFile::from_bytes(test_data("pytorch_state_dict.safetensors")).expect("state_dict");
    assert_eq!(file.metadata().get("format").map(String::as_str), Some("pt"));
    assert_eq!(file.dtype("bn.num_batches_tracked").as_deref(), Some("I64"));
    assert_eq!(file.shape("bn.num_batches_tracked"), Some(&[][..]));
    let p = WeightLayout::PyTorch;
    let conv: Conv1D<f32, U![2], U![3], U![3]> = load_conv1d(&mut file, "conv", p).expect("conv");
    let bn: BatchNormalization<f32, U![3]> = load_batch_norm(&mut file, "bn", p, 1e-5).expect("bn");
    let fc: Dense<f32, U![3], U![2]> = load_dense(&mut file, "fc", p).expect("fc");
    let report = file.finish_strict().expect("every tensor of the state_dict is known");
    assert_eq!(report.loaded.len(), 9);
    assert!(report.loaded.contains(&"bn.num_batches_tracked".to_string()));
    assert_eq!(file.tensor_i64("bn.num_batches_tracked", &[]).expect("counter"), [1234]);

    let mut reference =
        WeightFile::from_bytes(test_data("pytorch_reference.safetensors")).expect("reference");
    let x: Vec<f32> = reference.tensor("x", &[2, 2, 6]).expect("x"); // (batch, channels, length)
    let want: Vec<f32> = reference.tensor("y", &[2, 2]).expect("y");
    // To channels-last (batch, length, channels), as the layers here take it.
    let mut last = vec![0.0f32; 24];
    for n in 0..2 {
        for c in 0..2 {
            for t in 0..6 {
                last[n * 12 + t * 2 + c] = x[n * 12 + c * 6 + t];
            }
        }
    }
    let x = Tensor::<f32, shape![Dyn, 6, 2]>::from_vec(last).expect("x");
    let y: Tensor<f32, shape![Dyn, 4, 3]> = bn.forward(&conv.forward(&x));
    let mut pooled = vec![0.0f32; 6];
    for (i, v) in y.as_slice().iter().enumerate() {
        pooled[(i / 12) * 3 + i % 3] += v.max(0.0) / 4.0;
    }
    let pooled = Tensor::<f32, shape![Dyn, 3]>::from_vec(pooled).expect("pooled");
    let got = fc.forward(&pooled);
    for (g, w) in got.as_slice().iter().zip(&want) {
        assert!((g - w).abs() <= 1e-5 * (1.0 + w.abs()), "{g} vs numpy {w}");
    }
    assert_eq!(got.as_slice().len(), 4);
}

#[test]
fn a_missing_batch_norm_counter_is_fine_and_a_float_one_is_not() {
    use shaped_io::{load_batch_norm, WeightLayout, WeightWriter};
    use shaped_layers::BatchNormalization;
    use shaped_shapes::U;
    let mut w = WeightWriter::new();
    for name in ["weight", "bias", "running_mean", "running_var"] {
        w.add(&format!("bn.{name}"), &[2], &[1.0f32, 2.0]).expect("add");
    }
    w.add("bn.num_batches_tracked", &[], &[3.0f32]).expect("add");
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    let err =
        load_batch_norm::<f32, U![2]>(&mut file, "bn", WeightLayout::PyTorch, 1e-5).map(|_| ()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight bn.num_batches_tracked: expected dtype an integer (I64 (int64), I32 (int32) ...), found F32 \
         (float32) (convert the file; nothing is cast silently)"
    );
    assert!(file.report().loaded.is_empty());
    // In Keras layout the PyTorch names are not found (and the counter is not looked at).
    let err =
        load_batch_norm::<f32, U![2]>(&mut file, "bn", WeightLayout::Keras, 1e-3).map(|_| ()).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("missing weight bn.moving_mean; the closest of the file's 5 tensors: "));
    // Without the counter, PyTorch layout loads (a state_dict from track_running_stats=False).
    let mut w = WeightWriter::new();
    for name in ["weight", "bias", "running_mean", "running_var"] {
        w.add(&format!("bn.{name}"), &[2], &[1.0f32, 2.0]).expect("add");
    }
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    let _: BatchNormalization<f32, U![2]> =
        load_batch_norm(&mut file, "bn", WeightLayout::PyTorch, 1e-5).expect("bn");
    assert!(file.finish_strict().is_ok());
}

/// HDF5 features beyond what Keras 3 writes (h5py, `tools/gen_io_test_files.py`), in the
/// tf.keras 2 `save_weights` layout: fixed-length `weight_names` with `:0` suffixes, chunks
/// with partial edge chunks, a compact dataset, big-endian float64, float16, int64, a scalar;
/// superblock 0 with symbol tables and superblock 3 with v2 object headers and link messages.
#[test]
fn h5py_files_of_both_library_versions() {
    for name in ["h5py_earliest.h5", "h5py_latest.h5"] {
        let mut file = WeightFile::from_bytes(test_data(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(file.format(), WeightFormat::KerasH5);
        assert_eq!(
            file.names().collect::<Vec<_>>(),
            ["conv.bias", "conv.kernel", "misc.compact", "misc.half", "misc.scale", "misc.steps"],
            "{name}"
        );
        let kernel: Vec<f32> = file.tensor("conv.kernel", &[5, 3, 4]).expect("kernel");
        assert_eq!(kernel, (0..60).map(|i| i as f32 / 8.0).collect::<Vec<_>>(), "{name}");
        let bias: Vec<f64> = file.tensor("conv.bias", &[4]).expect("big-endian float64");
        assert_eq!(bias, [-1.5, -0.5, 0.5, 1.5]);
        let half: Vec<f64> = file.tensor("misc.half", &[4]).expect("float16");
        assert_eq!(half, [1.0, -2.5, 65504.0, 2f64.powi(-24)]);
        assert_eq!(file.dtype("misc.half").as_deref(), Some("F16"));
        assert_eq!(file.tensor_i64("misc.steps", &[2]).expect("int64"), [-3, 1 << 40]);
        assert_eq!(file.tensor_i64("misc.compact", &[3]).expect("compact int32"), [7, 8, 9]);
        let scale: Vec<f32> = file.tensor("misc.scale", &[]).expect("scalar");
        assert_eq!(scale, [0.25]);
        assert!(file.finish_strict().is_ok());
        assert_eq!(
            file.keras_config(),
            Some(&serde_json::Value::Null),
            "no model_config: a weights-only file"
        );
    }
}

/// Keras writes stored entries; an archive re-zipped with deflate (by `zip -r`, a file manager
/// ...) reads the same.
#[test]
fn deflated_archives_read_the_same() {
    use std::io::{Read, Write};
    let stored = test_data("tiny_trained.keras");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&stored[..])).expect("archive");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("utf-8 name").to_string();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).expect("read");
        writer.start_file(name, options).expect("start");
        writer.write_all(&body).expect("write");
    }
    let deflated = writer.finish().expect("finish").into_inner();
    assert!(deflated.len() < stored.len(), "{} vs {}", deflated.len(), stored.len());
    let mut a = WeightFile::from_bytes(stored).expect("stored");
    let mut b = WeightFile::from_bytes(deflated.clone()).expect("deflated");
    assert_eq!(contents(&mut a), contents(&mut b));
    // A corrupted deflate stream is an error, not garbage.
    let mut broken = deflated;
    let middle = broken.len() / 2;
    broken[middle] ^= 0x55;
    assert!(WeightFile::from_bytes(broken).is_err());
}
