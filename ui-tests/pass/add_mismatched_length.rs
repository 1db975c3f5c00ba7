// Catalog row `add_mismatched_length`, the fix: padding='same' on both branches keeps the 20 steps.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3], U![1], Same>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![5], U![1], Same>::new(1).forward(&x);
    let y: Tensor<f32, shape![2, 20, 8]> = Add::new().forward(&(a, b));
    assert_eq!(y.dims(), vec![2, 20, 8]);
}
