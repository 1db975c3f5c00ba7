// Catalog row `filters_negative`, the fix: Conv1D(filters=-4, kernel_size=3); Keras raises ValueError "Invalid value for argument `filters`. Expected a strictly positive value".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    assert_eq!(conv.param_count(), 3 * 4 + 4);
}
