// Catalog row `data_format_mismatch_layer`, the fix: channels_last data (8, 50, 3) into Conv1D(data_format='channels_first'); Keras silently reads it as 50 channels x 3 steps.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 50, 3]>::zeros();
    let conv: Conv1D<f32, U![3], U![1], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y: Tensor<f32, shape![8, 1, 48; ChannelsFirst]> = conv.forward(&x.to_channels_first());
    assert_eq!(y.dims(), vec![8, 1, 48]);
}
