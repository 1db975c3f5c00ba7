// Held-out mistake: the padding `Same` written in the strides slot, as in Keras's Conv1D(8, 3, 'same') where the third positional argument is strides (Keras raises "The `strides` argument must be a tuple of 1 integers. Received strides=same").
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![8], U![3], Same> = Conv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let _y = conv.forward(&x);
}
