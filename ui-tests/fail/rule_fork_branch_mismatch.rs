// Shape rule `LengthsAgree` inside a fork (no catalog row): an Inception-style fork whose branches keep different lengths (a valid kernel 3 and a same kernel 5) is concatenated; Keras raises ValueError "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis".
use shaped::prelude::*;

fn main() {
    type X = Tensor<f32, shape![Dyn, 50, 4]>;
    let inception = Sequential::<X, _>::new((
        Fork::new((
            Conv1D::<f32, U![4], U![8], U![3]>::new(0),
            Conv1D::<f32, U![4], U![8], U![5], U![1], Same>::new(1),
        )),
        Concatenate::new(),
    ));
    let _y = inception.forward(&X::zeros_with_batch(2).unwrap());
}
