// Shape rule `TakesMask`: Masking(0.0) -> Conv1D(8, 3); Keras 3 warns "Layer 'conv1d' (of type Conv1D) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information." and drops the mask.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    let _y = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward_masked(&masked);
}
