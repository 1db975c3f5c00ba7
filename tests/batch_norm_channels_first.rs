//! BatchNormalization over the channel axis of channels-first data against real Keras 3
//! (`BatchNormalization(axis=1)` on `(batch, channels, steps)`, PyTorch's `BatchNorm1d`
//! layout), from `tests/golden/batch_norm_channels_first.json`
//! (`tools/gen_batch_norm_cf_cases.py`): inference, and training mode's output, input and
//! weight gradients and moving statistics.
//!
//! Tolerance: `|shaped - keras| <= 2e-5 + 2e-4 * max|keras|` per tensor, as the channels-last
//! training golden test (batch statistics are sums over the batch and the steps).

#[path = "support/golden_values.rs"]
mod golden_values;

use serde_json::Value;
use shaped::layers::{BatchNormalization, Layer};
use shaped::shapes::{shape, ChannelsFirst, ChannelsFirstShape, U};
use shaped::tensor::Tensor;
use shaped::train::{Backward, TrainContext, Trainable};

use golden_values::{close, floats};

fn cases() -> Value {
    let path = format!("{}/tests/golden/batch_norm_channels_first.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{path}: {e}"))["cases"].clone()
}

fn check<C, B, L>(name: &str)
where
    C: shaped::shapes::StaticDim,
    B: shaped::shapes::Dim,
    L: shaped::shapes::StaticDim,
    ChannelsFirstShape<B, C, L>: shaped::shapes::Shape<Batch = B>,
    BatchNormalization<f32, C, ChannelsFirst>: Layer<Tensor<f32, ChannelsFirstShape<B, C, L>>, Output = Tensor<f32, ChannelsFirstShape<B, C, L>>>
        + Backward<
            f32,
            Tensor<f32, ChannelsFirstShape<B, C, L>>,
            InputGrad = Tensor<f32, ChannelsFirstShape<B, C, L>>,
        >,
{
    let all = cases();
    let case = &all[name];
    let w = &case["weights"];
    let opt = |k: &str| (!w[k].is_null()).then(|| floats(&w[k]));
    let (gamma, beta) = (opt("gamma"), opt("beta"));
    let mut bn = BatchNormalization::<f32, C, ChannelsFirst>::from_keras(
        gamma.as_deref(),
        beta.as_deref(),
        &floats(&w["moving_mean"]),
        &floats(&w["moving_variance"]),
        case["epsilon"].as_f64().unwrap(),
    )
    .unwrap()
    .with_momentum(case["momentum"].as_f64().unwrap());
    let x = Tensor::<f32, ChannelsFirstShape<B, C, L>>::from_vec(floats(&case["x"])).unwrap();
    close(name, "inference", bn.forward(&x).as_slice(), &floats(&case["inference"]));
    let mut ctx = TrainContext::new(0);
    let (y, tape) = bn.forward_train(&x, &mut ctx);
    close(name, "y (training)", y.as_slice(), &floats(&case["y_train"]));
    let dy = Tensor::<f32, ChannelsFirstShape<B, C, L>>::from_vec(floats(&case["dy"])).unwrap();
    let mut grads = vec![f32::NAN; bn.trainable_len()];
    let dx = bn.backward(&x, &y, tape, dy, &mut grads, &mut ctx);
    close(name, "dx", dx.as_slice(), &floats(&case["dx"]));
    let mut at = 0;
    for (var, len) in bn.trainable_shapes() {
        close(name, &format!("d{var}"), &grads[at..at + len], &floats(&case["grads"][var.as_str()]));
        at += len;
    }
    assert_eq!(at, grads.len());
    close(name, "moving_mean", bn.moving_mean(), &floats(&case["after"]["moving_mean"]));
    close(name, "moving_variance", bn.moving_variance(), &floats(&case["after"]["moving_variance"]));
}

#[test]
fn channels_first_batch_normalization_matches_keras_axis_1() {
    check::<U![3], U![4], U![7]>("c3_l7");
    check::<U![5], U![3], U![4]>("c5_l4_eps1e-5_momentum0.9");
    check::<U![2], U![2], U![6]>("c2_l6_no_scale");
    check::<U![4], U![5], U![3]>("c4_l3_no_center");
}

#[test]
fn channels_first_is_channels_last_on_the_transposed_data() {
    let (g, b, m, v) = ([0.5f32, 2.0], [1.0f32, -1.0], [0.2f32, -0.3], [1.5f32, 0.7]);
    let cl = BatchNormalization::<f32, U![2]>::from_keras(Some(&g), Some(&b), &m, &v, 1e-3).unwrap();
    let cf = BatchNormalization::<f32, U![2], ChannelsFirst>::from_keras(Some(&g), Some(&b), &m, &v, 1e-3)
        .unwrap();
    let x =
        Tensor::<f32, shape![3, 5, 2]>::from_vec((0..30).map(|i| i as f32 * 0.1 - 1.0).collect()).unwrap();
    assert_eq!(cf.forward(&x.to_channels_first()).to_channels_last(), cl.forward(&x));
    assert!(format!("{cf:?}").contains("channels_first"));
}
