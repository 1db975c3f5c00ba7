// Catalog row `extra_trailing_axis_predict`, the fix: (100, 20, 1, 1) array into a model built for (20, 1); Keras 3 silently squeezes the extra axis.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0);
    let y = conv.forward(&x);
    assert_eq!(y.dims(), vec![100, 18, 32]);
}
