// Shape rule `OutputSizeAtLeastOne`, the fix: AdaptiveAveragePooling1D(output_size=4) on 10 steps.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 3]>::zeros();
    let y: Tensor<f32, shape![2, 4, 3]> = AdaptiveAveragePooling1D::<U![4]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 4, 3]);
}
