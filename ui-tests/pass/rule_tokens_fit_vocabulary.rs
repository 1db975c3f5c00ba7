// Shape rule `TokensFitVocabulary`, the fix: the tokens are checked against the Embedding's own vocabulary (input_dim=100), so 512 is refused when it enters.
use shaped::prelude::*;

fn main() {
    let embedding = Embedding::<f32, U![100], U![8]>::new(0);
    let err = Tokens::<U![100], shape![Dyn, 4]>::from_ids(&[1, 2, 3, 512]).unwrap_err();
    assert!(err.to_string().starts_with("token id 512 at sample 0, step 3"), "{err}");
    let ids = Tokens::<U![100], shape![Dyn, 4]>::from_ids(&[1, 2, 3, 51]).unwrap();
    let y: Tensor<f32, shape![Dyn, 4, 8]> = embedding.forward(&ids);
    assert_eq!(y.as_slice()[24..], embedding.row(51).unwrap()[..]);
}
