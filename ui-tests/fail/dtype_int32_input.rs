// Catalog row `dtype_int32_input`: int32 array into a float32 model; Keras silently casts.
use shaped::prelude::*;

fn main() {
    let ints: Vec<i32> = (0..40).collect();
    let _x = Tensor::<f32, shape![2, 20, 1]>::from_vec(ints);
}
