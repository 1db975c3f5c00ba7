// Catalog row `dtype_float64_input`, the fix: float64 array into a float32 model; Keras silently casts to the layer's compute dtype.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f64, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let y = conv.forward(&x.cast::<f32>());
    assert_eq!(y.dims(), vec![2, 18, 4]);
}
