//! Weights as safetensors: the GunPoint reference model's file, round trips in both layouts,
//! and every error with its message.

use shaped_io::{
    load_conv1d, load_conv1d_without_bias, save_conv1d, WeightError, WeightFile, WeightLayout, WeightWriter,
};
use shaped_layers::{Activation, Conv1D};
use shaped_shapes::{shape, Causal, Dyn, Valid, U};
use shaped_tensor::Tensor;

/// The first Conv1D of `gunpoint_cnn_flatten`: `Conv1D(16, 7, strides=2)` on 1 channel.
type First = Conv1D<f32, U![1], U![16], U![7], U![2]>;
/// The second: `Conv1D(32, 5, padding="causal", dilation_rate=2, activation="relu")` on 16.
type Second = Conv1D<f32, U![16], U![32], U![5], U![1], Causal, U![2]>;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("test data")
}

fn gunpoint() -> WeightFile {
    WeightFile::from_bytes(data("weights.safetensors")).expect("valid file")
}

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn gunpoint_conv_layers_reproduce_keras() {
    let mut file = gunpoint();
    assert_eq!(file.declared_layout(), Some("keras"));
    assert_eq!(file.shape("conv1d.kernel"), Some(&[7, 1, 16][..]));
    let first: First = load_conv1d(&mut file, "conv1d", WeightLayout::Keras).expect("conv1d");
    let second: Second = load_conv1d(&mut file, "conv1d_1", WeightLayout::Keras).expect("conv1d_1");
    let second = second.activation(Activation::Relu);

    let mut outputs = WeightFile::from_bytes(data("layer_outputs.safetensors")).expect("outputs");
    let x = Tensor::<f32, shape![Dyn, 150, 1]>::from_vec(outputs.tensor("inputs", &[2, 150, 1]).expect("x"))
        .expect("tensor");
    let y: Tensor<f32, shape![Dyn, 72, 16]> = first.forward(&x);
    let keras_y: Vec<f32> = outputs.tensor("conv1d", &[2, 72, 16]).expect("y");
    assert!(max_abs_diff(y.as_slice(), &keras_y) < 1e-5);

    let pooled = Tensor::<f32, shape![Dyn, 35, 16]>::from_vec(
        outputs.tensor("max_pooling1d", &[2, 35, 16]).expect("p"),
    )
    .expect("tensor");
    let z: Tensor<f32, shape![Dyn, 35, 32]> = second.forward(&pooled);
    let keras_z: Vec<f32> = outputs.tensor("conv1d_1", &[2, 35, 32]).expect("z");
    assert!(max_abs_diff(z.as_slice(), &keras_z) < 1e-4);

    // The other layers' tensors are reported, not fatal ...
    let report = file.report();
    assert_eq!(report.loaded, ["conv1d.bias", "conv1d.kernel", "conv1d_1.bias", "conv1d_1.kernel"]);
    assert_eq!(report.unused.len(), 8);
    assert!(report.to_string().starts_with("loaded 4 tensors; 8 not used: batch_normalization.beta, "));
    // ... unless strict.
    let err = file.finish_strict().unwrap_err();
    assert!(err
        .to_string()
        .starts_with("8 tensors in the file were not loaded (strict mode): batch_normalization.beta,"));
}

#[test]
fn pytorch_layout_tensor_in_a_keras_slot_is_caught_by_shape() {
    // A PyTorch-layout (16, 1, 7) kernel under the Keras name: same 112 elements, other shape.
    let first: First = load_conv1d(&mut gunpoint(), "conv1d", WeightLayout::Keras).expect("conv1d");
    let mut w = WeightWriter::new();
    w.add("conv1d.kernel", &[16, 1, 7], &first.pytorch_kernel()).expect("add");
    w.add("conv1d.bias", &[16], first.bias().expect("bias")).expect("add");
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    let err =
        load_conv1d::<f32, U![1], U![16], U![7], U![2], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut file,
            "conv1d",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected shape (7, 1, 16) in Keras layout (kernel_size, in_channels/groups, filters), \
         found (16, 1, 7) in the file ((16, 1, 7) is the PyTorch layout shape (filters, in_channels/groups, kernel_size))"
    );
}

/// Catalog row `set_weights_pytorch_layout_ambiguous`: Conv1D(3, 3) on 3 channels, where both
/// layouts are (3, 3, 3). Keras accepts the wrong one silently; here the layout is part of the
/// call, so a PyTorch file read as Keras fails by name (and by the file's layout metadata).
#[test]
fn ambiguous_shapes_are_caught_by_name_and_metadata() {
    type Conv = Conv1D<f64, U![3], U![3], U![3]>;
    let conv = Conv::new(3);
    let mut w = WeightWriter::new();
    save_conv1d(&mut w, "conv", &conv, WeightLayout::PyTorch).expect("save");
    let bytes = w.to_bytes().expect("bytes");

    let mut file = WeightFile::from_bytes(bytes.clone()).expect("file");
    let err =
        load_conv1d::<f64, U![3], U![3], U![3], U![1], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut file,
            "conv",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file declares layout \"pytorch\" in its metadata, but the weights were requested in Keras layout"
    );

    // The same tensors without metadata (e.g. written by another tool): the name tells.
    let mut plain = WeightWriter::new();
    plain.add("conv.weight", &[3, 3, 3], &conv.pytorch_kernel()).expect("add");
    plain.add("conv.bias", &[3], conv.bias().expect("bias")).expect("add");
    let mut file = WeightFile::from_bytes(plain.to_bytes().expect("bytes")).expect("file");
    let err =
        load_conv1d::<f64, U![3], U![3], U![3], U![1], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut file,
            "conv",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing weight conv.kernel; the file has conv.bias, conv.weight \
         (conv.weight is the PyTorch layout name: load with WeightLayout::PyTorch)"
    );
    let loaded: Conv = load_conv1d(&mut file, "conv", WeightLayout::PyTorch).expect("pytorch");
    assert_eq!(loaded.keras_kernel(), conv.keras_kernel());
}

#[test]
fn round_trips_in_both_layouts() {
    type Conv = Conv1D<f32, U![4], U![6], U![3], U![1], Valid, U![1], U![2]>; // groups = 2
    let conv = Conv::new(11);
    for layout in [WeightLayout::Keras, WeightLayout::PyTorch] {
        let mut w = WeightWriter::new();
        save_conv1d(&mut w, "block1.conv", &conv, layout).expect("save");
        let path =
            std::env::temp_dir().join(format!("shaped-io-{}-{layout:?}.safetensors", std::process::id()));
        w.write(&path).expect("write");
        let mut file = WeightFile::read(&path).expect("read");
        let _ = std::fs::remove_file(&path);
        assert_eq!(file.declared_layout(), Some(layout.as_str()));
        let expected_shape = match layout {
            WeightLayout::Keras => [3, 2, 6],
            WeightLayout::PyTorch => [6, 2, 3],
        };
        assert_eq!(file.shape(&format!("block1.conv.{}", layout.kernel_name())), Some(&expected_shape[..]));
        let back: Conv = load_conv1d(&mut file, "block1.conv", layout).expect("load");
        assert_eq!(back.keras_kernel(), conv.keras_kernel());
        assert_eq!(back.bias(), conv.bias());
        assert!(file.finish_strict().expect("all used").unused.is_empty());
    }
}

#[test]
fn without_bias() {
    type Conv = Conv1D<f32, U![2], U![4], U![3]>;
    let conv = Conv::new(5).use_bias(false);
    let mut w = WeightWriter::new();
    save_conv1d(&mut w, "c", &conv, WeightLayout::Keras).expect("save");
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    assert_eq!(file.len(), 1);
    // A layer with a bias needs one.
    let err =
        load_conv1d::<f32, U![2], U![4], U![3], U![1], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut file,
            "c",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.to_string(), "missing weight c.bias; the file has c.kernel");
    let back: Conv = load_conv1d_without_bias(&mut file, "c", WeightLayout::Keras).expect("load");
    assert_eq!(back.bias(), None);
    assert_eq!(back.keras_kernel(), conv.keras_kernel());
}

#[test]
fn wrong_bias_shape() {
    // Keras set_weights_wrong_bias: Conv1D(32, 3) with a (16,) bias.
    let mut w = WeightWriter::new();
    w.add("conv1d.kernel", &[3, 1, 32], &[0.0f32; 96]).expect("add");
    w.add("conv1d.bias", &[16], &[0.0f32; 16]).expect("add");
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    let err =
        load_conv1d::<f32, U![1], U![32], U![3], U![1], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut file,
            "conv1d",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.to_string(), "weight conv1d.bias: expected shape (32,), found (16,) in the file");
}

#[test]
fn groups_full_kernel_is_rejected() {
    // Keras set_weights_groups_full_kernel: Conv1D(4, 3, groups=2) on 4 channels needs (3, 2, 4).
    let mut w = WeightWriter::new();
    w.add("conv1d.kernel", &[3, 4, 4], &[0.0f32; 48]).expect("add");
    w.add("conv1d.bias", &[4], &[0.0f32; 4]).expect("add");
    let mut file = WeightFile::from_bytes(w.to_bytes().expect("bytes")).expect("file");
    let err =
        load_conv1d::<f32, U![4], U![4], U![3], U![1], Valid, U![1], U![2], shaped_shapes::ChannelsLast>(
            &mut file,
            "conv1d",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected shape (3, 2, 4) in Keras layout (kernel_size, in_channels/groups, filters), \
         found (3, 4, 4) in the file"
    );
}

#[test]
fn wrong_dtype_is_named() {
    // The GunPoint file is float32; a float64 layer does not take it silently.
    let err =
        load_conv1d::<f64, U![1], U![16], U![7], U![2], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut gunpoint(),
            "conv1d",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected dtype F64 (float64), found F32 (float32) (convert the file; nothing is cast silently)"
    );
    // Other dtypes are named too (int64 labels in a safetensors file).
    let bytes = safetensors::serialize(
        [(
            "labels",
            safetensors::tensor::TensorView::new(safetensors::Dtype::I64, vec![2], &[0u8; 16]).expect("view"),
        )],
        None,
    )
    .expect("bytes");
    let err = WeightFile::from_bytes(bytes).expect("file").tensor::<f32>("labels", &[2]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight labels: expected dtype F32 (float32), found I64 (int64) (convert the file; nothing is cast silently)"
    );
}

#[test]
fn missing_layer_lists_what_the_file_has() {
    let err =
        load_conv1d::<f32, U![1], U![16], U![7], U![2], Valid, U![1], U![1], shaped_shapes::ChannelsLast>(
            &mut gunpoint(),
            "conv1d_7",
            WeightLayout::Keras,
        )
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing weight conv1d_7.kernel; the closest of the file's 12 tensors: conv1d_1.kernel, conv1d.kernel, \
         dense_1.kernel"
    );
    assert!(matches!(err, WeightError::Missing { .. }));
}

#[test]
fn truncated_and_hostile_files() {
    let good = data("weights.safetensors");
    // Too short for the header length.
    assert_eq!(
        WeightFile::from_bytes(good[..5].to_vec()).unwrap_err().to_string(),
        "not a safetensors file: 5 bytes, expected at least the 8-byte header length"
    );
    // Cut inside the header.
    assert_eq!(
        WeightFile::from_bytes(good[..100].to_vec()).unwrap_err().to_string(),
        "truncated or corrupt safetensors file: the header claims 1056 bytes, but only 92 bytes follow the 8-byte length"
    );
    // Cut inside the data.
    assert_eq!(
        WeightFile::from_bytes(good[..good.len() - 10].to_vec()).unwrap_err().to_string(),
        "invalid safetensors file: the tensors' data does not end where the file ends (truncated file or trailing bytes)"
    );
    // A header claiming u64::MAX bytes.
    let mut hostile = u64::MAX.to_le_bytes().to_vec();
    hostile.extend_from_slice(b"{}");
    assert_eq!(
        WeightFile::from_bytes(hostile).unwrap_err().to_string(),
        "truncated or corrupt safetensors file: the header claims 18446744073709551615 bytes, but only 2 bytes follow the 8-byte length"
    );
    // A header claiming a huge tensor: shape and offsets far beyond the buffer.
    let header = br#"{"w":{"dtype":"F32","shape":[1000000000000],"data_offsets":[0,4000000000000]}}"#;
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend_from_slice(header);
    file.extend_from_slice(&[0; 16]);
    assert_eq!(
        WeightFile::from_bytes(file).unwrap_err().to_string(),
        "invalid safetensors file: the tensors' data does not end where the file ends (truncated file or trailing bytes)"
    );
    // A shape whose byte size overflows.
    let header = br#"{"w":{"dtype":"F64","shape":[4294967296,4294967296,16],"data_offsets":[0,0]}}"#;
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend_from_slice(header);
    assert_eq!(
        WeightFile::from_bytes(file).unwrap_err().to_string(),
        "invalid safetensors file: a tensor's shape overflows its byte size"
    );
    // Offsets that do not match the shape.
    let header = br#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#;
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend_from_slice(header);
    file.extend_from_slice(&[0; 8]);
    assert_eq!(
        WeightFile::from_bytes(file).unwrap_err().to_string(),
        "invalid safetensors file: a tensor's data_offsets do not span its shape times its dtype size"
    );
    // Not JSON.
    let mut file = 4u64.to_le_bytes().to_vec();
    file.extend_from_slice(b"nope");
    assert_eq!(
        WeightFile::from_bytes(file).unwrap_err().to_string(),
        "invalid safetensors file: the header is not safetensors JSON (`{\"name\": {\"dtype\", \"shape\", \"data_offsets\"}, ...}`)"
    );
    // A missing path.
    let err = WeightFile::read("/nonexistent/w.safetensors").unwrap_err();
    assert!(err.to_string().starts_with("cannot access /nonexistent/w.safetensors: "), "{err}");
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// `PROPTEST_CASES` if set, else `default` (bounded so that the test runs in seconds).
    fn cases(default: u32) -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    fn exercise(bytes: Vec<u8>) {
        if let Ok(mut file) = WeightFile::from_bytes(bytes) {
            let names: Vec<String> = file.names().map(str::to_string).collect();
            for name in names {
                let shape = file.shape(&name).map(<[usize]>::to_vec).unwrap_or_default();
                let _ = file.tensor::<f32>(&name, &shape);
                let _ = file.tensor::<f64>(&name, &shape);
            }
            let _ = load_conv1d::<
                f32,
                U![1],
                U![16],
                U![7],
                U![2],
                Valid,
                U![1],
                U![1],
                shaped_shapes::ChannelsLast,
            >(&mut file, "conv1d", WeightLayout::Keras);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(500), ..ProptestConfig::default() })]

        /// Random byte edits of the real file (header and data) never panic.
        #[test]
        fn edited_files_never_panic(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0usize..3), 1..8)
        ) {
            let mut bytes = data("weights.safetensors");
            // Concentrate edits on the length prefix and the header, where the structure is.
            for (at, byte, op) in edits {
                let i = at.index(1064.min(bytes.len()) + 1);
                match op {
                    0 => if let Some(b) = bytes.get_mut(i) { *b = byte },
                    1 => bytes.truncate(at.index(bytes.len() + 1)),
                    _ => { bytes.insert(i, byte); }
                }
            }
            exercise(bytes);
        }

        /// Random bytes behind a plausible header length never panic.
        #[test]
        fn random_files_never_panic(len in 0u64..64, body in proptest::collection::vec(any::<u8>(), 0..96)) {
            let mut bytes = len.to_le_bytes().to_vec();
            bytes.extend_from_slice(&body);
            exercise(bytes);
        }
    }
}
