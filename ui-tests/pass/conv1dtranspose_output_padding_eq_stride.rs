// Catalog row `conv1dtranspose_output_padding_eq_stride`, the fix: an output_padding below the strides (here 1).
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![2], Valid, U![1], U![1]>::new(0);
    // (10 - 1) * 2 + 3 + 1 steps, as Keras's output shape (2, 22, 4).
    let y: Tensor<f32, shape![2, 22, 4]> = up.forward(&Tensor::<f32, shape![2, 10, 1]>::zeros());
    assert_eq!(y.dims(), vec![2, 22, 4]);
}
