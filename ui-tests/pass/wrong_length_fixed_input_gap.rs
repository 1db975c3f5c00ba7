// Catalog row `wrong_length_fixed_input_gap`, the fix: declare the model for the data's length (or pad/truncate the data to 20 steps); the layers are length-generic.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 30, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        GlobalAveragePooling1D::new(),
        Dense::<f32, U![4], U![1]>::new(1),
    ));
    let x = Input::zeros_with_batch(8).unwrap();
    let y: Tensor<f32, shape![Dyn, 1]> = model.forward(&x);
    assert_eq!(y.dims(), vec![8, 1]);
}
