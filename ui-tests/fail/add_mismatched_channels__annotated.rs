// Catalog row `add_mismatched_channels`, with the user's code pinning the merge's output type: Add of branches of 8 and 6 channels; Keras raises ValueError "Inputs have incompatible shapes". The rule is still reported in words, not as a type mismatch.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let a = Tensor::<f32, shape![2, 10, 8]>::zeros();
    let b = Tensor::<f32, shape![2, 10, 6]>::zeros();
    let _y: Tensor<f32, shape![2, 10, 8]> = Add::new().forward(&(&a, &b));
}
