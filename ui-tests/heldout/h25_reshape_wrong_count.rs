// Held-out mistake: Dense(64) then Reshape((10, 10)); Keras raises "total size of new array must be unchanged".
use shaped::prelude::*;

use shaped::layers::reshaping::Reshape;

fn main() {
    let model = Sequential::new((
        Dense::<f32, U![32], U![64]>::new(0),
        Reshape::<(U![10], U![10])>::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 32]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
