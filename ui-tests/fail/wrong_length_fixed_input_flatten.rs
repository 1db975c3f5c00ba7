// Catalog row `wrong_length_fixed_input_flatten`: length-30 data into Input((20, 1)) -> Conv1D(4, 3) -> Flatten -> Dense(1): the Dense kernel was built for 18*4 = 72 features, the data gives 28*4 = 112; Keras raises ValueError "Input 0 of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 72".
use shaped::prelude::*;

fn main() {
    type Input = Tensor<f32, shape![Dyn, 30, 1]>;
    let _model = Sequential::<Input, _>::new((
        Conv1D::<f32, U![1], U![4], U![3]>::new(0),
        Flatten::new(),
        Dense::<f32, U![72], U![1]>::new(1),
    ));
}
