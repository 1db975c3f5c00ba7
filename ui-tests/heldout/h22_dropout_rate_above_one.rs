// Held-out mistake: Dropout(1.5) between two layers; Keras raises "Invalid value received for argument `rate`. Expected a float value between 0 and 1.".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        dropout!(1.5),
        GlobalMaxPooling1D::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
