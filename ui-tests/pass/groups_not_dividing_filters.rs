// Catalog row `groups_not_dividing_filters`, the fix: Conv1D(filters=6, kernel_size=3, groups=4); Keras raises ValueError "The number of filters must be evenly divisible by the number of groups".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![8], U![8], U![3], U![1], Valid, U![1], U![4]> = Conv1D::new(0);
    assert_eq!(conv.param_count(), 3 * 2 * 8 + 8);
}
