// Shape rule `MaskStepsMatch`: a (batch, 19) mask given to a sequence of 20 steps; a mask holds one flag per sample and time step.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let mask = Mask::<Dyn, U![19]>::all_kept(2).unwrap();
    let _m = Masked::new(x, mask);
}
