//! InceptionTime (Ismail Fawaz et al. 2020), trained in Keras on BasicMotions
//! (`data/models/basicmotions_inception`): six Inception modules (a bottleneck, three
//! convolutions of 40, 20 and 10 steps and a max-pooled 1x1 convolution, concatenated), with a
//! projection shortcut every three modules.

use shaped_layers::merge::Concatenate;
use shaped_layers::pool::{GlobalAveragePooling1D, MaxPooling1D};
use shaped_layers::{Activation, BatchNormalization, Conv1D, Dense};
use shaped_shapes::{shape, Dyn, Same, U};
use shaped_tensor::Tensor;
use shaped_train::model;
use typenum::U1;

const RELU: Activation = Activation::Relu;

model! {
    /// The BasicMotions InceptionTime network, declared in Keras's order and names.
    #[derive(Clone, Debug)]
    pub struct BasicMotionsInception(x: Tensor<f32, shape![Dyn, 100, 6]>) -> Tensor<f32, shape![Dyn, 4]> {
        let b = Conv1D<f32, U![6], U![32], U1, U1, Same>(x).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(x);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![6], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let b = Conv1D<f32, U![128], U![32], U1, U1, Same>(y).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(y);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![128], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let b = Conv1D<f32, U![128], U![32], U1, U1, Same>(y).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(y);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![128], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let s = Conv1D<f32, U![6], U![128], U1, U1, Same>(x).use_bias(false); let y = BatchNormalization<f32, U![128]>(y); let s = BatchNormalization<f32, U![128]>(s);
        let y = Activation(y).with(RELU); let y = Add(s, y); let x = Activation(y).with(RELU);
        let b = Conv1D<f32, U![128], U![32], U1, U1, Same>(x).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(x);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![128], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let b = Conv1D<f32, U![128], U![32], U1, U1, Same>(y).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(y);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![128], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = BatchNormalization<f32, U![128]>(y); let y = Activation(y).with(RELU);
        let b = Conv1D<f32, U![128], U![32], U1, U1, Same>(y).use_bias(false); let p = MaxPooling1D<U![3], U1, Same>(y);
        let c1 = Conv1D<f32, U![32], U![32], U![40], U1, Same>(b).use_bias(false); let c2 = Conv1D<f32, U![32], U![32], U![20], U1, Same>(b).use_bias(false);
        let c3 = Conv1D<f32, U![32], U![32], U![10], U1, Same>(b).use_bias(false); let c4 = Conv1D<f32, U![128], U![32], U1, U1, Same>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let s = Conv1D<f32, U![128], U![128], U1, U1, Same>(x).use_bias(false); let y = BatchNormalization<f32, U![128]>(y); let s = BatchNormalization<f32, U![128]>(s);
        let y = Activation(y).with(RELU); let y = Add(s, y); let y = Activation(y).with(RELU);
        let y = GlobalAveragePooling1D(y);
        let y = Dense<f32, U![128], U![4]>(y).activation(Activation::Softmax);
        y
    }
}
