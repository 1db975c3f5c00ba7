// Catalog row `dense_after_conv1d`: Input((20, 1)) -> Conv1D(8, 3) -> Dense(1) without Flatten or pooling; Keras applies Dense to each time step: output (4, 18, 1). So does shaped, and the type says so: code that expects (4, 1) does not compile.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![4, 20, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![8], U![3]>::new(0),
        Dense::<f32, U![8], U![1]>::new(1),
    ));
    let y: Tensor<f32, shape![4, 18, 1]> = model.forward(&Input::zeros());
    assert_eq!(y.dims(), vec![4, 18, 1]);
}
