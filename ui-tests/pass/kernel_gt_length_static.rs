// Catalog row `kernel_gt_length_static`, the fix: Input((5, 1)) -> Conv1D(4, kernel_size=7, padding='valid'); Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    // longer sequences (padded to 8 steps) fit the kernel of 7
    let x = Tensor::<f32, shape![2, 8, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![7]> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 2, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 2, 4]);
}
