// Catalog row `conv1dtranspose_output_padding_ok`: Conv1DTranspose(4, 3, strides=2, output_padding=1) on length 10 gives (2, 22, 4), as in Keras.
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 1]>::zeros();
    let up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![2], Valid, U![1], U![1]>::new(0);
    let y: Tensor<f32, shape![2, 22, 4]> = up.forward(&x);
    assert_eq!(y.dims(), vec![2, 22, 4]);
}
