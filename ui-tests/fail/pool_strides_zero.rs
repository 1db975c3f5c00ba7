// Catalog row `pool_strides_zero`: MaxPooling1D(pool_size=2, strides=0); Keras builds the layer and raises InvalidArgumentError when it runs.
use shaped::prelude::*;

fn main() {
    let _pool = MaxPooling1D::<U![2], U![0]>::new();
}
