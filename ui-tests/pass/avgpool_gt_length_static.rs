// Catalog row `avgpool_gt_length_static`, the fix: a pool_size that fits the 5 steps (or padding='same').
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::zeros();
    let y: Tensor<f32, shape![2, 1, 1]> = AveragePooling1D::<U![5]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 1, 1]);
}
