// Shape rule `NormalizedFeaturesMatch`: Embedding(100, 8) into a LayerNormalization built for 16 features; Keras raises "Input 0 of layer layer_normalization is incompatible with the layer: expected axis -1 of input shape to have value 16".
use shaped::prelude::*;

fn main() -> Result<(), ShapeError> {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let norm = LayerNormalization::<f32, U![16]>::new();
    let ids = Tokens::<U![100], shape![Dyn, 20]>::from_ids(&[7; 40])?;
    let _y = norm.forward(&embedding.forward(&ids));
    Ok(())
}
