//! RMSprop, plain or centered, with or without momentum.

use core::marker::PhantomData;

use shaped_layers::Float;

use super::{common_settings, step, Optimizer, Settings};
use crate::{TrainError, Trainable};

/// Keras's `RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
/// centered=False)`.
///
/// Keras's rule: `v = rho v + (1 - rho) g^2`; centered, also `a = rho a + (1 - rho) g` and the
/// denominator `v - a^2 + epsilon`, else `v + epsilon` (epsilon inside the square root, unlike
/// Adam); `increment = lr g / sqrt(denominator)`; with momentum `m = momentum m + increment`,
/// `w -= m`, else `w -= increment`.
#[derive(Clone, Debug)]
pub struct RmsProp<E> {
    settings: Settings,
    rho: f64,
    momentum: f64,
    epsilon: f64,
    centered: bool,
    iterations: u64,
    /// The velocity, the average gradient (centered), the momentum (momentum above 0).
    slots: Vec<Vec<E>>,
    types: PhantomData<fn() -> E>,
}

impl<E> RmsProp<E> {
    /// Keras's defaults.
    pub fn new() -> Self {
        Self {
            settings: Settings::new(0.001),
            rho: 0.9,
            momentum: 0.0,
            epsilon: 1e-7,
            centered: false,
            iterations: 0,
            slots: vec![Vec::new(), Vec::new(), Vec::new()],
            types: PhantomData,
        }
    }

    /// Keras `rho=`.
    #[must_use]
    pub fn rho(mut self, rho: f64) -> Self {
        self.rho = rho;
        self
    }

    /// Keras `momentum=`.
    #[must_use]
    pub fn momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
        self
    }

    /// Keras `epsilon=`.
    #[must_use]
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras `centered=`.
    #[must_use]
    pub fn centered(mut self, centered: bool) -> Self {
        self.centered = centered;
        self
    }

    fn validate_own(&self) -> Result<(), TrainError> {
        if !(0.0..=1.0).contains(&self.rho) {
            return Err(TrainError::Setting {
                name: "rho",
                why: format!("expected a value in [0, 1], got {}", self.rho),
            });
        }
        if self.momentum.is_nan() || self.momentum < 0.0 {
            return Err(TrainError::Setting {
                name: "momentum",
                why: format!("expected at least 0, got {}", self.momentum),
            });
        }
        Ok(())
    }
}

impl<E> Default for RmsProp<E> {
    fn default() -> Self {
        Self::new()
    }
}

common_settings!(RmsProp);

impl<E: Float> Optimizer<E> for RmsProp<E> {
    fn apply<M: Trainable<E> + ?Sized>(&mut self, model: &mut M, grads: &mut [E]) {
        let c = |v: f64| E::from(v).unwrap_or_else(E::nan);
        let (rho, one_rho, eps, mu) = (c(self.rho), c(1.0 - self.rho), c(self.epsilon), c(self.momentum));
        let (centered, with_momentum) = (self.centered, self.momentum > 0.0);
        // Slots: the velocity, then the average gradient if centered, then the momentum.
        let m_slot = 1 + usize::from(centered);
        let used = m_slot + usize::from(with_momentum);
        step(
            &self.settings,
            &mut self.iterations,
            &mut self.slots[..used],
            model,
            grads,
            |w, g, slots, range, lr| {
                for i in 0..w.len() {
                    let j = range.start + i;
                    let v = &mut slots[0][j];
                    *v = rho * *v + one_rho * (g[i] * g[i]);
                    let vel = *v;
                    let denominator = if centered {
                        let a = &mut slots[1][j];
                        *a = rho * *a + one_rho * g[i];
                        vel - *a * *a + eps
                    } else {
                        vel + eps
                    };
                    let increment = lr * g[i] / denominator.sqrt();
                    if with_momentum {
                        let m = &mut slots[m_slot][j];
                        *m = mu * *m + increment;
                        w[i] = w[i] - *m;
                    } else {
                        w[i] = w[i] - increment;
                    }
                }
            },
        );
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
