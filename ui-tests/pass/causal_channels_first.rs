// Catalog row `causal_channels_first`: Conv1D(4, 3, padding='causal', data_format='channels_first') on (2, 1, 20); Keras accepts it: output (2, 4, 20).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 1, 20; ChannelsFirst]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Causal, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 4, 20; ChannelsFirst]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 4, 20]);
}
