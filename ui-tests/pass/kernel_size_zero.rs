// Catalog row `kernel_size_zero`, the fix: Conv1D(4, kernel_size=0); Keras raises ValueError "The `kernel_size` argument must be a tuple of 1 integers ... value > 0".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![1]> = Conv1D::new(0);
    assert_eq!(conv.param_count(), 4 + 4);
}
