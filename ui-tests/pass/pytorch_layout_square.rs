// Catalog row `pytorch_layout_square`, the fix: PyTorch-layout data (8, 16, 16) goes to channels-last with `.to_channels_last()` before a channels_last model; Keras silently convolves the channels as time steps.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 16, 16; ChannelsFirst]>::zeros();
    let conv: Conv1D<f32, U![16], U![4], U![3]> = Conv1D::new(0);
    let y: Tensor<f32, shape![8, 14, 4]> = conv.forward(&x.to_channels_last());
    assert_eq!(y.dims(), vec![8, 14, 4]);
}
