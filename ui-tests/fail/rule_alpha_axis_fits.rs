// Shape rule `AlphaAxisFits`: a PReLU whose alpha has 3 channels on an input of 4 channels; Keras builds alpha from the input, so this is a PReLU loaded with another layer's alpha.
use shaped::prelude::*;

fn main() {
    let prelu = PReLU::<f32, U![1], U![3]>::new();
    let x = Tensor::<f32, shape![2, 5, 4]>::zeros();
    let _y = prelu.forward(&x);
}
