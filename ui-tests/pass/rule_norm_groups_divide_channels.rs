// Shape rule `NormGroupsDivideChannels`, the fix: 3 groups of 2 channels.
use shaped::prelude::*;

fn main() {
    let norm = GroupNormalization::<f32, U![6], U![3]>::new();
    let x = Tensor::<f32, shape![2, 5, 6]>::zeros();
    assert_eq!(norm.forward(&x).dims(), vec![2, 5, 6]);
}
