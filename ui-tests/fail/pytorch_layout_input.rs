// Catalog row `pytorch_layout_input`: PyTorch-layout (batch, channels, steps) data (8, 1, 20) into a channels_last model Input((20, 1)); Keras raises ValueError "expected axis -1 of input shape to have value 1".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 1, 20; ChannelsFirst]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![1]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
