// Shape rule `AlphaAxisFits`, the fix: alpha of shape (1, 4), shared over the steps (Keras PReLU(shared_axes=[1])).
use shaped::prelude::*;

fn main() {
    let prelu = PReLU::<f32, U![1], U![4]>::new();
    let x = Tensor::<f32, shape![2, 5, 4]>::zeros();
    assert_eq!(prelu.forward(&x).dims(), vec![2, 5, 4]);
}
