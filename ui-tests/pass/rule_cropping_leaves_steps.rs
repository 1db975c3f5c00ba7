// Shape rule `CroppingLeavesSteps`, the fix: Cropping1D(1) on 4 steps leaves 2.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 4, 1]>::zeros();
    let y: Tensor<f32, shape![2, 2, 1]> = Cropping1D::<U![1]>::new().forward(&x);
    assert_eq!(y.dims(), vec![2, 2, 1]);
}
