// Catalog row `global_pool_rank2`, the fix: add the channel axis: (8, 20) becomes (8, 20, 1), pooled to (8, 1).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![8, 20]>::zeros();
    let y: Tensor<f32, shape![8, 1]> = GlobalAveragePooling1D::new().forward(&x.add_channel_axis());
    assert_eq!(y.dims(), vec![8, 1]);
}
