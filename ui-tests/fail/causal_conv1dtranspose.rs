// Catalog row `causal_conv1dtranspose`: Conv1DTranspose(4, 3, padding='causal'); Keras raises ValueError "The `padding` argument must be a list/tuple or one of {'same', 'valid'}".
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let _conv = Conv1DTranspose::<f32, U![1], U![4], U![3], U![1], Causal>::new(0);
}
