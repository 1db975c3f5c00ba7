// Catalog row `pool_strides_zero`, the fix: strides of at least 1 (Keras's default strides=None is pool_size).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let y: Tensor<f32, shape![2, 19, 1]> = MaxPooling1D::<U![2], U![1]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 19, 1]);
}
