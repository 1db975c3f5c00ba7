// Catalog row `reshape_wrong_size`: Input((21,)) -> Reshape((20, 1)); Keras raises ValueError "The total size of the tensor must be unchanged".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![4, 21]>::zeros();
    let _y: Tensor<f32, shape![4, 20, 1]> = x.reshape();
}
