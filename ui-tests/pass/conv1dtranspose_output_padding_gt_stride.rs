// Catalog row `conv1dtranspose_output_padding_gt_stride`, the fix: output_padding 1 (below strides=2).
use shaped::layers::{Conv1DTranspose, Layer};
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 1]>::zeros();
    let up: Conv1DTranspose<f32, U![1], U![4], U![3], U![2], Same, U![1], U![1]> = Conv1DTranspose::new(0);
    // "same" with output_padding: (10 - 1) * 2 + 3 % 2 + 1 = 20 steps.
    let y: Tensor<f32, shape![2, 20, 4]> = up.forward(&x);
    assert_eq!(y.dims(), vec![2, 20, 4]);
}
