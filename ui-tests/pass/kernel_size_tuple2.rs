// Catalog row `kernel_size_tuple2`, the fix: Conv1D(4, kernel_size=(3, 3)), a 2-D kernel for a 1-D convolution; Keras raises ValueError "The `kernel_size` argument must be a tuple of 1 integers".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    assert_eq!(conv.param_count(), 3 * 4 + 4);
}
