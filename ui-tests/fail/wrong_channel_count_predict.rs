// Catalog row `wrong_channel_count_predict`: 2-channel data (8, 20, 2) into a model built for (20, 1); Keras raises ValueError "expected axis -1 of input shape to have value 1".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 2]>::from_vec(vec![0.0; 8 * 20 * 2]).unwrap();
    let conv: Conv1D<f32, U![1], U![16], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
