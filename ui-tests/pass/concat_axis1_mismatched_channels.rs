// Catalog row `concat_axis1_mismatched_channels`, the fix: the same channels on both branches: 18 + 18 steps of 8 channels.
use shaped::layers::merge::TimeAxis;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![3]>::new(1).forward(&x);
    let y: Tensor<f32, shape![2, 36, 8]> = Concatenate::axis(TimeAxis).forward(&(a, b));
    assert_eq!(y.dims(), vec![2, 36, 8]);
}
