// Catalog row `concat_mismatched_length`, the fix: crop the longer branch to 16 steps (Cropping1D(1)), or use padding='same' on both.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![5]>::new(1).forward(&x);
    let a: Tensor<f32, shape![2, 16, 8]> = Cropping1D::<U![1]>::new().forward(&a);
    let y: Tensor<f32, shape![2, 16, 16]> = Concatenate::new().forward(&(a, b));
    assert_eq!(y.dims(), vec![2, 16, 16]);
}
