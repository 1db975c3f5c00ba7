// Catalog row `add_broadcast_length1`: Add of Conv1D(8, 3) [18 steps] and Conv1D(8, 20) [1 step] branches; Keras silently broadcasts the 1-step branch: output (2, 18, 8).
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![20]>::new(1).forward(&x);
    let _y = Add::new().forward(&(a, b));
}
