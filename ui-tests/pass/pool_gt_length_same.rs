// Catalog row `pool_gt_length_same`: Input((5, 1)) -> MaxPooling1D(pool_size=10, padding='same'); Keras accepts it: output (2, 1, 1).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::from_vec(vec![1., 3., 2., 5., 4., -1., -3., -2., -5., -4.]).unwrap();
    let y: Tensor<f32, shape![2, 1, 1]> = MaxPooling1D::<U![10], U![10], Same>::new().forward(&x);
    assert_eq!(y.as_slice(), &[5., -1.]);
}
