// Catalog row `wrong_length_variable_flatten`, the fix: lengths are numbers in the types, so Flatten's width is known: (20 - 3 + 1) * 4 = 72 features.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 20, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        Flatten::new(),
        Dense::<f32, U![72], U![1]>::new(1),
    ));
    let y: Tensor<f32, shape![Dyn, 1]> = model.forward(&Input::zeros_with_batch(2).unwrap());
    assert_eq!(y.dims(), vec![2, 1]);
}
