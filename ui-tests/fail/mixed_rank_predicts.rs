// Catalog row `mixed_rank_predicts`: predict on (100, 20) (silently accepted), then on the correct (100, 20, 1); Keras raises ValueError "Cannot take the length of shape with unknown rank".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![8], U![3]> = Conv1D::new(0);
    let good = Tensor::<f32, shape![100, 20, 1]>::zeros();
    let bad = Tensor::<f32, shape![100, 20]>::zeros();
    let _a = conv.forward(&good);
    let _b = conv.forward(&bad);
}
