// Catalog row `dtype_string_input`: numpy array of strings (a CSV read without conversion) into predict; Keras raises ValueError "Invalid dtype: str64".
use shaped::prelude::*;

fn main() {
    let cells: Vec<&str> = vec!["0.5"; 40];
    let _x = Tensor::<f32, shape![2, 20, 1]>::from_vec(cells);
}
