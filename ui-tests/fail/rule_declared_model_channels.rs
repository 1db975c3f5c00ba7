// Shape rule `ChannelsMatch` in a `model!` declaration (no catalog row): a 20-layer declaration whose layer 12 is a Conv1D built for 16 input channels after layers of 8; Keras raises ValueError "Input 0 of layer conv1d_6 is incompatible with the layer".
use shaped::prelude::*;

model! {
    /// Twenty layers in a row.
    pub struct Deep(x: Tensor<f32, shape![Dyn, 64, 1]>) -> Tensor<f32, shape![Dyn, 8]> {
        let y = Conv1D<f32, U![1], U![8], U![3], U![1], Same>(x);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![16], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
        let y = BatchNormalization<f32, U![8]>(y);
        let y = GlobalAveragePooling1D(y);
        y
    }
}

fn main() {
    let model = Deep::new(0);
    assert_eq!(Deep::LAYER_NAMES.len(), 20);
    let y: Tensor<f32, shape![Dyn, 8]> = model.forward(&Tensor::zeros_with_batch(3).unwrap());
    assert_eq!(y.batch(), 3);
}
