// Catalog row `add_mismatched_length`, as a residual block: x + Conv1D(8, 3)(x) on Input((20, 8)), whose branch (padding='valid') gives 18 steps; Keras raises ValueError "Inputs have incompatible shapes".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 8]>::zeros();
    let block = Residual::new(Conv1D::<f32, U![8], U![8], U![3]>::new(0));
    let _y = block.forward(&x);
}
