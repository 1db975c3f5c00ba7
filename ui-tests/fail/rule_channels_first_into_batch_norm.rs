// Shape rule `LastAxisIsChannels`: a channels-first Conv1D followed by BatchNormalization (Keras's default axis=-1);
// in Keras, BatchNormalization(axis=-1) after Conv1D(data_format='channels_first') normalises the
// time steps instead of the filters.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![16], U![5], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let bn = BatchNormalization::<f32, U![16]>::new();
    let _y = bn.forward(&conv.forward(&x));
}
