// Shape rule `ChannelsAgree`, passing twin of `fail/rule_residual_projection_channels.rs`: the projection goes to the branch's 128 channels.
use shaped::prelude::*;

fn main() {
    let block = Residual::with_shortcut(
        Conv1D::<f32, U![64], U![128], U![3], U![1], Same>::new(0),
        Conv1D::<f32, U![64], U![128], U![1], U![1], Same>::new(1),
    );
    let y: Tensor<f32, shape![Dyn, 150, 128]> =
        block.forward(&Tensor::<f32, shape![Dyn, 150, 64]>::zeros_with_batch(2).unwrap());
    assert_eq!(y.batch(), 2);
}
