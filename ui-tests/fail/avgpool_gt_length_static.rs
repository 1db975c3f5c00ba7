// Catalog row `avgpool_gt_length_static`: Input((5, 1)) -> AveragePooling1D(pool_size=10) (padding='valid'); Keras raises ValueError "Computed output size would be zero or negative".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 5, 1]>::zeros();
    let _y = AveragePooling1D::<U![10]>::new().forward(&x);
}
