//! InceptionTime (Ismail Fawaz et al. 2020), trained in Keras on BasicMotions
//! (`data/models/basicmotions_inception`): six Inception modules (a bottleneck, three
//! convolutions of 40, 20 and 10 steps and a max-pooled 1x1 convolution, concatenated), with a
//! projection shortcut every three modules.

use shaped_layers::merge::{Add, Concatenate};
use shaped_layers::pool::{GlobalAveragePooling1D, MaxPooling1D};
use shaped_layers::{model, Activation, BatchNormalization, Conv1D, Dense};
use shaped_shapes::{shape, Dyn, Same, U};
use shaped_tensor::Tensor;
use typenum::U1;

/// The module's convolutions: 32 filters, `padding="same"`, `use_bias=False` (set on each).
type C<Cin, K> = Conv1D<f32, Cin, U![32], K, U1, Same>;
type Pool = MaxPooling1D<U![3], U1, Same>;
type Bn = BatchNormalization<f32, U![128]>;
type Proj = Conv1D<f32, U![6], U![128], U1, U1, Same>;
type Proj2 = Conv1D<f32, U![128], U![128], U1, U1, Same>;
type A = Activation;
const RELU: Activation = Activation::Relu;

model! {
    /// The BasicMotions InceptionTime network, declared in Keras's order and names.
    pub struct BasicMotionsInception(x: Tensor<f32, shape![Dyn, 100, 6]>) {
        let b = C<U![6], U1>(x).use_bias(false); let p = Pool(x);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![6], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = Bn(y); let y = A(y).with(RELU);
        let b = C<U![128], U1>(y).use_bias(false); let p = Pool(y);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![128], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = Bn(y); let y = A(y).with(RELU);
        let b = C<U![128], U1>(y).use_bias(false); let p = Pool(y);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![128], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let s = Proj(x).use_bias(false); let y = Bn(y); let s = Bn(s);
        let y = A(y).with(RELU); let y = Add(s, y); let x = A(y).with(RELU);
        let b = C<U![128], U1>(x).use_bias(false); let p = Pool(x);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![128], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = Bn(y); let y = A(y).with(RELU);
        let b = C<U![128], U1>(y).use_bias(false); let p = Pool(y);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![128], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let y = Bn(y); let y = A(y).with(RELU);
        let b = C<U![128], U1>(y).use_bias(false); let p = Pool(y);
        let c1 = C<U![32], U![40]>(b).use_bias(false); let c2 = C<U![32], U![20]>(b).use_bias(false);
        let c3 = C<U![32], U![10]>(b).use_bias(false); let c4 = C<U![128], U1>(p).use_bias(false);
        let y = Concatenate(c1, c2, c3, c4); let s = Proj2(x).use_bias(false); let y = Bn(y); let s = Bn(s);
        let y = A(y).with(RELU); let y = Add(s, y); let y = A(y).with(RELU);
        let y = GlobalAveragePooling1D(y);
        let y = Dense<f32, U![128], U![4]>(y).activation(Activation::Softmax);
        y
    }
}
