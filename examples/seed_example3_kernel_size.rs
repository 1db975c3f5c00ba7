//! The seed article's Example 3: `kernel_size=15` on sequences of length 10.
//!
//! Keras raises a `ValueError` when the model is built. In `shaped` the broken layer does not
//! compile ("Conv1D kernel_size does not fit the sequence length with padding='valid'"); the
//! fix is a kernel that fits, as here, or `padding="same"`.
//!
//! ```text
//! cargo run --release --example seed_example3_kernel_size
//! ```

use shaped::prelude::*;

fn main() {
    // input_data = tf.random.normal((100, 10, 1))
    let input_data =
        Tensor::<f32, shape![100, 10, 1]>::from_fn(|i| ((i[0] * 7 + i[1] * 3) % 11) as f32 / 5.0 - 1.0);

    // The fix: Conv1D(filters=32, kernel_size=5, activation="relu", input_shape=(10, 1))
    let model_correct: Conv1D<f32, U![1], U![32], U![5]> = Conv1D::new(7).activation(Activation::Relu);
    let y: Tensor<f32, shape![100, 6, 32]> = model_correct.forward(&input_data);
    println!("valid, kernel 5:  {y}");

    // Also well defined: keep kernel_size=15 and pad, as Keras's padding="same" does.
    let same: Conv1D<f32, U![1], U![32], U![15], U![1], Same> = Conv1D::new(7).activation(Activation::Relu);
    let z: Tensor<f32, shape![100, 10, 32]> = same.forward(&input_data);
    println!("same, kernel 15:  {z}");
}
