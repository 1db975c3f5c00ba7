// Catalog row `strides_and_dilation`: Conv1D(4, 3, strides=2, dilation_rate=2); Keras raises ValueError "`strides > 1` not supported in conjunction with `dilation_rate > 1`": accepted here on purpose (well defined; PyTorch allows it).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3], U![2], Valid, U![2]> = Conv1D::new(0);
    // the dilated kernel spans 5 steps: (20 - 5) / 2 + 1 = 8
    let y: Tensor<f32, shape![2, 8, 4]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![2, 8, 4]);
}
