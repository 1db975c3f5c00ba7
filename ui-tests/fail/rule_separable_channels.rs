// Shape rule `SeparableChannelsMatch`: a SeparableConv1D built for 8 input channels after a 4-filter Conv1D; Keras raises "Input 0 of layer 'separable_conv1d' is incompatible with the layer: expected axis -1 of input shape to have value 8".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        SeparableConv1D::<f32, U![8], U![16], U![3]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 32, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
