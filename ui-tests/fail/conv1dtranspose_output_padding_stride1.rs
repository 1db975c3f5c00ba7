// Catalog row `conv1dtranspose_output_padding_stride1`: Conv1DTranspose(4, 3, strides=1, output_padding=1); Keras raises ValueError "`output_padding` must be strictly less than `strides` for all dimensions".
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let kernel = vec![0.0f32; 3 * 4];
    let _up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![1]>::from_keras(&kernel, None);
}
