// Catalog row `wrong_length_fixed_input_gap`: length-30 data into Input((20, 1)) -> Conv1D -> GlobalAveragePooling1D -> Dense(1); Keras silently returns (8, 1): the declared input length is not enforced when no layer depends on it.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 20, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        GlobalAveragePooling1D::new(),
        Dense::<f32, U![4], U![1]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 30, 1]>::zeros_with_batch(8).unwrap();
    let _y = model.forward(&x);
}
