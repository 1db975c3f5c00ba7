// Shape rule `DepthMultiplierAtLeastOne`: SeparableConv1D(8, 3, depth_multiplier=0, data_format="channels_first"); Keras raises "Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0."
use shaped::prelude::*;

fn main() {
    type Sep = SeparableConv1D<f32, U![4], U![8], U![3], U![0], U![1], Valid, U![1], ChannelsFirst>;
    let sep = Sep::new(0);
    let x = Tensor::<f32, shape![Dyn, 4, 20; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let _y = sep.forward(&x);
}
