// Catalog row `add_mismatched_channels`, passing twin of the annotated case: both branches have 8 channels.
use shaped::{layers::merge::Add, prelude::*};

fn main() {
    let a = Tensor::<f32, shape![2, 10, 8]>::zeros();
    let b = Tensor::<f32, shape![2, 10, 8]>::zeros();
    let y: Tensor<f32, shape![2, 10, 8]> = Add::new().forward(&(&a, &b));
    assert_eq!(y.len(), 160);
}
