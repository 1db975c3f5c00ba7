// Catalog row `dtype_bool_input`: bool array into a float32 model; Keras silently casts.
use shaped::prelude::*;

fn main() {
    let mask: Vec<bool> = vec![true; 40];
    let _x = Tensor::<f32, shape![2, 20, 1]>::from_vec(mask);
}
