// Catalog row `wrong_length_fixed_input_flatten`, the fix: the Dense layer takes what Flatten gives for 30 steps: (30 - 3 + 1) * 4 = 112 features.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 30, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        Flatten::new(),
        Dense::<f32, U![112], U![1]>::new(1),
    ));
    let y: Tensor<f32, shape![Dyn, 1]> = model.forward(&Input::zeros_with_batch(8).unwrap());
    assert_eq!(y.dims(), vec![8, 1]);
}
