// Catalog row `add_dynamic_mismatch`: Add of Conv1D(k3) and Conv1D(k5) branches on Input((None, 1)), predicting on 20 steps; Keras raises ValueError "Dimensions must be equal, but are 18 and 16" when it runs. The batch is run-time (`Dyn`) here, the length is a type.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![5]>::new(1).forward(&x);
    let _y = Add::new().forward(&(a, b));
}
