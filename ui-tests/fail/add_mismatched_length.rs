// Catalog row `add_mismatched_length`: Add of Conv1D(8, 3) [18 steps] and Conv1D(8, 5) [16 steps] branches on Input((20, 1)); Keras raises ValueError "Inputs have incompatible shapes. Received shapes (18, 8) and (16, 8)".
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![5]>::new(1).forward(&x);
    let _y = Add::new().forward(&(a, b));
}
