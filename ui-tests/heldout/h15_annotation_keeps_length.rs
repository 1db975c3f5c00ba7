// Held-out mistake: a valid Conv1D(8, 3) on 20 steps annotated as keeping 20 steps (Keras's model.summary() would show 18).
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![8], U![3]> = Conv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let _y: Tensor<f32, shape![Dyn, 20, 8]> = conv.forward(&x);
}
