// Held-out mistake: Cropping1D((5, 6)) on 10 steps in a model; Keras raises a negative dimension ValueError.
use shaped::prelude::*;

use shaped::layers::reshaping::Cropping1D;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![2], U![4], U![3], U![1], Same>::new(0),
        Cropping1D::<U![5], U![6]>::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 10, 2]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
