// Catalog row `strides_negative`, the fix: Conv1D(4, 3, strides=-1); Keras raises ValueError "The `strides` argument must be a tuple of 1 integers ... value > 0".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![2]> = Conv1D::new(0);
    let y = conv.forward(&Tensor::<f32, shape![2, 20, 1]>::zeros());
    assert_eq!(y.dims(), vec![2, 9, 4]);
}
