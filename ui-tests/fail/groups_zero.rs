// Catalog row `groups_zero`: Conv1D(4, 3, groups=0); Keras raises ValueError "The number of groups must be a positive integer".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![4], U![4], U![3], U![1], Valid, U![1], U![0]> = Conv1D::new(0);
    let _ = conv;
}
