// Catalog row `channels_first_cpu_float64`: Conv1D(data_format='channels_first', dtype='float64') on CPU; Keras raises UnimplementedError (NCHW unsupported on CPU) although it is well defined.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f64, shape![8, 3, 50; ChannelsFirst]>::zeros();
    let conv: Conv1D<f64, U![3], U![16], U![3], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y: Tensor<f64, shape![8, 16, 48; ChannelsFirst]> = conv.forward(&x);
    assert_eq!(y.dims(), vec![8, 16, 48]);
}
