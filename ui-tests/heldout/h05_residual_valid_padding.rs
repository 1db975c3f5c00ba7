// Held-out mistake: a residual block whose branch is Conv1D(8, 3) with padding='valid' added to its 64-step input; Keras raises "Inputs have incompatible shapes: (None, 62, 8) and (None, 64, 8)".
use shaped::prelude::*;

use shaped::layers::graph::Residual;

fn main() {
    let block = Residual::new(Conv1D::<f32, U![8], U![8], U![3]>::new(0));
    let x = Tensor::<f32, shape![Dyn, 64, 8]>::zeros_with_batch(2).unwrap();
    let _y = block.forward(&x);
}
