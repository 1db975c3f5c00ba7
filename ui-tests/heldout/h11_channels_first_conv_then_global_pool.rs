// Held-out mistake: Conv1D(data_format='channels_first') then GlobalAveragePooling1D() with the default channels_last; Keras silently averages over the filters, giving (batch, 98) instead of (batch, 16).
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![3], U![16], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let _y: Tensor<f32, shape![Dyn, 16]> = GlobalAveragePooling1D::new().forward(&conv.forward(&x));
}
