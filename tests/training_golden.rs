//! Training against real Keras: each layer's gradients (Keras's GradientTape), each loss's
//! value and gradient, and each optimizer's steps, from tests/golden/train/ (made by
//! tools/gen_train_golden.py with TensorFlow 2.21 / Keras 3.15).
//!
//! Tolerances are for `f32` computed in another order: `|shaped - keras| <= 2e-5 + 2e-4 *
//! max|keras|` per tensor (sums of up to a few hundred `f32` products; each loses ~1e-7
//! relative, and the gradients of a normalisation or a softmax subtract nearly equal sums).

#[path = "support/golden_values.rs"]
mod golden_values;

use std::sync::OnceLock;

use serde_json::Value;
use shaped::layers::pool::{AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D};
use shaped::layers::reshaping::{Cropping1D, Flatten, UpSampling1D, ZeroPadding1D};
use shaped::layers::{Activation, BatchNormalization, Conv1D, Dense};
use shaped::shapes::{shape, Causal, ChannelsFirst, Same, Shape, Valid, U};
use shaped::tensor::Tensor;
use shaped::train::loss::{
    BinaryCrossentropy, CategoricalCrossentropy, ClassLabels, Huber, Loss, MeanAbsoluteError,
    MeanSquaredError, SparseCategoricalCrossentropy,
};
use shaped::train::optim::schedule::{CosineDecay, ExponentialDecay};
use shaped::train::optim::{Adam, Optimizer, RmsProp, Sgd};
use shaped::train::{Backward, TrainContext, Trainable};
use typenum::U1;

use golden_values::{close, floats};

fn load(name: &str) -> &'static Value {
    static FILES: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        ["gradients", "losses", "optimizers"]
            .iter()
            .map(|n| {
                let path = format!("{}/tests/golden/train/{n}.json", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                (n.to_string(), serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")))
            })
            .collect()
    });
    &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}.json")).1["data"]
}

/// Runs `layer` (built from the case's weights) in training mode on the case's input and
/// compares output, input gradient and weight gradients with Keras's.
fn check<L, X, Y>(name: &str, build: impl FnOnce(&dyn Fn(&str) -> Vec<f32>) -> L) -> L
where
    L: Backward<f32, Tensor<f32, X>, Output = Tensor<f32, Y>, InputGrad = Tensor<f32, X>>,
    X: Shape,
    Y: Shape,
{
    let case = &load("gradients")[name];
    let weight = |w: &str| floats(&case["weights"][w]);
    let mut layer = build(&weight);
    let x = Tensor::<f32, X>::from_vec(floats(&case["x"])).unwrap();
    let mut ctx = TrainContext::new(0);
    let (y, tape) = layer.forward_train(&x, &mut ctx);
    close(name, "y", y.as_slice(), &floats(&case["y"]));
    let dy = Tensor::<f32, Y>::from_vec(floats(&case["dy"])).unwrap();
    let mut grads = vec![f32::NAN; layer.trainable_len()];
    let dx = layer.backward(&x, &y, tape, dy, &mut grads, &mut ctx);
    close(name, "dx", dx.as_slice(), &floats(&case["dx"]));
    let mut at = 0;
    for (var, len) in layer.trainable_shapes() {
        close(name, &format!("d{var}"), &grads[at..at + len], &floats(&case["grads"][var.as_str()]));
        at += len;
    }
    assert_eq!(
        at,
        case["grads"].as_object().unwrap().values().map(|v| v.as_array().unwrap().len()).sum::<usize>()
    );
    layer
}

fn conv_bias(w: &dyn Fn(&str) -> Vec<f32>) -> (Vec<f32>, Vec<f32>) {
    (w("kernel"), w("bias"))
}

#[test]
fn conv1d_gradients_match_keras() {
    check::<_, shape![2, 11, 3], _>("conv_valid_relu", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![3], U![4], U![3]>::from_keras(&k, Some(&b)).unwrap().activation(Activation::Relu)
    });
    check::<_, shape![2, 11, 3], _>("conv_same_stride2_tanh", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![3], U![4], U![3], U![2], Same>::from_keras(&k, Some(&b))
            .unwrap()
            .activation(Activation::Tanh)
    });
    check::<_, shape![2, 10, 3], _>("conv_causal_dilated_gelu", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![3], U![3], U![2], U1, Causal, U![2]>::from_keras(&k, Some(&b))
            .unwrap()
            .activation(Activation::Gelu)
    });
    check::<_, shape![2, 9, 6], _>("conv_groups_sigmoid", |w| {
        Conv1D::<f32, U![6], U![6], U![3], U1, Valid, U1, U![3]>::from_keras(&w("kernel"), None)
            .unwrap()
            .activation(Activation::Sigmoid)
    });
    check::<_, shape![2, 9, 4], _>("conv_depthwise_mult2", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![4], U![8], U![3], U1, Same, U1, U![4]>::from_keras(&k, Some(&b)).unwrap()
    });
    check::<_, shape![2, 4, 9; ChannelsFirst], _>("conv_channels_first", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![4], U![3], U![3], U1, Valid, U1, U1, ChannelsFirst>::from_keras(&k, Some(&b))
            .unwrap()
            .activation(Activation::Elu(1.0))
    });
    check::<_, shape![2, 6, 2], _>("conv_softmax", |w| {
        let (k, b) = conv_bias(w);
        Conv1D::<f32, U![2], U![3], U![2]>::from_keras(&k, Some(&b)).unwrap().activation(Activation::Softmax)
    });
}

#[test]
fn separable_and_transposed_convolution_gradients_match_keras() {
    use shaped::layers::{Conv1DTranspose, SeparableConv1D};
    check::<_, shape![2, 9, 3], _>("separable_same_relu", |w| {
        SeparableConv1D::<f32, U![3], U![4], U![3], U![2], U1, Same>::from_keras(
            &w("depthwise_kernel"),
            &w("pointwise_kernel"),
            Some(&w("bias")),
        )
        .unwrap()
        .activation(Activation::Relu)
    });
    check::<_, shape![2, 5, 2], _>("conv_transpose_stride2", |w| {
        let (k, b) = conv_bias(w);
        Conv1DTranspose::<f32, U![2], U![3], U![3], U![2]>::from_keras(&k, Some(&b))
            .unwrap()
            .activation(Activation::Tanh)
    });
    check::<_, shape![2, 5, 3], _>("conv_transpose_same", |w| {
        let (k, b) = conv_bias(w);
        Conv1DTranspose::<f32, U![3], U![2], U![4], U![2], Same>::from_keras(&k, Some(&b)).unwrap()
    });
}

#[test]
fn dense_gradients_match_keras() {
    check::<_, shape![4, 5], _>("dense_softmax", |w| {
        let (k, b) = conv_bias(w);
        Dense::<f32, U![5], U![3]>::from_keras(&k, Some(&b)).unwrap().activation(Activation::Softmax)
    });
    check::<_, shape![2, 4, 5], _>("dense_sequence_sigmoid", |w| {
        let (k, b) = conv_bias(w);
        Dense::<f32, U![5], U![2]>::from_keras(&k, Some(&b)).unwrap().activation(Activation::Sigmoid)
    });
}

#[test]
fn batch_normalization_training_matches_keras() {
    for (name, momentum) in [("batch_norm", 0.9), ("batch_norm_rank2", 0.99)] {
        let case = &load("gradients")[name];
        let build = |w: &dyn Fn(&str) -> Vec<f32>| {
            BatchNormalization::<f32, U![4]>::from_keras(
                Some(&w("gamma")),
                Some(&w("beta")),
                &w("moving_mean"),
                &w("moving_variance"),
                1e-3,
            )
            .unwrap()
            .with_momentum(momentum)
        };
        let after = |bn: &dyn Fn() -> (Vec<f32>, Vec<f32>)| {
            let (m, v) = bn();
            close(name, "moving_mean", &m, &floats(&case["after"]["moving_mean"]));
            close(name, "moving_variance", &v, &floats(&case["after"]["moving_variance"]));
        };
        if name == "batch_norm" {
            let bn = check::<_, shape![3, 5, 4], _>(name, build);
            after(&|| (bn.moving_mean().to_vec(), bn.moving_variance().to_vec()));
        } else {
            let bn = check::<_, shape![6, 3], _>(name, |w| {
                BatchNormalization::<f32, U![3]>::from_keras(
                    Some(&w("gamma")),
                    Some(&w("beta")),
                    &w("moving_mean"),
                    &w("moving_variance"),
                    1e-3,
                )
                .unwrap()
                .with_momentum(momentum)
            });
            after(&|| (bn.moving_mean().to_vec(), bn.moving_variance().to_vec()));
        }
    }
}

#[test]
fn pooling_and_reshaping_gradients_match_keras() {
    check::<_, shape![2, 9, 3], _>("max_pool_same", |_| MaxPooling1D::<U![3], U![2], Same>::new());
    check::<_, shape![2, 9, 3], _>("avg_pool_valid", |_| AveragePooling1D::<U![2]>::new());
    check::<_, shape![2, 9, 3], _>("avg_pool_same", |_| AveragePooling1D::<U![4], U![3], Same>::new());
    check::<_, shape![2, 7, 3], _>("global_avg_pool", |_| GlobalAveragePooling1D::new());
    check::<_, shape![2, 7, 3], _>("global_max_pool", |_| GlobalMaxPooling1D::new());
    check::<_, shape![2, 4, 2], _>("upsampling", |_| UpSampling1D::<U![3]>::new());
    check::<_, shape![2, 4, 2], _>("zero_padding", |_| ZeroPadding1D::<U![2], U1>::new());
    check::<_, shape![2, 6, 2], _>("cropping", |_| Cropping1D::<U1, U![2]>::new());
    check::<_, shape![2, 4, 3], _>("flatten", |_| Flatten::new());
}

fn check_loss<Y: Shape, T>(
    name: &str,
    loss: &impl Loss<Tensor<f32, Y>, T>,
    target: impl FnOnce(Vec<f32>) -> T,
) {
    let case = &load("losses")[name];
    let y = Tensor::<f32, Y>::from_vec(floats(&case["y_pred"])).unwrap();
    let t = target(floats(&case["y_true"]));
    let mut g = y.clone();
    let v = loss.value_and_grad(&y, &t, &mut g);
    let expected = case["loss"].as_f64().unwrap();
    assert!((v - expected).abs() <= 1e-5 * (1.0 + expected.abs()), "{name}: loss {v}, Keras {expected}");
    assert!((loss.value(&y, &t) - v).abs() == 0.0, "{name}: value and value_and_grad agree");
    close(name, "gradient", g.as_slice(), &floats(&case["grad"]));
}

#[test]
fn losses_match_keras() {
    type P = shape![5, 4];
    let same = |t: Vec<f32>| Tensor::<f32, P>::from_vec(t).unwrap();
    check_loss::<P, _>("categorical_probs", &CategoricalCrossentropy::new(), same);
    check_loss::<P, _>(
        "categorical_probs_smoothed",
        &CategoricalCrossentropy::new().label_smoothing(0.1),
        same,
    );
    check_loss::<P, _>("categorical_logits", &CategoricalCrossentropy::new().from_logits(true), same);
    let ids = |t: Vec<f32>| ClassLabels::<U![5], U![4]>::from_values(&t).unwrap();
    check_loss::<P, _>("sparse_probs", &SparseCategoricalCrossentropy::new(), ids);
    check_loss::<P, _>("sparse_logits", &SparseCategoricalCrossentropy::new().from_logits(true), ids);
    type B = shape![4, 3];
    let bin = |t: Vec<f32>| Tensor::<f32, B>::from_vec(t).unwrap();
    check_loss::<B, _>("binary_probs", &BinaryCrossentropy::new(), bin);
    check_loss::<B, _>("binary_logits", &BinaryCrossentropy::new().from_logits(true), bin);
    check_loss::<B, _>("binary_probs_smoothed", &BinaryCrossentropy::new().label_smoothing(0.2), bin);
    type R = shape![3, 5, 2];
    let reg = |t: Vec<f32>| Tensor::<f32, R>::from_vec(t).unwrap();
    check_loss::<R, _>("mse", &MeanSquaredError, reg);
    check_loss::<R, _>("mae", &MeanAbsoluteError, reg);
    check_loss::<R, _>("huber", &Huber::new(), reg);
    check_loss::<R, _>("huber_delta_half", &Huber::delta(0.5), reg);
}

fn check_optimizer(name: &str, mut opt: impl Optimizer<f32>) {
    let data = load("optimizers");
    let mut dense =
        Dense::<f32, U![2], U![3]>::from_keras(&floats(&data["kernel0"]), Some(&floats(&data["bias0"])))
            .unwrap();
    let trace = data["cases"][name].as_array().unwrap_or_else(|| panic!("no case {name}"));
    for (step, (g, expected)) in data["grads"].as_array().unwrap().iter().zip(trace).enumerate() {
        let mut grads = floats(&g[0]);
        grads.extend(floats(&g[1]));
        opt.apply(&mut dense, &mut grads);
        let mut got = Vec::new();
        dense.visit_trainable(&mut |_, v| got.extend_from_slice(v));
        let mut want = floats(&expected[0]);
        want.extend(floats(&expected[1]));
        for (i, (a, e)) in got.iter().zip(&want).enumerate() {
            // The same f32 operations in the same order: a few ulp.
            assert!(
                (a - e).abs() <= 4.0 * f32::EPSILON * e.abs().max(1.0),
                "{name} step {step} [{i}]: shaped {a}, Keras {e}"
            );
        }
    }
    assert_eq!(opt.iterations(), 6);
}

#[test]
fn optimizers_match_keras_step_by_step() {
    check_optimizer("sgd", Sgd::new());
    check_optimizer("sgd_momentum", Sgd::new().learning_rate(0.1).momentum(0.9));
    check_optimizer("sgd_nesterov", Sgd::new().learning_rate(0.1).momentum(0.9).nesterov(true));
    check_optimizer("sgd_weight_decay", Sgd::new().learning_rate(0.1).weight_decay(0.01));
    check_optimizer("adam", Adam::new());
    check_optimizer("adam_lr_betas", Adam::new().learning_rate(0.01).beta_1(0.8).beta_2(0.99).epsilon(1e-5));
    check_optimizer("adam_amsgrad", Adam::new().learning_rate(0.01).amsgrad(true));
    check_optimizer("adamw", Adam::adamw().learning_rate(0.01));
    check_optimizer("rmsprop", RmsProp::new());
    check_optimizer(
        "rmsprop_centered_momentum",
        RmsProp::new().learning_rate(0.01).momentum(0.5).centered(true),
    );
    check_optimizer("adam_clipnorm", Adam::new().learning_rate(0.01).clipnorm(1.0));
    check_optimizer("sgd_global_clipnorm", Sgd::new().learning_rate(0.1).global_clipnorm(1.0));
    check_optimizer("sgd_clipvalue", Sgd::new().learning_rate(0.1).clipvalue(0.5));
    check_optimizer("sgd_exponential_decay", Sgd::new().schedule(ExponentialDecay::new(0.1, 2, 0.5)));
    check_optimizer(
        "adam_cosine_decay",
        Adam::new().schedule(CosineDecay { alpha: 0.1, ..CosineDecay::new(0.01, 4) }),
    );
}
