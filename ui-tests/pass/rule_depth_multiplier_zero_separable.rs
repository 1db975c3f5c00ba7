// Shape rule `DepthMultiplierAtLeastOne`, the fix: depth_multiplier=2, each of the 4 channels convolved with 2 filters before the pointwise step to 8.
use shaped::prelude::*;

fn main() {
    type Sep = SeparableConv1D<f32, U![4], U![8], U![3], U![2], U![1], Valid, U![1], ChannelsFirst>;
    let sep = Sep::new(0);
    let x = Tensor::<f32, shape![Dyn, 4, 20; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 8, 18; ChannelsFirst]> = sep.forward(&x);
    assert_eq!(y.dims(), vec![2, 8, 18]);
}
