// Catalog row `causal_strides2`: Conv1D(4, 3, strides=2, padding='causal') on length 20; Keras accepts it: output (2, 10, 4).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![2], Causal> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 10, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 10, 4]);
}
