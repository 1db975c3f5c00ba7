// Catalog row `zero_length_chain_static`: Input((8, 1)) -> Conv1D(k3) [6] -> MaxPooling1D(2) [3] -> Conv1D(k3) [1] -> MaxPooling1D(2) [0]; Keras raises ValueError "Computed output size would be zero or negative" at the last MaxPooling1D.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![2, 8, 1]>;
    let _model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        MaxPooling1D::<U![2]>::new(),
        Conv1D::<f32, U![4], U![4], U![3]>::new(1),
        MaxPooling1D::<U![2]>::new(),
    ));
}
