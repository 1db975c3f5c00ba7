// Held-out mistake: Conv1D(16, 3, data_format='channels_first') then Dense(4); Keras's Dense silently acts on the time axis (the last axis of (batch, 16, 98)).
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![3], U![16], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let dense: Dense<f32, U![16], U![4]> = Dense::new(1);
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let _y = dense.forward(&conv.forward(&x));
}
