// Shape rule `LengthsAgree`, passing twin of `fail/rule_concat_nary_mismatch.rs`: four branches of 100 steps concatenate to 128 channels.
use shaped::prelude::*;

fn main() {
    let a = Tensor::<f32, shape![Dyn, 100, 32]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 100, 128]> = Concatenate::new().forward(&(&a, &a, &a, &a));
    assert_eq!(y.batch(), 2);
}
