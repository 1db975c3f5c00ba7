// Shape rule `LengthsAgree`: Add of two masked sequences of 20 and 19 steps; their masks cannot be merged step by step, and Keras raises "Inputs have incompatible shapes".
use shaped::prelude::*;

fn main() {
    let a = Masking::new(0.0).forward(&Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap());
    let b = Masking::new(0.0).forward(&Tensor::<f32, shape![Dyn, 19, 4]>::zeros_with_batch(2).unwrap());
    let _y = shaped::layers::merge::Add::new().forward(&(&a, &b));
}
