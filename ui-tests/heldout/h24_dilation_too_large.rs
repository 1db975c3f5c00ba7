// Held-out mistake: Conv1D(8, 3, dilation_rate=10) with padding='valid' on 20 steps (the kernel spans 21); Keras raises a negative output dimension ValueError.
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![8], U![3], U![1], Valid, U![10]> = Conv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let _y = conv.forward(&x);
}
