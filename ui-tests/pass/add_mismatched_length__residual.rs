// Catalog row `add_mismatched_length`, as a residual block, the fix: padding='same' in the branch keeps the 20 steps.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 8]>::zeros();
    let block = Residual::new(Conv1D::<f32, U![8], U![8], U![3], U![1], Same>::new(0));
    let y: Tensor<f32, shape![2, 20, 8]> = block.forward(&x);
    assert_eq!(y.dims(), vec![2, 20, 8]);
}
