// Shape rule `RepeatsAtLeastOnce`, the fix: RepeatVector(3) on (2, 5) gives (2, 3, 5).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5]>::zeros();
    let y: Tensor<f32, shape![2, 3, 5]> = RepeatVector::<U![3]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 3, 5]);
}
