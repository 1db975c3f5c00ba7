// Catalog row `padding_uppercase`: Conv1D(4, 3, padding='SAME') (TF-style upper case); Keras accepts it: output (2, 20, 4); padding is a type here, so there is no spelling to get wrong.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Same> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 20, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 20, 4]);
}
