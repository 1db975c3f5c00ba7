// Shape rule `LengthsAgree` on the fourth input of a 4-way Concatenate (no catalog row): three branches keep 100 steps, the fourth is pooled to 50; Keras raises ValueError "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis".
use shaped::prelude::*;

fn main() {
    let a = Tensor::<f32, shape![Dyn, 100, 32]>::zeros_with_batch(2).unwrap();
    let d = Tensor::<f32, shape![Dyn, 50, 32]>::zeros_with_batch(2).unwrap();
    let _y = Concatenate::new().forward(&(&a, &a, &a, &d));
}
