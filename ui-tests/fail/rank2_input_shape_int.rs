// Catalog row `rank2_input_shape_int`: Input(shape=(20)) (missing comma: an int, a rank-2 input) -> Conv1D; Keras raises ValueError "Cannot convert '20' to a shape".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20]>::zeros_with_batch(4).unwrap();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
