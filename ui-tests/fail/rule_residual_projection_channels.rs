// Shape rule `ChannelsAgree` in a residual block with a projection shortcut (no catalog row): the branch goes to 128 channels, the 1x1 projection to 64; Keras raises ValueError "Inputs have incompatible shapes" at the Add.
use shaped::prelude::*;

fn main() {
    let block = Residual::with_shortcut(
        Conv1D::<f32, U![64], U![128], U![3], U![1], Same>::new(0),
        Conv1D::<f32, U![64], U![64], U![1], U![1], Same>::new(1),
    );
    let _y = block.forward(&Tensor::<f32, shape![Dyn, 150, 64]>::zeros_with_batch(2).unwrap());
}
