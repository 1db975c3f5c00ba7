// Catalog row `global_pool_rank2`: GlobalAveragePooling1D on a rank-2 input (None, 20); Keras raises ValueError "Input 0 with name 'None' of layer 'global_average_pooling1d' is incompatible with the layer: expected ndim=3, found ndim=2".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 20]>::zeros();
    let _y = GlobalAveragePooling1D::new().forward(&x);
}
