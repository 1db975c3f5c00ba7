// Shape rule `LastAxisIsChannels`, the fix: the channels-first output goes to channels-last before BatchNormalization,
// which then normalises the 16 filters.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![16], U![5], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let bn = BatchNormalization::<f32, U![16]>::new();
    let y: Tensor<f32, shape![Dyn, 96, 16]> = bn.forward(&conv.forward(&x).to_channels_last());
    assert_eq!(y.dims(), vec![8, 96, 16]);
}
