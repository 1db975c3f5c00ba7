// Held-out mistake: GlobalAveragePooling1D, then another Conv1D; Keras raises "Input 0 of layer conv1d_1 is incompatible with the layer: expected min_ndim=3, found ndim=2".
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![16], U![5]>::new(0),
        GlobalAveragePooling1D::new(),
        Conv1D::<f32, U![16], U![16], U![3]>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 60, 1]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
