//! Stochastic gradient descent, with momentum and Nesterov momentum.

use core::marker::PhantomData;

use shaped_layers::Float;

use super::{common_settings, step, Optimizer, Settings};
use crate::{TrainError, Trainable};

/// Keras's `SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`.
///
/// Without momentum `w -= lr * g`. With momentum, Keras's rule: `m = m * momentum - lr * g`,
/// then `w += m`, or with Nesterov `w += m * momentum - lr * g`.
#[derive(Clone, Debug)]
pub struct Sgd<E> {
    settings: Settings,
    momentum: f64,
    nesterov: bool,
    iterations: u64,
    /// The momentum slot (empty without momentum).
    slots: Vec<Vec<E>>,
    types: PhantomData<fn() -> E>,
}

impl<E> Sgd<E> {
    /// Keras's defaults.
    pub fn new() -> Self {
        Self {
            settings: Settings::new(0.01),
            momentum: 0.0,
            nesterov: false,
            iterations: 0,
            slots: vec![Vec::new()],
            types: PhantomData,
        }
    }

    /// Keras `momentum=`.
    #[must_use]
    pub fn momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
        self
    }

    /// Keras `nesterov=`.
    #[must_use]
    pub fn nesterov(mut self, nesterov: bool) -> Self {
        self.nesterov = nesterov;
        self
    }

    fn validate_own(&self) -> Result<(), TrainError> {
        if !(0.0..=1.0).contains(&self.momentum) {
            return Err(TrainError::Setting {
                name: "momentum",
                why: format!("expected a value in [0, 1] (Keras raises otherwise), got {}", self.momentum),
            });
        }
        Ok(())
    }
}

impl<E> Default for Sgd<E> {
    fn default() -> Self {
        Self::new()
    }
}

common_settings!(Sgd);

impl<E: Float> Optimizer<E> for Sgd<E> {
    fn apply<M: Trainable<E> + ?Sized>(&mut self, model: &mut M, grads: &mut [E]) {
        let momentum = self.momentum;
        let nesterov = self.nesterov;
        let mu = E::from(momentum).unwrap_or_else(E::nan);
        let slots: &mut [Vec<E>] = if momentum != 0.0 { &mut self.slots } else { &mut [] };
        step(&self.settings, &mut self.iterations, slots, model, grads, |w, g, slots, range, lr| {
            if slots.is_empty() {
                w.iter_mut().zip(g).for_each(|(w, &g)| *w = *w - g * lr);
                return;
            }
            let m = &mut slots[0][range];
            for ((w, &g), m) in w.iter_mut().zip(g).zip(m.iter_mut()) {
                *m = *m * mu - g * lr;
                *w = if nesterov { *w + (*m * mu - g * lr) } else { *w + *m };
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
