// Shape rule `DepthwiseChannelsMatch`: a channels-first DepthwiseConv1D built for 8 channels after a 4-filter Conv1D; Keras raises "Input 0 of layer 'depthwise_conv1d' is incompatible with the layer: expected axis 1 of input shape to have value 8".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![1], ChannelsFirst>::new(0),
        DepthwiseConv1D::<f32, U![8], U![3], U![2], U![1], Valid, U![1], ChannelsFirst>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 1, 32; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
