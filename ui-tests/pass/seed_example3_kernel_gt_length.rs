// Catalog row `seed_example3_kernel_gt_length`, the fix: seed Example 3: Conv1D(32, kernel_size=15) on input_shape=(10, 1); Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 10, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![32], U![5]> = Conv1D::new(0).activation(Activation::Relu);
    let y: Tensor<f32, shape![100, 6, 32]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![100, 6, 32]);
}
