// Shape rule `StridesOrDilationOne`, the fix: Keras's layer takes strides or dilation; PyTorch's weights take both through from_pytorch.
use shaped::layers::Conv1DTranspose;
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![2, 10, 1]>::zeros();
    let keras = Conv1DTranspose::<f32, U![1], U![4], U![3], U![1], Valid, U![2]>::new(0);
    let y: Tensor<f32, shape![2, 14, 4]> = keras.forward(&x);
    assert_eq!(y.dims(), vec![2, 14, 4]);
    // PyTorch: nn.ConvTranspose1d(1, 4, 3, stride=2, dilation=2), weight (1, 4, 3).
    let torch = Conv1DTranspose::<f32, U![1], U![4], U![3], U![2], Valid, U![2]>::from_pytorch(&[0.0; 12], None).unwrap();
    let y: Tensor<f32, shape![2, 23, 4]> = torch.forward(&x);
    assert_eq!(y.dims(), vec![2, 23, 4]);
}
