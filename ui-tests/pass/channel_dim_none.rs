// Catalog row `channel_dim_none`, the fix: Input((20, None)) -> Conv1D: an undefined channel dimension; Keras raises TypeError "unsupported operand type(s) for %: 'NoneType' and 'int'".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![3], U![4], U![3]> = Conv1D::new(0);
    assert_eq!(Conv1D::<f32, U![3], U![4], U![3]>::keras_kernel_shape(), [3, 3, 4]);
    let _ = conv;
}
