// Catalog row `reshape_wrong_size`, with the Reshape layer: Input((21,)) -> Reshape((20, 1)); Keras raises ValueError "The total size of the tensor must be unchanged".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![4, 21]>::zeros();
    let _y = Reshape::<(U![20], U![1])>::new().forward(&x);
}
