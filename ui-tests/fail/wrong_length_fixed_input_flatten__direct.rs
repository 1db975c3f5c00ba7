// Catalog row `wrong_length_fixed_input_flatten`, called layer by layer instead of in a Sequential: Conv1D(4, 3) -> Flatten -> Dense(1) on 30 steps with a Dense built for 18*4 = 72 features; Keras raises ValueError "expected axis -1 of input shape to have value 72".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 30, 1]>::zeros();
    let conv = Conv1D::<f32, U![1], U![4], U![3]>::new(0);
    let dense = Dense::<f32, U![72], U![1]>::new(1);
    let _y = dense.forward(&Flatten::new().forward(&conv.forward(&x)));
}
