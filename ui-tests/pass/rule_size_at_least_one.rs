// Shape rule `SizeAtLeastOne`, the fix: a size of at least 1 (2 doubles the 4 steps).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 4, 1]>::zeros();
    let y: Tensor<f32, shape![2, 8, 1]> = UpSampling1D::<U![2]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 8, 1]);
}
