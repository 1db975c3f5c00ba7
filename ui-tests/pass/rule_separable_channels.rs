// Shape rule `SeparableChannelsMatch`, the fix: the SeparableConv1D built for the 4 channels the Conv1D gives.
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        SeparableConv1D::<f32, U![4], U![16], U![3]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 32, 1]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 28, 16]> = model.forward(&x);
    assert_eq!(y.dims(), vec![2, 28, 16]);
}
