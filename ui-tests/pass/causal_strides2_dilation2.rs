// Catalog row `causal_strides2_dilation2`: Conv1D(4, 3, strides=2, dilation_rate=2, padding='causal'); Keras raises ValueError "`strides > 1` not supported in conjunction with `dilation_rate > 1`": accepted here on purpose (well defined).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![2], Causal, U![2]> = Conv1D::new(0);
    let y: Tensor<f32, shape![2, 10, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 10, 4]);
}
