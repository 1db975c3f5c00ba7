// Held-out mistake: the data declared like Keras's Input(shape=(20, 1)), without the batch, fed to Conv1D; shaped reads shape![20, 1] as 20 samples of 1 feature.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![8], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
