// Catalog row `filters_negative`: Conv1D(filters=-4, kernel_size=3); Keras raises ValueError "Invalid value for argument `filters`. Expected a strictly positive value".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![-4], U![3]> = Conv1D::new(0);
    let _ = conv;
}
