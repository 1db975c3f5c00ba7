// Catalog row `kernel_gt_length_static`: Input((5, 1)) -> Conv1D(4, kernel_size=7, padding='valid'); Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![7]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
