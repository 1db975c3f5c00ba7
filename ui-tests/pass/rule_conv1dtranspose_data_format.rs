// Shape rule `FormatsAgree` for Conv1DTranspose, the fix: the layer in the data's format (Keras's data_format="channels_first").
use shaped::layers::{Conv1DTranspose, Layer};
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 3, 10; ChannelsFirst]>::zeros();
    let up = Conv1DTranspose::<f32, U![3], U![4], U![3], U![2], Same, U![1], Inferred, ChannelsFirst>::new(0);
    let y: Tensor<f32, shape![2, 4, 20; ChannelsFirst]> = up.forward(&x);
    assert_eq!(y.dims(), vec![2, 4, 20]);
}
