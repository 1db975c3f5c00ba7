// Shape rule `FormatsAgree`, the fix: the pooling layer is built channels-first too, so it pools the time steps
// of the channels-first Conv1D's output.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(8).unwrap();
    let conv: Conv1D<f32, U![3], U![16], U![5], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let pool = MaxPooling1D::<U![2], U![2], Valid, ChannelsFirst>::new();
    let y: Tensor<f32, shape![Dyn, 16, 48; ChannelsFirst]> = pool.forward(&conv.forward(&x));
    assert_eq!(y.dims(), vec![8, 16, 48]);
}
