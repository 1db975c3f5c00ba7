// Catalog row `data_format_invalid`, the fix: Conv1D(data_format='NCL'); Keras raises ValueError "The `data_format` argument must be one of {'channels_first', 'channels_last'}".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y = conv.forward(&Tensor::<f32, shape![2, 1, 20; ChannelsFirst]>::zeros());
    assert_eq!(y.dims(), vec![2, 4, 18]);
}
