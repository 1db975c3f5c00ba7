// Held-out mistake: Dense(3) output annotated as 2 classes.
use shaped::prelude::*;

fn main() {
    let dense: Dense<f32, U![16], U![3]> = Dense::new(0);
    let x = Tensor::<f32, shape![Dyn, 16]>::zeros_with_batch(2).unwrap();
    let _p: Tensor<f32, shape![Dyn, 2]> = dense.forward(&x);
}
