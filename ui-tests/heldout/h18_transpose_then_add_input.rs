// Held-out mistake: Conv1DTranspose(4, 3, strides=2) output (41 steps) added to its 20-step input; Keras raises "Inputs have incompatible shapes".
use shaped::prelude::*;

use shaped::layers::merge::Add;

fn main() {
    let up: Conv1DTranspose<f32, U![4], U![4], U![3], U![2]> = Conv1DTranspose::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let _y = Add::new().forward(&(&up.forward(&x), &x));
}
