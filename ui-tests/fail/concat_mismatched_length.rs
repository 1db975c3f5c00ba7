// Catalog row `concat_mismatched_length`: Concatenate(axis=-1) of Conv1D(8, 3) [18 steps] and Conv1D(8, 5) [16 steps]; Keras raises ValueError "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![5]>::new(1).forward(&x);
    let _y = Concatenate::new().forward(&(a, b));
}
