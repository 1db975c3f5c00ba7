//! The seed article's Example 1: a Conv1D that expects `(20, 1)` fed `(100, 20)` data.
//!
//! Keras 3 silently adds the missing channel axis (the article says it raises). In `shaped` the
//! broken call does not compile ("Conv1D expects a 3-D input (batch, steps, channels)"); the fix
//! is to add the channel axis, as here.
//!
//! ```text
//! cargo run --release --example seed_example1_channel_axis
//! ```

use shaped::prelude::*;

fn main() {
    // input_data = tf.random.normal((100, 20))
    let input_data = Tensor::<f32, shape![100, 20]>::from_fn(|i| pseudo_normal(i[0] * 20 + i[1]));

    // model = Sequential([Conv1D(filters=32, kernel_size=3, activation="relu", input_shape=(20, 1))])
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(42).activation(Activation::Relu);

    // model.predict(input_data) would not compile: the input has no channel axis.
    // The fix: input_data_correct = tf.reshape(input_data, (100, 20, 1))
    let input_data_correct: Tensor<f32, shape![100, 20, 1]> = input_data.add_channel_axis();
    let y = conv.forward(&input_data_correct);

    println!("input  {input_data_correct}");
    println!("layer  {conv:?}");
    println!("output {y}");
    println!("first output step of sample 0: {:?}", &y.sample_slice(0).unwrap_or(&[])[..8]);
}

/// A deterministic stand-in for `tf.random.normal`: sum of uniforms (Irwin-Hall), centred.
fn pseudo_normal(i: usize) -> f32 {
    let mut s = 0.0f32;
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    for _ in 0..12 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s += (x >> 40) as f32 / (1u64 << 24) as f32;
    }
    s - 6.0
}
