// Shape rule `MaskStepsMatch` (passing twin of `rule_mask_steps_mismatch`): the mask has the sequence's 20 steps.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(2).unwrap();
    let mask = Mask::<Dyn, U![20]>::all_kept(2).unwrap();
    let m = Masked::new(x, mask).unwrap();
    assert_eq!(m.mask().kept_steps(1), 20);
}
