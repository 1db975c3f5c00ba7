// Held-out mistake: Flatten then MaxPooling1D; Keras raises "Input 0 of layer max_pooling1d is incompatible with the layer: expected ndim=3, found ndim=2".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let x = Tensor::<f32, shape![Dyn, 30, 1]>::zeros_with_batch(2).unwrap();
    let flat = Flatten::new().forward(&conv.forward(&x));
    let _y = MaxPooling1D::<U![2]>::new().forward(&flat);
}
