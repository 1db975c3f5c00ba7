// Held-out mistake: UpSampling1D(2) output added to the un-upsampled input (a U-Net skip at the wrong level); Keras raises "Inputs have incompatible shapes: (None, 32, 4) and (None, 16, 4)".
use shaped::prelude::*;

use shaped::layers::merge::Add;
use shaped::layers::reshaping::UpSampling1D;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 16, 4]>::zeros_with_batch(2).unwrap();
    let up = UpSampling1D::<U![2]>::new().forward(&x);
    let _y = Add::new().forward(&(&up, &x));
}
