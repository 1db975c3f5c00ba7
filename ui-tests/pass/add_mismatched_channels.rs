// Catalog row `add_mismatched_channels`, the fix: the same number of filters on both branches.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![3]>::new(1).forward(&x);
    let y: Tensor<f32, shape![2, 18, 8]> = Add::new().forward(&(a, b));
    assert_eq!(y.dims(), vec![2, 18, 8]);
}
