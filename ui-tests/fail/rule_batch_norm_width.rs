// Shape rule `NormalizedChannelsMatch`: BatchNormalization built for 32 channels after a Conv1D with 64 filters; Keras raises "Input 0 of layer batch_normalization is incompatible with the layer: expected axis -1 of input shape to have value 32".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 100, 3]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![64], U![5]> = Conv1D::new(0);
    let bn = BatchNormalization::<f32, U![32]>::new();
    let _y = bn.forward(&conv.forward(&x));
}
