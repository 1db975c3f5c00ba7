// Catalog row `flattened_channels`: (100, 60) array (20 steps x 3 channels, flattened) into a model built for (20, 3); Keras raises ValueError "Invalid input shape".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 60]>::zeros();
    let conv: Conv1D<f32, U![3], U![8], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
