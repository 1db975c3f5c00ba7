// Catalog row `kernel_gt_length_dilated`, the fix: Input((8, 1)) -> Conv1D(4, 3, dilation_rate=4): the dilated kernel spans 9 > 8 steps; Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 8, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Valid, U![3]> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 2, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 2, 4]);
}
