// Catalog row `causal_maxpool`, the fix: padding='same' (or 'valid'): 20 steps pooled by 2 give 10.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let y: Tensor<f32, shape![2, 10, 1]> = MaxPooling1D::<U![2], U![2], Same>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 10, 1]);
}
