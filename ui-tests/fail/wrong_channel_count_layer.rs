// Catalog row `wrong_channel_count_layer`: a Conv1D built on 1 channel, then called on (8, 20, 2); Keras raises ValueError "expected axis -1 of input shape to have value 1".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 20, 2]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
