// Held-out mistake: ZeroPadding1D(2), Conv1D(4, 5), Flatten, Dense built for 96 inputs (it gets 20 steps x 4 = 80); Keras raises the Dense input mismatch.
use shaped::prelude::*;

use shaped::layers::reshaping::ZeroPadding1D;

fn main() {
    let model = Sequential::new((
        ZeroPadding1D::<U![2]>::new(),
        Conv1D::<f32, U![1], U![4], U![5]>::new(0),
        Flatten::new(),
        Dense::<f32, U![96], U![2]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
