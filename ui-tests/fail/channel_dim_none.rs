// Catalog row `channel_dim_none`: Input((20, None)) -> Conv1D: an undefined channel dimension; Keras raises TypeError "unsupported operand type(s) for %: 'NoneType' and 'int'".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, Dyn, U![4], U![3]> = Conv1D::new(0);
    let _ = conv;
}
