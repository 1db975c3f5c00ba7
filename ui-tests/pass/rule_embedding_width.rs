// Shape rule `ChannelsMatch`, the fix: the Conv1D after Embedding(100, 8) takes 8 input channels.
use shaped::prelude::*;

fn main() -> Result<(), ShapeError> {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let conv = Conv1D::<f32, U![8], U![32], U![3]>::new(1);
    let ids = Tokens::<U![100], shape![Dyn, 20]>::from_ids(&[7; 40])?;
    let y: Tensor<f32, shape![Dyn, 18, 32]> = conv.forward(&embedding.forward(&ids));
    assert_eq!(y.batch(), 2);
    Ok(())
}
