// Held-out mistake: the second Conv1D of a model with groups=3 on 16 channels; Keras raises "The number of input channels must be evenly divisible by the number of groups".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![2], U![16], U![3]>::new(0),
        Conv1D::<f32, U![16], U![12], U![3], U![1], Valid, U![1], U![3]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 30, 2]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
