//! The ResNet of Wang et al. (2017) for time-series classification, trained in Keras on
//! GunPoint (`data/models/gunpoint_resnet`): three residual blocks of 64, 128, 128 filters, the
//! first two with a projection shortcut (1x1 Conv1D + BatchNormalization), the third with a
//! BatchNormalization shortcut.

use shaped_layers::pool::GlobalAveragePooling1D;
use shaped_layers::{Activation, BatchNormalization, Conv1D, Dense};
use shaped_shapes::{shape, Dyn, Same, U};
use shaped_tensor::Tensor;
use shaped_train::model;
use typenum::U1;

const RELU: Activation = Activation::Relu;

model! {
    /// The GunPoint ResNet, declared in Keras's order and names.
    #[derive(Clone, Debug)]
    pub struct GunPointResNet(x: Tensor<f32, shape![Dyn, 150, 1]>) -> Tensor<f32, shape![Dyn, 2]> {
        let y = Conv1D<f32, U1, U![64], U![8], U1, Same>(x); let y = BatchNormalization<f32, U![64]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![64], U![64], U![5], U1, Same>(y); let y = BatchNormalization<f32, U![64]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![64], U![64], U![3], U1, Same>(y); let s = Conv1D<f32, U1, U![64], U1, U1, Same>(x);
        let y = BatchNormalization<f32, U![64]>(y); let s = BatchNormalization<f32, U![64]>(s); let y = Add(s, y); let x = Activation(y).with(RELU);
        let y = Conv1D<f32, U![64], U![128], U![8], U1, Same>(x); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![128], U![128], U![5], U1, Same>(y); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![128], U![128], U![3], U1, Same>(y); let s = Conv1D<f32, U![64], U![128], U1, U1, Same>(x);
        let y = BatchNormalization<f32, U![128]>(y); let s = BatchNormalization<f32, U![128]>(s); let y = Add(s, y); let x = Activation(y).with(RELU);
        let y = Conv1D<f32, U![128], U![128], U![8], U1, Same>(x); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![128], U![128], U![5], U1, Same>(y); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let y = Conv1D<f32, U![128], U![128], U![3], U1, Same>(y);
        let y = BatchNormalization<f32, U![128]>(y); let s = BatchNormalization<f32, U![128]>(x); let y = Add(s, y); let y = Activation(y).with(RELU);
        let y = GlobalAveragePooling1D(y);
        let y = Dense<f32, U![128], U![2]>(y).activation(Activation::Softmax);
        y
    }
}
