// Held-out mistake: BatchNormalization loaded for 32 channels after Conv1D(64); Keras raises "expected axis -1 of input shape to have value 32" when the weights are set.
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![3], U![64], U![5], U![1], Same>::new(0),
        BatchNormalization::<f32, U![32]>::new(),
        Activation::Relu,
    ));
    let x = Tensor::<f32, shape![Dyn, 100, 3]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
