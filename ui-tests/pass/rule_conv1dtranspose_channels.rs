// Shape rule `TransposeChannelsMatch`, the fix: the Conv1DTranspose's input channels are the previous layer's filters (16).
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let model = Sequential::<Tensor<f32, shape![Dyn, 20, 1]>, _>::new((
        Conv1D::<f32, U![1], U![16], U![3], U![1], Same>::new(0),
        Conv1DTranspose::<f32, U![16], U![4], U![3], U![2], Same>::new(1),
    ));
    let y: Tensor<f32, shape![Dyn, 40, 4]> = model.forward(&x);
    assert_eq!(y.dims(), vec![2, 40, 4]);
}
