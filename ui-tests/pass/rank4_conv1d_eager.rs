// Catalog row `rank4_conv1d_eager`, the fix: a Conv1D called eagerly on a rank-4 array (2, 10, 10, 1); Keras raises ValueError "Kernel shape must have the same length as input".
use shaped::prelude::*;

fn main() {
    // 2 x 10 sequences of 10 steps: the extra axis goes into the batch
    let x = Tensor::<f32, shape![20, 10, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let y = conv.forward(&x);
    assert_eq!(y.dims(), vec![20, 8, 4]);
}
