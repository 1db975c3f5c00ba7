// Shape rule `TakesMask`: a masked Sequential [Masking(0.0), Conv1D(8, 3), GlobalAveragePooling1D]; Keras 3 warns at the Conv1D "... does not support masking and will therefore destroy the mask information" and the pooling averages every step.
use shaped::prelude::*;

type Input = Tensor<f32, shape![Dyn, 20, 1]>;

fn main() {
    let model = Sequential::<Input, _, _>::new_masked((
        Masking::new(0.0),
        Conv1D::<f32, U![1], U![8], U![3]>::new(0),
        GlobalAveragePooling1D::new(),
    ));
    let _y = model.forward(&Input::zeros_with_batch(2).unwrap());
}
