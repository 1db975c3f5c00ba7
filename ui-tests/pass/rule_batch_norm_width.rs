// Shape rule `NormalizedChannelsMatch`, the fix: BatchNormalization built for the Conv1D's 64 filters.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 100, 3]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![64], U![5]> = Conv1D::new(0);
    let bn = BatchNormalization::<f32, U![64]>::new();
    let y: Tensor<f32, shape![Dyn, 96, 64]> = bn.forward(&conv.forward(&x));
    assert_eq!(y.dims(), vec![8, 96, 64]);
}
