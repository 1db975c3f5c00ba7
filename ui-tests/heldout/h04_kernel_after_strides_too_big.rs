// Held-out mistake: 50 steps, Conv1D(16, 4, strides=4) leaves 12 steps, then Conv1D(k=15); Keras raises a negative output dimension ValueError.
use shaped::prelude::*;

fn main() {
    let downsample: Conv1D<f32, U![2], U![16], U![4], U![4]> = Conv1D::new(0);
    let wide: Conv1D<f32, U![16], U![16], U![15]> = Conv1D::new(1);
    let x = Tensor::<f32, shape![Dyn, 50, 2]>::zeros_with_batch(2).unwrap();
    let _y = wide.forward(&downsample.forward(&x));
}
