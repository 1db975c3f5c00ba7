// Catalog row `pytorch_layout_square`: PyTorch-layout (batch, channels, steps) data (8, 16, 16) into a channels_last model Input((16, 16)); length equals channels, so Keras silently convolves the channels as time steps: output shape (8, 1).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 16, 16; ChannelsFirst]>::zeros();
    let conv: Conv1D<f32, U![16], U![4], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
