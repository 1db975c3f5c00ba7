// Catalog row `groups_not_dividing_channels`: Input((20, 6)) -> Conv1D(filters=8, kernel_size=3, groups=4); Keras raises ValueError "The number of input channels must be evenly divisible by the number of groups".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![6], U![8], U![3], U![1], Valid, U![1], U![4]> = Conv1D::new(0);
    let _ = conv;
}
