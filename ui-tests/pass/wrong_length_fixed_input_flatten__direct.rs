// Catalog row `wrong_length_fixed_input_flatten`, called layer by layer, the fix: the Dense layer takes (30 - 3 + 1) * 4 = 112 features.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 30, 1]>::zeros();
    let conv = Conv1D::<f32, U![1], U![4], U![3]>::new(0);
    let dense = Dense::<f32, U![112], U![1]>::new(1);
    let y: Tensor<f32, shape![8, 1]> = dense.forward(&Flatten::new().forward(&conv.forward(&x)));
    assert_eq!(y.dims(), vec![8, 1]);
}
