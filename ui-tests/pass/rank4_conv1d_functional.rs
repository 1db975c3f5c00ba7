// Catalog row `rank4_conv1d_functional`, the fix: batch size included in the Input shape, Input((100, 20, 1)) -> Conv1D(4, 3); Keras raises ValueError "Kernel shape must have the same length as input".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(100).unwrap();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let y = conv.forward(&x);
    assert_eq!(y.dims(), vec![100, 18, 4]);
}
