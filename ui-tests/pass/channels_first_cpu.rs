// Catalog row `channels_first_cpu`: Conv1D(16, 3, data_format='channels_first') on (batch, channels, steps) data on CPU; Keras accepts it: output (8, 16, 48).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 3, 50; ChannelsFirst]>::zeros();
    let conv: Conv1D<f32, U![3], U![16], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y: Tensor<f32, shape![8, 16, 48; ChannelsFirst]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![8, 16, 48]);
}
