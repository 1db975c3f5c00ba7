// Catalog row `conv1dtranspose_output_padding_eq_stride`: Conv1DTranspose(4, 3, strides=2, output_padding=2); Keras raises ValueError "`output_padding` must be strictly less than `strides` for all dimensions".
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let _up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![2], Valid, U![1], U![2]>::new(0);
}
