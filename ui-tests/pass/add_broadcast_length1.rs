// Catalog row `add_broadcast_length1`, the fix: if the broadcast is meant, say so: UpSampling1D(18) repeats the single step 18 times.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![8], U![20]>::new(1).forward(&x);
    let b: Tensor<f32, shape![2, 18, 8]> = UpSampling1D::<U![18]>::new().forward(&b);
    let y: Tensor<f32, shape![2, 18, 8]> = Add::new().forward(&(a, b));
    assert_eq!(y.dims(), vec![2, 18, 8]);
}
