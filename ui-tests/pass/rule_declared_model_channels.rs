// Shape rule `ChannelsMatch`, passing twin of `fail/rule_declared_model_channels.rs`: a 20-layer chain declared with `model!` compiles and runs (a declaration has no length limit; a tuple `Sequential` chains at most 12 layers and can be nested).
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
        let y = Conv1D<f32, U![8], U![8], U![3], U![1], Same>(y).activation(Activation::Relu);
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
