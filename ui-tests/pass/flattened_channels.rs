// Catalog row `flattened_channels`, the fix: (100, 60) array (20 steps x 3 channels, flattened) into a model built for (20, 3); Keras raises ValueError "Invalid input shape".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 60]>::from_fn(|i| i[1] as f32);
    let steps: Tensor<f32, shape![100, 20, 3]> = x.reshape();
    assert_eq!(steps.get(&[0, 1, 2]), Some(5.0));
    let conv: Conv1D<f32, U![3], U![8], U![3]> = Conv1D::new(0);
    let y = conv.forward(&steps);
    assert_eq!(y.dims(), vec![100, 18, 8]);
}
