// Held-out mistake: a functional model adding a Conv1D(16) branch to a Conv1D(8) branch; Keras raises "Inputs have incompatible shapes: (None, 50, 16) and (None, 50, 8)".
use shaped::prelude::*;

model! {
    /// Two branches of different widths, added.
    pub struct TwoBranches(x: Tensor<f32, shape![Dyn, 50, 2]>) -> Tensor<f32, shape![Dyn, 3]> {
        let a = Conv1D<f32, U![2], U![8], U![3], U![1], Same>(x);
        let b = Conv1D<f32, U![2], U![16], U![5], U![1], Same>(x);
        let s = Add(a, b);
        let p = GlobalAveragePooling1D(s);
        let y = Dense<f32, U![8], U![3]>(p).activation(Activation::Softmax);
        y
    }
}

fn main() {
    let x = Tensor::<f32, shape![Dyn, 50, 2]>::zeros_with_batch(2).unwrap();
    let _y = TwoBranches::new(0).forward(&x);
}
