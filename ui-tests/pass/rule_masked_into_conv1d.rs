// Shape rule `TakesMask` (passing twin of `rule_masked_into_conv1d`): the mask dropped explicitly, as Keras drops it.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    let y: Tensor<f32, shape![Dyn, 18, 8]> = Conv1D::<f32, U![1], U![8], U![3]>::new(0).forward(&masked.without_mask());
    assert_eq!(y.batch(), 2);
}
