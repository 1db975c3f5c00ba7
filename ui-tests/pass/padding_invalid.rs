// Catalog row `padding_invalid`, the fix: Conv1D(4, 3, padding='full'); Keras raises ValueError "The `padding` argument must be a list/tuple or one of {'same', 'causal', 'valid'}".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Explicit<U![2], U![2]>> = Conv1D::new(0);
    // PyTorch's 'full' convolution is explicit padding of kernel_size - 1 on both sides
    let y = conv.forward(&Tensor::<f32, shape![2, 20, 1]>::zeros());
    assert_eq!(y.dims(), vec![2, 22, 4]);
}
