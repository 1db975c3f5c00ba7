// Shape rule `CroppingLeavesSteps` (no catalog row): Cropping1D(2) on 4 steps removes all of them; Keras raises ValueError when the cropped length is not positive.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 4, 1]>::zeros();
    let _y = Cropping1D::<U![2]>::new().forward(&x);
}
