// Shape rule `NormalizedFeaturesMatch`, the fix: the LayerNormalization after Embedding(100, 8) is built for 8 features.
use shaped::prelude::*;

fn main() -> Result<(), ShapeError> {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let norm = LayerNormalization::<f32, U![8]>::new();
    let ids = Tokens::<U![100], shape![Dyn, 20]>::from_ids(&[7; 40])?;
    let y: Tensor<f32, shape![Dyn, 20, 8]> = norm.forward(&embedding.forward(&ids));
    assert_eq!(y.batch(), 2);
    Ok(())
}
