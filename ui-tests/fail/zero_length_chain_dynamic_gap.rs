// Catalog row `zero_length_chain_dynamic_gap`: Input((None, 1)) -> Conv1D(k3) -> MaxPooling1D(2) -> Conv1D(k3) -> MaxPooling1D(2) -> GlobalAveragePooling1D, predicting on 8 steps; Keras raises ValueError "Negative dimension size caused by subtracting 2 from 1" when it runs. Lengths are types here, so the model for 8 steps does not compile.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 8, 1]>;
    let _model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        MaxPooling1D::<U![2]>::new(),
        Conv1D::<f32, U![4], U![4], U![3]>::new(1),
        MaxPooling1D::<U![2]>::new(),
        GlobalAveragePooling1D::new(),
    ));
}
