// Held-out mistake: two Conv1D layers where the second is built for 32 input channels after 16 filters; Keras raises "expected axis -1 of input shape to have value 32, but received input with shape (None, 98, 16)".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![3], U![16], U![3]>::new(0),
        Conv1D::<f32, U![32], U![16], U![3]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 100, 3]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
