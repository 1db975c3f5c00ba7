// Shape rule `FormatsAgree`: a channels-first Conv1D followed by a default (channels-last) MaxPooling1D; Keras
// silently pools the filters instead of the time steps (the layers' data_format differ).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![16], U![5], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let pool = MaxPooling1D::<U![2]>::new();
    let _y = pool.forward(&conv.forward(&x));
}
