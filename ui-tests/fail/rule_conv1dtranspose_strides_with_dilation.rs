// Shape rule `StridesOrDilationOne`: Conv1DTranspose(4, 3, strides=2, dilation_rate=2); Keras raises ValueError "`strides > 1` not supported in conjunction with `dilation_rate > 1`".
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let _up = Conv1DTranspose::<f32, U![1], U![4], U![3], U![2], Valid, U![2]>::new(0);
}
