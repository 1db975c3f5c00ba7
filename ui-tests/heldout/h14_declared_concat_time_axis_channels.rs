// Held-out mistake: Concatenate(axis=1) of branches with 8 and 4 channels in a functional model; Keras raises "A Concatenate layer requires inputs with matching shapes except for the concatenation axis".
use shaped::prelude::*;
use shaped::layers::merge::TimeAxis;

model! {
    /// Two sequences joined along time.
    pub struct Joined(x: Tensor<f32, shape![Dyn, 20, 2]>) -> Tensor<f32, shape![Dyn, 40, 8]> {
        let a = Conv1D<f32, U![2], U![8], U![3], U![1], Same>(x);
        let b = Conv1D<f32, U![2], U![4], U![3], U![1], Same>(x);
        let j = Concatenate<TimeAxis>(a, b);
        j
    }
}

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 2]>::zeros_with_batch(2).unwrap();
    let _y = Joined::new(0).forward(&x);
}
