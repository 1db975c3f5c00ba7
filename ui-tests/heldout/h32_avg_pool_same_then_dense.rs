// Held-out mistake: AveragePooling1D(3, strides=2, padding='same') on 25 steps (13 remain), Flatten, Dense built for 12*4 = 48 inputs (it gets 52); Keras raises the Dense input mismatch.
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![1]>::new(0),
        AveragePooling1D::<U![3], U![2], Same>::new(),
        Flatten::new(),
        Dense::<f32, U![48], U![2]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 25, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
