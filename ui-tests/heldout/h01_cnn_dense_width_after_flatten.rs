// Held-out mistake: Conv1D(32, 3) on 100 steps, MaxPooling1D(2), Flatten, Dense(10) built for 1600 inputs (it gets 49*32 = 1568); Keras raises "Input 0 of layer dense is incompatible with the layer: expected axis -1 of input shape to have value 1600" when weights are loaded.
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![32], U![3]>::new(0).activation(Activation::Relu),
        MaxPooling1D::<U![2]>::new(),
        Flatten::new(),
        Dense::<f32, U![1600], U![10]>::new(1).activation(Activation::Softmax),
    ));
    let x = Tensor::<f32, shape![Dyn, 100, 1]>::zeros_with_batch(4).unwrap();
    let _p = model.forward(&x);
}
