// Catalog row `pool_size_zero`, the fix: a pool_size of at least 1.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let y: Tensor<f32, shape![2, 10, 1]> = MaxPooling1D::<U![2]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 10, 1]);
}
