// Catalog row `kernel_gt_length_causal`: Input((5, 1)) -> Conv1D(4, 7, padding='causal'); Keras accepts it: output (2, 5, 4).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![7], U![1], Causal> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 5, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 5, 4]);
}
