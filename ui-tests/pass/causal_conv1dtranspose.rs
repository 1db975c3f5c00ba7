// Catalog row `causal_conv1dtranspose`, the fix: padding='same' (or 'valid').
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv = Conv1DTranspose::<f32, U![1], U![4], U![3], U![1], Same>::new(0);
    let y: Tensor<f32, shape![2, 20, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 20, 4]);
}
