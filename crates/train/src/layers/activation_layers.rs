//! The activation layers `ReLU`, `LeakyReLU` and `PReLU`: their derivatives are the ones
//! TensorFlow's gradients give, kinks included.

use shaped_layers::{Float, Layer, LeakyReLU, PReLU, ReLU};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext, Trainable};

no_parameters! {
    impl<> for ReLU;
    impl<> for LeakyReLU;
}

/// The derivative of `ReLU(max_value, negative_slope, threshold)` at `x`, as TensorFlow
/// differentiates Keras's composition (`keras.activations.relu`), checked with
/// `GradientTape` at every kink:
///
/// - a slope with neither of the others is `leaky_relu`: 1 for `x > 0`, else the slope (at 0
///   too);
/// - otherwise the positive part's derivative is 1 for `x > threshold` (`x * (x > threshold)`),
///   or, with `max_value = 6` and no threshold, 1 for `0 < x < 6` (`relu6`), else 1 for `x > 0`
///   (`relu`); a `max_value` clips it with `clip_by_value`, whose gradient passes where the
///   clipped value is at most `max_value` (so 1 at `x = max_value`, unlike `relu6`);
/// - a slope adds `negative_slope` where `threshold - x > 0` (0 at `x = threshold`).
fn relu_derivative(r: &ReLU, x: f64) -> f64 {
    let slope = r.negative_slope();
    let thr = r.threshold();
    if slope != 0.0 && r.max_value().is_none() && thr == 0.0 {
        return if x > 0.0 { 1.0 } else { slope };
    }
    let mut clip = r.max_value();
    let (mut d, inner) = if thr != 0.0 {
        if x > thr {
            (1.0, x)
        } else {
            (0.0, 0.0)
        }
    } else if clip == Some(6.0) {
        clip = None;
        (if x > 0.0 && x < 6.0 { 1.0 } else { 0.0 }, x.max(0.0))
    } else if x > 0.0 {
        (1.0, x)
    } else {
        (0.0, 0.0)
    };
    if let Some(m) = clip {
        if !(0.0..=m).contains(&inner) {
            d = 0.0;
        }
    }
    if slope != 0.0 && thr - x > 0.0 {
        d += slope;
    }
    d
}

/// Keras's `ReLU` layer: no tape (the derivative reads the input, which `backward` gets).
impl<E: Float, S: Shape> Backward<E, Tensor<E, S>> for ReLU {
    type Tape = ();
    type InputGrad = Tensor<E, S>;

    fn forward_train(&mut self, x: &Tensor<E, S>, ctx: &mut TrainContext) -> (Tensor<E, S>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, S>,
        _y: &Tensor<E, S>,
        _tape: (),
        mut dy: Tensor<E, S>,
        grads: &mut [E],
        _ctx: &mut TrainContext,
    ) -> Tensor<E, S> {
        crate::backward::check_grads("ReLU", 0, grads.len());
        for (g, &v) in dy.as_mut_slice().iter_mut().zip(x.as_slice()) {
            let d = relu_derivative(self, v.to_f64().unwrap_or(f64::NAN));
            *g = *g * E::from(d).unwrap_or_else(E::zero);
        }
        dy
    }
}

/// Keras's `LeakyReLU` layer: TensorFlow's `LeakyReluGrad`, 1 for `x > 0` and the slope
/// otherwise (at 0 too).
impl<E: Float, S: Shape> Backward<E, Tensor<E, S>> for LeakyReLU {
    type Tape = ();
    type InputGrad = Tensor<E, S>;

    fn forward_train(&mut self, x: &Tensor<E, S>, ctx: &mut TrainContext) -> (Tensor<E, S>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, S>,
        _y: &Tensor<E, S>,
        _tape: (),
        mut dy: Tensor<E, S>,
        grads: &mut [E],
        _ctx: &mut TrainContext,
    ) -> Tensor<E, S> {
        crate::backward::check_grads("LeakyReLU", 0, grads.len());
        let slope: E = E::from(self.negative_slope()).unwrap_or_else(E::zero);
        for (g, &v) in dy.as_mut_slice().iter_mut().zip(x.as_slice()) {
            if v.partial_cmp(&E::zero()) != Some(core::cmp::Ordering::Greater) {
                *g = *g * slope;
            }
        }
        dy
    }
}

/// Keras's variable: `alpha`, `(AL, AC)` row-major.
impl<E: Float, AL: StaticDim, AC: StaticDim> Trainable<E> for PReLU<E, AL, AC> {
    fn trainable_len(&self) -> usize {
        self.alpha().len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        f("alpha", self.alpha());
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        f("alpha", self.alpha_mut());
    }
}

/// Keras's `PReLU`, `relu(x) - alpha * relu(-x)`, differentiated as TensorFlow does: the
/// input's derivative is 1 for `x > 0`, `alpha` for `x < 0` and 0 at 0 (and for NaN, as
/// `ReluGrad`); `alpha`'s is
/// `-relu(-x)`, summed over the axes it is shared on (and the batch).
impl<E, AL, AC, B, L, C> Backward<E, Tensor<E, (B, L, C)>> for PReLU<E, AL, AC>
where
    Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, (B, L, C)>>,
    E: Float,
    AL: StaticDim,
    AC: StaticDim,
    B: Dim,
    L: StaticDim,
    C: StaticDim,
    (B, L, C): Shape<Batch = B>,
{
    type Tape = ();
    type InputGrad = Tensor<E, (B, L, C)>;

    fn forward_train(
        &mut self,
        x: &Tensor<E, (B, L, C)>,
        ctx: &mut TrainContext,
    ) -> (Tensor<E, (B, L, C)>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }

    fn backward(
        &self,
        x: &Tensor<E, (B, L, C)>,
        _y: &Tensor<E, (B, L, C)>,
        _tape: (),
        mut dy: Tensor<E, (B, L, C)>,
        grads: &mut [E],
        _ctx: &mut TrainContext,
    ) -> Tensor<E, (B, L, C)> {
        crate::backward::check_grads("PReLU", self.trainable_len(), grads.len());
        let (l, c) = (L::USIZE, C::USIZE);
        grads.iter_mut().for_each(|g| *g = E::zero());
        let alpha = self.alpha();
        let sample = (l * c).max(1);
        for (gs, xs) in dy.as_mut_slice().chunks_exact_mut(sample).zip(x.as_slice().chunks_exact(sample)) {
            for t in 0..l {
                let row = if AL::USIZE == 1 { 0 } else { t };
                for ch in 0..c {
                    let k = row * AC::USIZE + if AC::USIZE == 1 { 0 } else { ch };
                    let (v, g) = (xs[t * c + ch], &mut gs[t * c + ch]);
                    match v.partial_cmp(&E::zero()) {
                        Some(core::cmp::Ordering::Greater) => {}
                        Some(core::cmp::Ordering::Less) => {
                            // d/d alpha of -alpha * relu(-x) is -relu(-x) = x here.
                            grads[k] = grads[k] + *g * v;
                            *g = *g * alpha[k];
                        }
                        // 0 and NaN.
                        _ => *g = E::zero(),
                    }
                }
            }
        }
        dy
    }
}
