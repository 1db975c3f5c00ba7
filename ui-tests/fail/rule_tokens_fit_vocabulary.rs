// Shape rule `TokensFitVocabulary`: tokens checked against a vocabulary of 1000 ids into Embedding(input_dim=100); Keras fails only at the lookup, "indices[0,3] = 512 is not in [0, 100)".
use shaped::prelude::*;

fn main() -> Result<(), ShapeError> {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let ids = Tokens::<U![1000], shape![Dyn, 4]>::from_ids(&[1, 2, 3, 512])?;
    let _y = embedding.forward(&ids);
    Ok(())
}
