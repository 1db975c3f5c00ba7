// Catalog row `negative_length_chain_conv`: Input((8, 1)) -> Conv1D(k5) [4 steps] -> Conv1D(k7) [-2 steps]; Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 8, 1]>::zeros();
    let conv1: Conv1D<f32, U![1], U![4], U![5]> = Conv1D::new(0);
    let conv2: Conv1D<f32, U![4], U![4], U![7]> = Conv1D::new(1);
    let _y = conv2.forward(&conv1.forward(&x));
}
