// Catalog row `kernel_size_tuple2`: Conv1D(4, kernel_size=(3, 3)), a 2-D kernel for a 1-D convolution; Keras raises ValueError "The `kernel_size` argument must be a tuple of 1 integers".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], (U![3], U![3])> = Conv1D::new(0);
    let _ = conv;
}
