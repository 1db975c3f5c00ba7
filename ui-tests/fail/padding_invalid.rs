// Catalog row `padding_invalid`: Conv1D(4, 3, padding='full'); Keras raises ValueError "The `padding` argument must be a list/tuple or one of {'same', 'causal', 'valid'}".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Full> = Conv1D::new(0);
    let _ = conv;
}
