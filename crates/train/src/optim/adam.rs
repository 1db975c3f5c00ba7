//! Adam, AMSGrad and AdamW.

use core::marker::PhantomData;

use shaped_layers::Float;

use super::{common_settings, step, Optimizer, Settings};
use crate::{TrainError, Trainable};

/// Keras's `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
/// amsgrad=False)`, and `AdamW` through [`Adam::adamw`].
///
/// Keras's rule at step `t` (from 1): `alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`,
/// `m += (g - m) * (1 - beta_1)`, `v += (g^2 - v) * (1 - beta_2)` (AMSGrad: `v_hat =
/// max(v_hat, v)` replaces `v`), `w -= m * alpha / (sqrt(v) + epsilon)`. Note that Keras's
/// epsilon is added to `sqrt(v)` after the bias correction moved into `alpha` ("epsilon hat"
/// of the paper), unlike PyTorch's.
#[derive(Clone, Debug)]
pub struct Adam<E> {
    settings: Settings,
    beta_1: f64,
    beta_2: f64,
    epsilon: f64,
    amsgrad: bool,
    iterations: u64,
    /// m, v (and v_hat with AMSGrad).
    slots: Vec<Vec<E>>,
    types: PhantomData<fn() -> E>,
}

impl<E> Adam<E> {
    /// Keras's `Adam` defaults.
    pub fn new() -> Self {
        Self {
            settings: Settings::new(0.001),
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-7,
            amsgrad: false,
            iterations: 0,
            slots: vec![Vec::new(), Vec::new(), Vec::new()],
            types: PhantomData,
        }
    }

    /// Keras's `AdamW` defaults: Adam with `weight_decay=0.004` (decoupled: `w -= w *
    /// weight_decay * lr` before each update).
    pub fn adamw() -> Self {
        Self::new().weight_decay(0.004)
    }

    /// Keras `beta_1=`.
    #[must_use]
    pub fn beta_1(mut self, beta_1: f64) -> Self {
        self.beta_1 = beta_1;
        self
    }

    /// Keras `beta_2=`.
    #[must_use]
    pub fn beta_2(mut self, beta_2: f64) -> Self {
        self.beta_2 = beta_2;
        self
    }

    /// Keras `epsilon=`.
    #[must_use]
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras `amsgrad=`.
    #[must_use]
    pub fn amsgrad(mut self, amsgrad: bool) -> Self {
        self.amsgrad = amsgrad;
        self
    }

    fn validate_own(&self) -> Result<(), TrainError> {
        for (name, v) in [("beta_1", self.beta_1), ("beta_2", self.beta_2)] {
            if !(0.0..1.0).contains(&v) {
                return Err(TrainError::Setting {
                    name,
                    why: format!("expected a value in [0, 1), got {v}"),
                });
            }
        }
        if self.epsilon.is_nan() || self.epsilon < 0.0 {
            return Err(TrainError::Setting {
                name: "epsilon",
                why: format!("expected at least 0, got {}", self.epsilon),
            });
        }
        Ok(())
    }
}

impl<E> Default for Adam<E> {
    fn default() -> Self {
        Self::new()
    }
}

common_settings!(Adam);

impl<E: Float> Optimizer<E> for Adam<E> {
    fn apply<M: Trainable<E> + ?Sized>(&mut self, model: &mut M, grads: &mut [E]) {
        let c = |v: f64| E::from(v).unwrap_or_else(E::nan);
        let (b1, b2, eps) = (c(self.beta_1), c(self.beta_2), c(self.epsilon));
        let (one_b1, one_b2) = (c(1.0 - self.beta_1), c(1.0 - self.beta_2));
        let t = c((self.iterations + 1) as f64);
        let (b1_power, b2_power) = (b1.powf(t), b2.powf(t));
        let amsgrad = self.amsgrad;
        let slots: &mut [Vec<E>] = if amsgrad { &mut self.slots } else { &mut self.slots[..2] };
        step(&self.settings, &mut self.iterations, slots, model, grads, |w, g, slots, range, lr| {
            let alpha = lr * (E::one() - b2_power).sqrt() / (E::one() - b1_power);
            let (m, rest) = slots.split_at_mut(1);
            let (v, rest) = rest.split_at_mut(1);
            let (m, v) = (&mut m[0][range.clone()], &mut v[0][range.clone()]);
            for i in 0..w.len() {
                m[i] = m[i] + (g[i] - m[i]) * one_b1;
                v[i] = v[i] + (g[i] * g[i] - v[i]) * one_b2;
                let v_used = if amsgrad {
                    let v_hat = &mut rest[0][range.clone()];
                    v_hat[i] = v_hat[i].max(v[i]);
                    v_hat[i]
                } else {
                    v[i]
                };
                w[i] = w[i] - (m[i] * alpha) / (v_used.sqrt() + eps);
            }
        });
    }
    fn iterations(&self) -> u64 {
        self.iterations
    }
    fn settings(&self) -> &Settings {
        &self.settings
    }
    fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }
}
