// Catalog row `rank4_conv1d_eager`: a Conv1D called eagerly on a rank-4 array (2, 10, 10, 1); Keras raises ValueError "Kernel shape must have the same length as input".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 10, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
