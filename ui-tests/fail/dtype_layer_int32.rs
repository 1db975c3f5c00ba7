// Catalog row `dtype_layer_int32`: Conv1D(dtype='int32'); Keras raises InvalidArgumentError at the first call (its initializer cannot draw integers).
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<i32, U![1], U![4], U![3]> = Conv1D::new(0);
    let _ = conv;
}
