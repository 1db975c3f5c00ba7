// Shape rule `DepthMultiplierAtLeastOne`: DepthwiseConv1D(3, depth_multiplier=0); Keras raises "Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0."
use shaped::prelude::*;

fn main() {
    let dw: DepthwiseConv1D<f32, U![4], U![3], U![0]> = DepthwiseConv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let _y = dw.forward(&x);
}
