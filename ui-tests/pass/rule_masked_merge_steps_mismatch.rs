// Shape rule `LengthsAgree`, fixed: both masked sequences have 20 steps; the Add keeps a step either mask keeps, as Keras.
use shaped::prelude::*;

fn main() {
    let a = Masking::new(0.0).forward(&Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap());
    let b = Masking::new(0.0).forward(&Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap());
    let y: Masked<f32, shape![Dyn, 20, 4]> = shaped::layers::merge::Add::new().forward(&(&a, &b));
    assert_eq!(y.mask().kept_steps(0), 0);
}
