// Catalog row `pool_size_zero`: MaxPooling1D(pool_size=0); Keras raises ValueError "The `pool_size` argument must be a tuple of 1 integers. Received pool_size=0".
use shaped::prelude::*;

fn main() {
    let _pool = MaxPooling1D::<U![0]>::new();
}
