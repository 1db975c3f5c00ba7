// Catalog row `conv1dtranspose_output_padding_stride1`, the fix: with strides=1 the only output_padding is 0 (or Inferred).
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let kernel = vec![0.0f32; 3 * 4];
    let up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![0]>::from_keras(&kernel, None).unwrap();
    let y: Tensor<f32, shape![2, 12, 4]> = up.forward(&Tensor::<f32, shape![2, 10, 1]>::zeros());
    assert_eq!(y.dims(), vec![2, 12, 4]);
}
