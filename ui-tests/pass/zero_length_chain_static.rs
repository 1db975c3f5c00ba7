// Catalog row `zero_length_chain_static`, the fix: the last MaxPooling1D with padding='same' keeps the one step left: 8 -> 6 -> 3 -> 1 -> 1.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![2, 8, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        MaxPooling1D::<U![2]>::new(),
        Conv1D::<f32, U![4], U![4], U![3]>::new(1),
        MaxPooling1D::<U![2], U![2], Same>::new(),
    ));
    let y: Tensor<f32, shape![2, 1, 4]> = model.forward(&Input::zeros());
    assert_eq!(y.dims(), vec![2, 1, 4]);
}
