//! `Backward` and `Trainable` for the layers of `shaped-layers`, a file per layer family.

mod activation;
mod activation_layers;
mod adaptive_pool;
mod batch_norm;
mod conv1d;
mod dense;
mod dropout;
mod embedding;
mod graph;
mod group_norm;
mod keepdims;
mod layer_norm;
mod merge;
mod permute_repeat;
mod pool;
mod reshaping;
mod separable;
mod spatial_dropout;

use shaped_layers::Activation;

/// Whether an activation's derivative must read its input (the pre-activation): GELU, and
/// leaky relu or ELU whose parameter could flip the sign test. Every other activation's
/// derivative is exact from its output (relu: `y > 0` iff `x > 0`; sigmoid, tanh, softmax: a
/// function of `y`), so the forward pass keeps nothing for it.
pub(crate) fn needs_input(act: Activation) -> bool {
    match act {
        Activation::Gelu | Activation::GeluTanh => true,
        Activation::LeakyRelu(s) => s.is_nan() || s <= 0.0,
        Activation::Elu(a) => a.is_nan() || a <= 0.0,
        _ => false,
    }
}

/// Turns `grad` (with respect to the activation's output `y`) into the gradient with respect
/// to its input, which is `pre` if the forward pass kept it and is otherwise read from `y`.
pub(crate) fn activation_backward<E: shaped_kernels::Scalar>(
    act: Activation,
    pre: Option<&[E]>,
    y: &[E],
    grad: &mut [E],
    row_len: usize,
) {
    if act == Activation::Linear {
        return;
    }
    shaped_kernels::activation::backward(act.kernel_activation(), pre.unwrap_or(y), y, grad, row_len);
}
