// Held-out mistake: a channels-first model (PyTorch port) fed Keras-layout (batch, steps, channels) data of 3 channels and 3 steps; Keras silently swaps the axes.
use shaped::prelude::*;

fn main() {
    let model = Sequential::new((
        Conv1D::<f32, U![3], U![8], U![3], U![1], Same, U![1], U![1], ChannelsFirst>::new(0),
        MaxPooling1D::<U![1], U![1], Valid, ChannelsFirst>::new(),
    ));
    let x = Tensor::<f32, shape![Dyn, 3, 3]>::zeros_with_batch(2).unwrap();
    let _y = model.forward(&x);
}
