// Shape rule `TransposeChannelsMatch`: a Conv1DTranspose built for 8 input channels after a Conv1D with 16 filters (Keras: "Input 0 of layer conv1d_transpose is incompatible with the layer").
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let model = Sequential::<Tensor<f32, shape![Dyn, 20, 1]>, _>::new((
        Conv1D::<f32, U![1], U![16], U![3], U![1], Same>::new(0),
        Conv1DTranspose::<f32, U![8], U![4], U![3], U![2], Same>::new(1),
    ));
    let _y = model.forward(&x);
}
