// Shape rule `DepthwiseChannelsMatch`, the fix: the DepthwiseConv1D built for the 4 channels the Conv1D gives (PyTorch: nn.Conv1d(4, 8, 3, groups=4)).
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![1], ChannelsFirst>::new(0),
        DepthwiseConv1D::<f32, U![4], U![3], U![2], U![1], Valid, U![1], ChannelsFirst>::new(1),
    ));
    let x = Tensor::<f32, shape![Dyn, 1, 32; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 8, 28; ChannelsFirst]> = model.forward(&x);
    assert_eq!(y.dims(), vec![2, 8, 28]);
}
