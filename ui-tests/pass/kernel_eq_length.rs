// Catalog row `kernel_eq_length`: Input((5, 1)) -> Conv1D(4, 5) (valid), the boundary; Keras accepts it: output (2, 1, 4).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::from_fn(|i| i[1] as f32);
    let conv: Conv1D<f32, U![1], U![4], U![5]> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 1, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 1, 4]);
}
