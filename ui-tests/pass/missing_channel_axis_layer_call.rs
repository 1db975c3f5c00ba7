// Catalog row `missing_channel_axis_layer_call`, the fix: a Conv1D layer called directly on a (100, 20) array; Keras raises ValueError "expected min_ndim=3, found ndim=2".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 20]>::zeros().add_channel_axis();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let y: Tensor<f32, shape![100, 18, 4]> = conv.forward(&x);
    assert_eq!(y.batch(), 100);
}
