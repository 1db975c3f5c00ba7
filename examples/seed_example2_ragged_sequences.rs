//! The seed article's Example 2: sequences of 20, 25 and 15 steps stacked into one batch.
//!
//! numpy refuses to stack them (a `ValueError` before Keras is reached); the article's fix,
//! `pad_sequences(data, maxlen=25, padding="post")`, then silently turns the float data into
//! zeros, because Keras's `pad_sequences` defaults to `dtype="int32"`. Here the ragged batch is
//! a `Result` error that names the first offending sequence, and `pad_sequences` keeps `f32`
//! and reports what it padded or cut.
//!
//! ```text
//! cargo run --release --example seed_example2_ragged_sequences
//! ```

use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // data = [np.random.rand(20, 1), np.random.rand(25, 1), np.random.rand(15, 1)]
    let data: Vec<Vec<[f32; 1]>> = [20usize, 25, 15]
        .iter()
        .enumerate()
        .map(|(i, &n)| (0..n).map(|t| [((i * 31 + t * 7) % 17) as f32 / 17.0]).collect())
        .collect();

    // np.array(data) -> ValueError; here: an error naming the first ragged sequence.
    match Tensor::<f32, shape![Dyn, 20, 1]>::from_nested(&data) {
        Ok(_) => unreachable!("the sequences have different lengths"),
        Err(e) => println!("stacking the raw sequences: {e}"),
    }

    // padded_data = pad_sequences(data, maxlen=25, padding='post')  (but keeping float32)
    let options = PadOptions::new().padding(Side::Post);
    let (padded, report) = pad_sequences_multi::<f32, U![25], U![1], _, _>(&data, &options)?;
    println!("pad_sequences: {report}");
    println!("padded batch: {padded}");
    println!("sequence 0, steps 18..22: {:?} (values kept, zeros after step 20)", &padded.as_slice()[18..22]);

    // model_padded = Sequential([Conv1D(32, 3, activation='relu', input_shape=(25, 1))])
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
    let y: Tensor<f32, shape![Dyn, 23, 32]> = conv.forward(&padded);
    println!("Conv1D(32, 3, relu) output: {y}");
    Ok(())
}
