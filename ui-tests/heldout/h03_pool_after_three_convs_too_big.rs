// Held-out mistake: length 10, three Conv1D(k=3) leave 4 steps, then MaxPooling1D(5); Keras raises "Negative dimension size" / "Computed output size would be negative".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![8], U![3]>::new(0),
        Conv1D::<f32, U![8], U![8], U![3]>::new(1),
        Conv1D::<f32, U![8], U![8], U![3]>::new(2),
        MaxPooling1D::<U![5]>::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 10, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
