// Shape rule `FormatsAgree` for Conv1DTranspose: PyTorch-layout (batch, channels, steps) data into a channels-last Conv1DTranspose.
use shaped::layers::{Conv1DTranspose, Layer};
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 3, 10; ChannelsFirst]>::zeros();
    let up = Conv1DTranspose::<f32, U![3], U![4], U![3], U![2], Same>::new(0);
    let _y = up.forward(&x);
}
