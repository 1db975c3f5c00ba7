// Shape rule `ChannelsMatch`: Embedding(100, 8) feeds 8 channels to a Conv1D built for 16 input channels; Keras raises "Input 0 of layer conv1d is incompatible with the layer: expected axis -1 of input shape to have value 16".
use shaped::prelude::*;

fn main() -> Result<(), ShapeError> {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let conv = Conv1D::<f32, U![16], U![32], U![3]>::new(1);
    let ids = Tokens::<U![100], shape![Dyn, 20]>::from_ids(&[7; 40])?;
    let _y = conv.forward(&embedding.forward(&ids));
    Ok(())
}
