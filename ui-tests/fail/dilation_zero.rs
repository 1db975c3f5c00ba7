// Catalog row `dilation_zero`: Conv1D(4, 3, dilation_rate=0); Keras raises ValueError "The `dilation_rate` argument must be a tuple of 1 integers ... value > 0".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Valid, U![0]> = Conv1D::new(0);
    let _ = conv;
}
