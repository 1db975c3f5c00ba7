// Catalog row `dtype_string_input`, the fix: numpy array of strings (a CSV read without conversion) into predict; Keras raises ValueError "Invalid dtype: str64".
use shaped::prelude::*;

fn main() {
    let cells: Vec<&str> = vec!["0.5"; 40];
    let parsed: Result<Vec<f32>, _> = cells.iter().map(|c| c.parse::<f32>()).collect();
    let x = Tensor::<f32, shape![2, 20, 1]>::from_vec(parsed.unwrap()).unwrap();
    assert_eq!(x.get(&[0, 0, 0]), Some(0.5));
}
