// Shape rule `TakesMask`, fixed: a Dense (which supports masking) where the Conv1D was; the mask reaches the pooling.
use shaped::prelude::*;

type Input = Tensor<f32, shape![Dyn, 20, 1]>;

fn main() {
    let model = Sequential::<Input, _, _>::new_masked((
        Masking::new(0.0),
        Dense::<f32, U![1], U![8]>::new(0),
        GlobalAveragePooling1D::new(),
    ));
    let y: Tensor<f32, shape![Dyn, 8]> = model.forward(&Input::zeros_with_batch(2).unwrap());
    assert_eq!(y.batch(), 2);
}
