//! Training against real Keras for the layers trained since `training_golden.rs`: each
//! layer's output, input gradient and weight gradients against Keras's GradientTape, from
//! tests/golden/train/gradients16.json (made by tools/gen_train_golden16.py with TensorFlow
//! 2.21 / Keras 3.15). The ReLU cases' inputs hold the exact kinks (0, the threshold,
//! max_value), so the derivative taken there is TensorFlow's.
//!
//! Tolerances as in `training_golden.rs`: `|shaped - keras| <= 2e-5 + 2e-4 * max|keras|` per
//! tensor, for `f32` computed in another order.

#[path = "support/golden_values.rs"]
mod golden_values;

use std::sync::OnceLock;

use serde_json::Value;
use shaped::layers::pool::{
    AdaptiveAveragePooling1D, AdaptiveMaxPooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D,
};
use shaped::layers::reshaping::{Permute, RepeatVector};
use shaped::layers::{GroupNormalization, LayerNormalization, LeakyReLU, PReLU, ReLU};
use shaped::shapes::{shape, Shape, U};
use shaped::tensor::Tensor;
use shaped::train::{Backward, TrainContext};
use typenum::{U1, U2};

use golden_values::{close, floats};

fn load() -> &'static Value {
    static FILE: OnceLock<Value> = OnceLock::new();
    &FILE.get_or_init(|| {
        let path = format!("{}/tests/golden/train/gradients16.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    })["data"]
}

/// Runs `layer` (built from the case's weights) in training mode on the case's input and
/// compares output, input gradient and weight gradients with Keras's; returns how many
/// values were compared.
fn check<L, X, Y>(name: &str, build: impl FnOnce(&dyn Fn(&str) -> Vec<f32>) -> L) -> usize
where
    L: Backward<f32, Tensor<f32, X>, Output = Tensor<f32, Y>, InputGrad = Tensor<f32, X>>,
    X: Shape,
    Y: Shape,
{
    let case = &load()[name];
    assert!(case.is_object(), "no case {name}");
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
        case["grads"].as_object().unwrap().values().map(|v| v.as_array().unwrap().len()).sum::<usize>(),
        "{name}: every Keras variable is trained"
    );
    y.len() + dx.len() + at
}

#[test]
fn normalisation_gradients_match_keras() {
    let n = check::<_, shape![2, 5, 4], _>("layer_norm", |w| {
        LayerNormalization::<f32, U![4]>::from_keras(Some(&w("gamma")), Some(&w("beta")), 1e-3).unwrap()
    }) + check::<_, shape![3, 6], _>("layer_norm_rank2_no_center", |w| {
        LayerNormalization::<f32, U![6]>::from_keras(Some(&w("gamma")), None, 1e-3).unwrap()
    }) + check::<_, shape![2, 3, 5], _>("layer_norm_no_scale_eps", |w| {
        LayerNormalization::<f32, U![5]>::from_keras(None, Some(&w("beta")), 0.1).unwrap()
    }) + check::<_, shape![2, 5, 6], _>("group_norm_2", |w| {
        GroupNormalization::<f32, U![6], U![2]>::from_keras(Some(&w("gamma")), Some(&w("beta")), 1e-3)
            .unwrap()
    }) + check::<_, shape![2, 4, 3], _>("group_norm_instance", |w| {
        GroupNormalization::<f32, U![3], U![3]>::from_keras(Some(&w("gamma")), Some(&w("beta")), 1e-3)
            .unwrap()
    }) + check::<_, shape![2, 5, 4], _>("group_norm_1_no_scale", |w| {
        GroupNormalization::<f32, U![4], U1>::from_keras(None, Some(&w("beta")), 1e-3).unwrap()
    });
    assert!(n > 300, "{n} values compared");
}

#[test]
fn prelu_gradients_match_keras() {
    check::<_, shape![2, 5, 3], _>("prelu", |w| PReLU::<f32, U![5], U![3]>::from_keras(&w("alpha")).unwrap());
    check::<_, shape![2, 5, 3], _>("prelu_shared_time", |w| {
        PReLU::<f32, U1, U![3]>::from_keras(&w("alpha")).unwrap()
    });
    check::<_, shape![2, 5, 3], _>("prelu_shared_channels", |w| {
        PReLU::<f32, U![5], U1>::from_keras(&w("alpha")).unwrap()
    });
    check::<_, shape![2, 5, 3], _>("prelu_shared_both", |w| {
        PReLU::<f32, U1, U1>::from_keras(&w("alpha")).unwrap()
    });
}

#[test]
fn relu_gradients_at_and_between_the_kinks_match_keras() {
    type X = shape![2, 6, 3];
    let relu = |m, s, t| move |_: &dyn Fn(&str) -> Vec<f32>| ReLU::with_args(m, s, t).unwrap();
    check::<_, X, _>("relu", relu(None, 0.0, 0.0));
    check::<_, X, _>("relu_max6", relu(Some(6.0), 0.0, 0.0));
    check::<_, X, _>("relu_max2", relu(Some(2.0), 0.0, 0.0));
    check::<_, X, _>("relu_threshold", relu(None, 0.0, 1.0));
    check::<_, X, _>("relu_slope", relu(None, 0.2, 0.0));
    check::<_, X, _>("relu_slope_threshold", relu(None, 0.1, 1.5));
    check::<_, X, _>("relu_max6_threshold", relu(Some(6.0), 0.0, 1.0));
    check::<_, X, _>("relu_all", relu(Some(2.5), 0.2, 0.5));
    check::<_, X, _>("relu_max6_slope", relu(Some(6.0), 0.3, 0.0));
    check::<_, X, _>("leaky_relu", |_| LeakyReLU::new());
    check::<_, X, _>("leaky_relu_half", |_| LeakyReLU::with_slope(0.5).unwrap());
}

#[test]
fn pooling_permute_and_repeat_gradients_match_keras() {
    check::<_, shape![2, 9, 3], _>("adaptive_avg_3", |_| AdaptiveAveragePooling1D::<U![3]>::new());
    check::<_, shape![2, 9, 3], _>("adaptive_avg_4", |_| AdaptiveAveragePooling1D::<U![4]>::new());
    check::<_, shape![2, 9, 3], _>("adaptive_max_4", |_| AdaptiveMaxPooling1D::<U![4]>::new());
    check::<_, shape![2, 5, 2], _>("adaptive_max_3_of_5", |_| AdaptiveMaxPooling1D::<U![3]>::new());
    check::<_, shape![2, 7, 3], _>("global_avg_keepdims", |_| GlobalAveragePooling1D::new().keepdims());
    check::<_, shape![2, 7, 3], _>("global_max_keepdims", |_| GlobalMaxPooling1D::new().keepdims());
    check::<_, shape![2, 4, 3], _>("permute", |_| Permute::<(U2, U1)>::new());
    check::<_, shape![2, 4], _>("repeat_vector", |_| RepeatVector::<U![3]>::new());
}
