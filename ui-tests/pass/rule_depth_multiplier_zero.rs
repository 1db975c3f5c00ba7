// Shape rule `DepthMultiplierAtLeastOne`, the fix: depth_multiplier=1 (Keras's default), 4 channels in, 4 out.
use shaped::prelude::*;

fn main() {
    let dw: DepthwiseConv1D<f32, U![4], U![3], U![1]> = DepthwiseConv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 18, 4]> = dw.forward(&x);
    assert_eq!(y.dims(), vec![2, 18, 4]);
}
