//! A Keras model written by hand with `shaped`'s layers, its Keras weights loaded by layer name,
//! and predictions in batches: the porting guide's example (`shaped::porting`), through
//! `shaped::` paths only, as in a crate that depends on `shaped`.
//!
//! The Keras model (GunPoint, `data/models/gunpoint_cnn_flatten`):
//!
//! ```python
//! model = keras.Sequential([
//!     keras.Input((150, 1)),
//!     layers.Conv1D(16, 7, strides=2), layers.BatchNormalization(), layers.Activation("relu"),
//!     layers.MaxPooling1D(3, strides=2),
//!     layers.Conv1D(32, 5, padding="causal", dilation_rate=2, activation="relu"),
//!     layers.AveragePooling1D(2), layers.Flatten(), layers.Dropout(0.25),
//!     layers.Dense(32, activation="relu"), layers.Dense(2, activation="softmax"),
//! ])
//! model.save_weights(...)  # exported as weights.safetensors, names `<layer>.<variable>`
//! ```
//!
//! `cargo run --release --example keras_by_hand`

use std::path::Path;

use shaped::layers::pool::{AveragePooling1D, MaxPooling1D};
use shaped::layers::reshaping::Flatten;
use shaped::prelude::*;

/// The model's input: any number of GunPoint series, 150 steps of 1 channel.
type Input = Tensor<f32, shape![Dyn, 150, 1]>;

fn main() -> Result<(), shaped::io::Error> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models/gunpoint_cnn_flatten");

    // 1. The layers, with Keras's names and arguments as types. Each variable is checked
    //    against the layer's shape (in Keras's layout) as it loads.
    let mut weights = WeightFile::read(dir.join("weights.safetensors"))?; // or model.keras / .h5
    let keras = WeightLayout::Keras;
    // Conv1D(16, 7, strides=2) on 1 channel
    let conv1d: Conv1D<f32, U![1], U![16], U![7], U![2]> = load_conv1d(&mut weights, "conv1d", keras)?;
    let batch_normalization = load_batch_norm(&mut weights, "batch_normalization", keras, 1e-3)?;
    // Conv1D(32, 5, padding="causal", dilation_rate=2, activation="relu")
    let conv1d_1: Conv1D<f32, U![16], U![32], U![5], U![1], Causal, U![2]> =
        load_conv1d(&mut weights, "conv1d_1", keras)?;
    // Dense(32, activation="relu") on the 544 features Flatten gives (17 steps x 32 channels:
    // another number here is a compile error at the model below)
    let dense: Dense<f32, U![544], U![32]> = load_dense(&mut weights, "dense", keras)?;
    let dense_1: Dense<f32, U![32], U![2]> = load_dense(&mut weights, "dense_1", keras)?;
    let model = Sequential::<Input, _>::new((
        conv1d,
        batch_normalization,
        Activation::Relu,
        MaxPooling1D::<U![3], U![2]>::new(),
        conv1d_1.activation(Activation::Relu),
        AveragePooling1D::<U![2]>::new(),
        Flatten::new(),
        dropout!(0.25), // the identity at inference, as in Keras's predict
        dense.activation(Activation::Relu),
        dense_1.activation(Activation::Softmax),
    ));
    let report = weights.finish_strict()?; // every tensor of the file was used
    println!("{}\n{} tensors loaded\n", model.summary(), report.loaded.len());

    // 2. The test set Keras was evaluated on, checked against the input type on the way in.
    let mut data = WeightFile::read(dir.join("test_inputs.safetensors"))?;
    let x = Input::from_vec(data.tensor::<f32>("inputs", &[150, 150, 1])?)?;
    let labels: Vec<usize> = data
        .tensor_i64("labels", &[150])?
        .into_iter()
        .map(|l| usize::try_from(l).unwrap_or(usize::MAX))
        .collect();

    // 3. model.predict(x, batch_size=32), np.argmax(p, axis=-1), the accuracy.
    let p: Tensor<f32, shape![Dyn, 2]> = x.map_batches(32, |batch| model.forward(batch))?;
    let classes = p.argmax();
    println!("first predictions {:?} (labels {:?})", &classes[..10], &labels[..10]);
    println!("test accuracy {:.4} (Keras 0.9667)", p.accuracy(&labels)?);
    Ok(())
}
