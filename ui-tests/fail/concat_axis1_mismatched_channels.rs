// Catalog row `concat_axis1_mismatched_channels`: Concatenate(axis=1) (time) of Conv1D(8, 3) and Conv1D(16, 3); Keras raises ValueError "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis".
use shaped::layers::merge::TimeAxis;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let a = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&x);
    let b = Conv1D::<f32, U![1], U![16], U![3]>::new(1).forward(&x);
    let _y = Concatenate::axis(TimeAxis).forward(&(a, b));
}
