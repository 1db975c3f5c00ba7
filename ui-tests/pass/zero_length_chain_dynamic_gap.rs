// Catalog row `zero_length_chain_dynamic_gap`, the fix: sequences long enough for the chain (16 steps: 14 -> 7 -> 5 -> 2), e.g. padded with pad_sequences.
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 16, 1]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        MaxPooling1D::<U![2]>::new(),
        Conv1D::<f32, U![4], U![4], U![3]>::new(1),
        MaxPooling1D::<U![2]>::new(),
        GlobalAveragePooling1D::new(),
    ));
    let y: Tensor<f32, shape![Dyn, 4]> = model.forward(&Input::zeros_with_batch(2).unwrap());
    assert_eq!(y.dims(), vec![2, 4]);
}
