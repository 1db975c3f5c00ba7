// Held-out mistake: an inception-style Fork of Conv1D(8, 3, padding='same') and Conv1D(8, 3, strides=2, padding='same'), concatenated; Keras raises "A Concatenate layer requires inputs with matching shapes except for the concatenation axis".
use shaped::prelude::*;

use shaped::layers::graph::Fork;
use shaped::layers::merge::Concatenate;

fn main() {
    let block = Sequential::<Tensor<f32, shape![Dyn, 40, 4]>, _>::new((
        Fork::new((
            Conv1D::<f32, U![4], U![8], U![3], U![1], Same>::new(0),
            Conv1D::<f32, U![4], U![8], U![3], U![2], Same>::new(1),
        )),
        Concatenate::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 40, 4]>::zeros_with_batch(2).unwrap();
    let _y = block.forward(&x);
}
