// Shape rule `TakesMask`: Masking(0.0) -> GlobalMaxPooling1D; Keras 3's GlobalMaxPooling1D does not support masking (it warns, drops the mask and takes the max over every step).
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let masked = Masking::new(0.0).forward(&x);
    let _y = GlobalMaxPooling1D::new().forward_masked(&masked);
}
