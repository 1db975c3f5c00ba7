//! A gated WaveNet/TCN stack, trained in Keras on JapaneseVowels
//! (`data/models/japanese_vowels_wavenet`): four blocks of dilated causal convolutions
//! (dilations 1, 2, 4, 8) with a `tanh x sigmoid` gate, residual and skip 1x1 convolutions,
//! the four skips summed.
//!
//! Keras drops the last block's residual convolution and sum (`conv1d_15`, `add_3`): nothing
//! uses them. Here they are not declared (a declared layer whose output is unused does not
//! compile), and the layers after them carry Keras's names explicitly.

use shaped_layers::merge::Multiply;
use shaped_layers::pool::GlobalAveragePooling1D;
use shaped_layers::{Activation, Conv1D, Dense};
use shaped_shapes::{shape, Causal, Dyn, U};
use shaped_tensor::Tensor;
use shaped_train::model;
use typenum::U1;

const TANH: Activation = Activation::Tanh;
const SIGMOID: Activation = Activation::Sigmoid;

model! {
    /// The JapaneseVowels gated WaveNet, declared in Keras's order and names.
    #[derive(Clone, Debug)]
    pub struct JapaneseVowelsWaveNet(x: Tensor<f32, shape![Dyn, 29, 12]>) -> Tensor<f32, shape![Dyn, 9]> {
        let x = Conv1D<f32, U![12], U![32], U1>(x);
        let f = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U1>(x).activation(TANH); let g = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U1>(x).activation(SIGMOID); let z = Multiply(f, g);
        let r = Conv1D<f32, U![32], U![32], U1>(z); let s1 = Conv1D<f32, U![32], U![32], U1>(z); let x = Add(x, r);
        let f = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![2]>(x).activation(TANH); let g = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![2]>(x).activation(SIGMOID); let z = Multiply(f, g);
        let r = Conv1D<f32, U![32], U![32], U1>(z); let s2 = Conv1D<f32, U![32], U![32], U1>(z); let x = Add(x, r);
        let f = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![4]>(x).activation(TANH); let g = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![4]>(x).activation(SIGMOID); let z = Multiply(f, g);
        let r = Conv1D<f32, U![32], U![32], U1>(z); let s3 = Conv1D<f32, U![32], U![32], U1>(z); let x = Add(x, r);
        let f = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![8]>(x).activation(TANH); let g = Conv1D<f32, U![32], U![32], U![2], U1, Causal, U![8]>(x).activation(SIGMOID); let z = Multiply(f, g);
        let s4 = Conv1D<f32, U![32], U![32], U1>(z) as "conv1d_16";
        let y = Add(s1, s2, s3, s4) as "add_4"; let y = Activation(y).with(Activation::Relu);
        let y = Conv1D<f32, U![32], U![32], U1>(y).activation(Activation::Relu) as "conv1d_17";
        let y = GlobalAveragePooling1D(y);
        let y = Dense<f32, U![32], U![9]>(y).activation(Activation::Softmax);
        y
    }
}
