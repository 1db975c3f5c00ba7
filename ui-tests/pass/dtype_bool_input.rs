// Catalog row `dtype_bool_input`, the fix: bool array into a float32 model; Keras silently casts.
use shaped::prelude::*;

fn main() {
    let mask: Vec<bool> = vec![true; 40];
    let x = Tensor::<f32, shape![2, 20, 1]>::from_vec(mask.iter().map(|&b| f32::from(u8::from(b))).collect())
        .unwrap();
    assert_eq!(x.as_slice().iter().sum::<f32>(), 40.0);
}
