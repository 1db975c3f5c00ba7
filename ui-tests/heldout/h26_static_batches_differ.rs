// Held-out mistake: adding a batch of 8 to a batch of 4 (two fixed-batch tensors); Keras raises "Inputs have incompatible shapes: (8, 10, 3) and (4, 10, 3)".
use shaped::prelude::*;

use shaped::layers::merge::Add;

fn main() {
    let a = Tensor::<f32, shape![8, 10, 3]>::zeros();
    let b = Tensor::<f32, shape![4, 10, 3]>::zeros();
    let _y = Add::new().forward(&(&a, &b));
}
