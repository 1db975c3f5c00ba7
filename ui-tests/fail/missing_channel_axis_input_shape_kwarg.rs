// Catalog row `missing_channel_axis_input_shape_kwarg`: seed style Conv1D(32, 3, input_shape=(20, 1)) predicting on (100, 20); Keras 3 warns about input_shape and silently adds the channel axis.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![100, 20]>::from_fn(|i| i[1] as f32);
    // input_shape=(20, 1): the layer's in_channels are part of its type
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
    let _y = conv.forward(&x);
}
