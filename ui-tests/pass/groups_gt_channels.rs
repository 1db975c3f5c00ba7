// Catalog row `groups_gt_channels`, the fix: Input((20, 2)) -> Conv1D(filters=4, kernel_size=3, groups=4); Keras raises ValueError "The number of input channels must be evenly divisible by the number of groups".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![2], U![4], U![3], U![1], Valid, U![1], U![2]> = Conv1D::new(0);
    let y = conv.forward(&Tensor::<f32, shape![2, 20, 2]>::zeros());
    assert_eq!(y.dims(), vec![2, 18, 4]);
}
