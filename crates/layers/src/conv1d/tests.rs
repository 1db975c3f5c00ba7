use super::*;
use shaped_shapes::{shape, Causal, ChannelsFirst, Dyn, Same, U};
use shaped_tensor::Tensor;

type Seed = Conv1D<f32, U![1], U![32], U![3]>;

#[test]
fn new_draws_glorot_uniform_weights_and_a_zero_bias() {
    let a = Seed::new(1);
    let b = Seed::new(1);
    assert_eq!(a.keras_kernel(), b.keras_kernel(), "same seed, same weights");
    assert_ne!(a.keras_kernel(), Seed::new(2).keras_kernel());
    // fan_in = 3 * 1, fan_out = 3 * 32: limit = sqrt(6 / 99)
    let limit = (6.0f32 / 99.0).sqrt();
    assert!(a.keras_kernel().iter().all(|w| w.abs() <= limit));
    assert!(a.keras_kernel().iter().any(|w| w.abs() > limit / 2.0));
    assert_eq!(a.bias(), Some(&[0.0f32; 32][..]));
    assert_eq!(a.param_count(), 3 * 32 + 32);
}

#[test]
fn weights_of_the_wrong_size_name_the_expected_shape() {
    let err = Seed::from_keras(&[0.0; 96], Some(&[0.0; 31])).err().unwrap();
    assert_eq!(err.to_string(), "weight conv1d.bias: expected shape (32,) (32 elements), got 31 elements");
    type Grouped = Conv1D<f64, U![8], U![4], U![5], U![1], Valid, U![1], U![2]>;
    let err = Grouped::from_pytorch(&[0.0; 81], None).err().unwrap();
    assert_eq!(
        err.to_string(),
        "weight conv.weight: expected shape (4, 4, 5) (80 elements), got 81 elements"
    );
    assert_eq!(Grouped::keras_kernel_shape(), [5, 4, 4]);
}

#[test]
fn layouts_convert_both_ways() {
    type Layer = Conv1D<f64, U![3], U![2], U![4]>;
    let keras: Vec<f64> = (0..24).map(f64::from).collect();
    let layer = Layer::from_keras(&keras, None).unwrap();
    let torch = layer.pytorch_kernel();
    // keras[k][i][o] == torch[o][i][k], with k = 3, i = 2, o = 1
    let (k, i, o) = (3, 2, 1);
    assert_eq!(torch[(o * 3 + i) * 4 + k], keras[(k * 3 + i) * 2 + o]);
    assert_eq!(Layer::from_pytorch(&torch, None).unwrap().keras_kernel(), &keras[..]);
}

#[test]
fn bias_and_activation_are_run_time_settings() {
    let layer = Seed::new(0).use_bias(false);
    assert_eq!(layer.bias(), None);
    assert_eq!(layer.param_count(), 96);
    let layer = layer.use_bias(true).activation(Activation::Relu);
    assert_eq!(layer.bias().map(<[f32]>::len), Some(32));
    assert_eq!(layer.activation_kind(), Activation::Relu);
    assert_eq!(
        format!("{:?}", Conv1D::<f32, U![4], U![8], U![3], U![2], Causal, U![1], U![4], ChannelsFirst>::new(0)),
        "Conv1D(filters=8, kernel_size=3, strides=2, padding=\"causal\", data_format=\"channels_first\", dilation_rate=1, groups=4, activation=Linear, use_bias=true, in_channels=4)"
    );
}

#[test]
fn relu_is_fused_after_the_bias() {
    // One tap, one channel: y = relu(w * x + b).
    let layer = Conv1D::<f32, U![1], U![1], U![1]>::from_keras(&[2.0], Some(&[-1.0])).unwrap();
    let x = Tensor::<f32, shape![1, 3, 1]>::from_vec(vec![0.0, 0.5, 2.0]).unwrap();
    assert_eq!(layer.forward(&x).as_slice(), &[-1.0, 0.0, 3.0]);
    let relu = layer.activation(Activation::Relu);
    assert_eq!(relu.forward(&x).as_slice(), &[0.0, 0.0, 3.0]);
}

#[test]
fn strides_and_dilation_together_are_accepted() {
    // PyTorch allows both; the output length is floor((L + pads - eff) / S) + 1 = (20 - 9) / 3 + 1.
    let layer: Conv1D<f32, U![2], U![3], U![3], U![3], Valid, U![4]> = Conv1D::new(5);
    let x = Tensor::<f32, shape![Dyn, 20, 2]>::zeros_with_batch(2).unwrap();
    let y: Tensor<f32, shape![Dyn, 4, 3]> = layer.forward(&x);
    assert_eq!(y.dims(), vec![2, 4, 3]);
    let same: Conv1D<f32, U![2], U![3], U![3], U![3], Same, U![4]> = Conv1D::new(5);
    let z: Tensor<f32, shape![Dyn, 7, 3]> = same.forward(&x);
    assert_eq!(z.batch(), 2);
}

#[test]
fn folding_batch_norm_matches_running_it() {
    use crate::{BatchNormalization, Layer};
    let conv: Conv1D<f64, U![3], U![4], U![5], U![1], Same> = Conv1D::new(9);
    let bn = BatchNormalization::<f64, U![4]>::from_keras(
        Some(&[0.5, 2.0, -1.0, 1.5]),
        Some(&[0.1, -0.2, 0.3, 0.0]),
        &[0.2, -0.1, 0.05, 1.0],
        &[1.5, 0.7, 2.0, 0.9],
        1e-3,
    )
    .unwrap();
    let x = Tensor::<f64, shape![2, 9, 3]>::from_fn(|i| ((i[0] * 5 + i[1] * 3 + i[2]) % 7) as f64 - 3.0);
    let two_passes = bn.forward(&conv.forward(&x));
    let folded = conv.fold_batch_norm(&bn).unwrap().forward(&x);
    for (a, b) in two_passes.as_slice().iter().zip(folded.as_slice()) {
        assert!((a - b).abs() < 1e-12);
    }
    assert!(conv.activation(Activation::Relu).fold_batch_norm(&bn).is_none());
}
