// Catalog row `dtype_layer_float64`: Conv1D(dtype='float64') on float32 data; Keras accepts it (casts the data): output float64 (2, 18, 4).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 20, 1]>::zeros();
    let conv: Conv1D<f64, U![1], U![4], U![3]> = Conv1D::new(0);
    // the cast Keras does silently is written out
    let y: Tensor<f64, shape![2, 18, 4]> = conv.forward(&x.cast::<f64>());
    assert_eq!(y.dims(), vec![2, 18, 4]);
}
