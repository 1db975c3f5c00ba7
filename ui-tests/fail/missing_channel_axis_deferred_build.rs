// Catalog row `missing_channel_axis_deferred_build`: (100, 20) array into a Sequential without Input (the layer infers its channels); Keras raises ValueError "expected min_ndim=3, found ndim=2".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 20]>::zeros();
    let conv: Conv1D<f32, _, U![32], U![3]> = Conv1D::new(0);
    let _y = conv.forward(&x);
}
