// Catalog row `dtype_int32_input`, the fix: int32 array into a float32 model; Keras silently casts.
use shaped::prelude::*;

fn main() {
    let ints: Vec<i32> = (0..40).collect();
    // the conversion is explicit, and refuses any value f32 cannot hold exactly
    let x = Tensor::<f32, shape![2, 20, 1]>::from_vec_cast(&ints).unwrap();
    assert_eq!(x.get(&[1, 19, 0]), Some(39.0));
}
