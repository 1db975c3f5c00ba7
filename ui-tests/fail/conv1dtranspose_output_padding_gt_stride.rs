// Catalog row `conv1dtranspose_output_padding_gt_stride`: Conv1DTranspose(4, 3, strides=2, output_padding=3); Keras raises ValueError "`output_padding` must be strictly less than `strides` for all dimensions".
use shaped::layers::{Conv1DTranspose, Layer};
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 1]>::zeros();
    let up: Conv1DTranspose<f32, U![1], U![4], U![3], U![2], Same, U![1], U![3]> = Conv1DTranspose::new(0);
    let _y = up.forward(&x);
}
