// Catalog row `filters_float`, the fix: Conv1D(filters=3.5, kernel_size=3); Keras raises ValueError ("The number of filters must be evenly divisible by the number of groups ... filters=3.5").
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    assert_eq!(conv.param_count(), 3 * 4 + 4);
}
