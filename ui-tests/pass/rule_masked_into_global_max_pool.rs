// Shape rule `TakesMask` (passing twin of `rule_masked_into_global_max_pool`): the masked mean takes the mask; the max takes the values without it.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    let _mean: Tensor<f32, shape![Dyn, 4]> = GlobalAveragePooling1D::new().forward_masked(&masked);
    let _max: Tensor<f32, shape![Dyn, 4]> = GlobalMaxPooling1D::new().forward(masked.values());
}
