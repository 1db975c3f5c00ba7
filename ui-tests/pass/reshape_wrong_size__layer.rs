// Catalog row `reshape_wrong_size`, with the Reshape layer, the fix: 20 features reshape to (20, 1).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![4, 20]>::zeros();
    let y: Tensor<f32, shape![4, 20, 1]> = Reshape::<(U![20], U![1])>::new().forward(&x);
    assert_eq!(y.dims(), vec![4, 20, 1]);
}
