// Catalog row `missing_channel_axis_predict`: (100, 20) array into a model built for (20, 1); Keras 3 silently expands the last axis.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20]>::from_vec(vec![0.5; 100 * 20]).unwrap();
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
