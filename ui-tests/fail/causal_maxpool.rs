// Catalog row `causal_maxpool`: MaxPooling1D(2, padding='causal'); Keras builds the layer and raises InvalidArgumentError when it runs: "Value for attr 'padding' of \"CAUSAL\" is not in the list of allowed values".
use shaped::prelude::*;

fn main() {
    let _pool = MaxPooling1D::<U![2], U![2], Causal>::new();
}
