//! Callbacks: code run at the end of each epoch, with Keras's EarlyStopping and
//! ReduceLROnPlateau.

use crate::optim::{LearningRate, Settings};
use crate::Trainable;

use super::Logs;

/// What a callback may do to a training run.
pub struct Control<'a, E> {
    pub(crate) model: &'a mut dyn Trainable<E>,
    pub(crate) settings: &'a mut Settings,
    pub(crate) iterations: u64,
    pub(crate) stop: bool,
}

impl<E: Copy> Control<'_, E> {
    /// Ends training after this epoch (Keras `model.stop_training = True`).
    pub fn stop_training(&mut self) {
        self.stop = true;
    }

    /// A copy of the model's trainable variables, in order.
    pub fn weights(&self) -> Vec<E> {
        let mut out = Vec::with_capacity(self.model.trainable_len());
        self.model.visit_trainable(&mut |_, v| out.extend_from_slice(v));
        out
    }

    /// Puts back variables taken with [`Control::weights`].
    ///
    /// # Panics
    /// If `weights` does not have the model's length.
    pub fn set_weights(&mut self, weights: &[E]) {
        assert_eq!(weights.len(), self.model.trainable_len(), "set_weights: wrong number of values");
        let mut at = 0;
        self.model.update_trainable(&mut |_, v| {
            v.copy_from_slice(&weights[at..at + v.len()]);
            at += v.len();
        });
    }

    /// The learning rate of the next step.
    pub fn learning_rate(&self) -> f64 {
        self.settings.learning_rate.at(self.iterations)
    }

    /// Sets a constant learning rate; `false` (and nothing changes) when the optimizer follows
    /// a schedule, which Keras refuses too.
    pub fn set_learning_rate(&mut self, lr: f64) -> bool {
        match self.settings.learning_rate {
            LearningRate::Constant(_) => {
                self.settings.learning_rate = LearningRate::Constant(lr);
                true
            }
            LearningRate::Schedule(_) => false,
        }
    }
}

/// Code run at the end of each epoch (Keras `keras.callbacks.Callback.on_epoch_end`).
pub trait Callback<E> {
    /// Called after epoch `epoch` (from 0) with its logs.
    fn on_epoch_end(&mut self, epoch: usize, logs: &mut Logs, control: &mut Control<'_, E>);
}

impl<E, F: FnMut(usize, &mut Logs, &mut Control<'_, E>)> Callback<E> for F {
    fn on_epoch_end(&mut self, epoch: usize, logs: &mut Logs, control: &mut Control<'_, E>) {
        self(epoch, logs, control);
    }
}

/// Whether a monitored value improves when it falls (losses) or rises (accuracies): Keras's
/// `mode="auto"` reads it from the name.
fn falls(monitor: &str) -> bool {
    !(monitor.ends_with("accuracy") || monitor.ends_with("acc") || monitor.starts_with("fmeasure"))
}

/// Keras's `EarlyStopping(monitor="val_loss", min_delta=0, patience=0, baseline=None,
/// restore_best_weights=False, start_from_epoch=0)` with `mode="auto"`.
#[derive(Clone, Debug)]
pub struct EarlyStopping<E> {
    monitor: String,
    min_delta: f64,
    patience: usize,
    baseline: Option<f64>,
    restore_best_weights: bool,
    start_from_epoch: usize,
    wait: usize,
    best: f64,
    best_weights: Option<Vec<E>>,
    /// The epoch training stopped at, if it did.
    pub stopped_epoch: Option<usize>,
    /// The epoch of the best value.
    pub best_epoch: usize,
}

impl<E> EarlyStopping<E> {
    /// Keras's defaults, monitoring `monitor` (e.g. `"val_loss"`).
    pub fn new(monitor: &str) -> Self {
        let best = if falls(monitor) { f64::INFINITY } else { f64::NEG_INFINITY };
        Self {
            monitor: monitor.to_string(),
            min_delta: 0.0,
            patience: 0,
            baseline: None,
            restore_best_weights: false,
            start_from_epoch: 0,
            wait: 0,
            best,
            best_weights: None,
            stopped_epoch: None,
            best_epoch: 0,
        }
    }

    /// Keras `patience=`.
    #[must_use]
    pub fn patience(mut self, patience: usize) -> Self {
        self.patience = patience;
        self
    }

    /// Keras `min_delta=` (its absolute value).
    #[must_use]
    pub fn min_delta(mut self, min_delta: f64) -> Self {
        self.min_delta = min_delta.abs();
        self
    }

    /// Keras `baseline=`.
    #[must_use]
    pub fn baseline(mut self, baseline: f64) -> Self {
        self.baseline = Some(baseline);
        self
    }

    /// Keras `restore_best_weights=`.
    #[must_use]
    pub fn restore_best_weights(mut self, restore: bool) -> Self {
        self.restore_best_weights = restore;
        self
    }

    /// Keras `start_from_epoch=`.
    #[must_use]
    pub fn start_from_epoch(mut self, epoch: usize) -> Self {
        self.start_from_epoch = epoch;
        self
    }

    fn improves(&self, value: f64, reference: f64) -> bool {
        if falls(&self.monitor) {
            value + self.min_delta < reference
        } else {
            value - self.min_delta > reference
        }
    }
}

impl<E: Copy> Callback<E> for EarlyStopping<E> {
    fn on_epoch_end(&mut self, epoch: usize, logs: &mut Logs, control: &mut Control<'_, E>) {
        let Some(current) = logs.get(&self.monitor) else {
            return;
        };
        if epoch < self.start_from_epoch {
            return;
        }
        if self.restore_best_weights && self.best_weights.is_none() {
            self.best_weights = Some(control.weights());
        }
        self.wait += 1;
        if self.improves(current, self.best) {
            self.best = current;
            self.best_epoch = epoch;
            if self.restore_best_weights {
                self.best_weights = Some(control.weights());
            }
            if self.baseline.is_none_or(|b| self.improves(current, b)) {
                self.wait = 0;
                return;
            }
        }
        if self.wait >= self.patience && epoch > 0 {
            self.stopped_epoch = Some(epoch);
            control.stop_training();
            if let Some(w) = self.best_weights.as_ref().filter(|_| self.restore_best_weights) {
                control.set_weights(w);
            }
        }
    }
}

/// Keras's `ReduceLROnPlateau(monitor="val_loss", factor=0.1, patience=10, min_delta=1e-4,
/// cooldown=0, min_lr=0.0)` with `mode="auto"`.
#[derive(Clone, Debug)]
pub struct ReduceLrOnPlateau {
    monitor: String,
    factor: f64,
    patience: usize,
    min_delta: f64,
    cooldown: usize,
    min_lr: f64,
    wait: usize,
    cooldown_counter: usize,
    best: f64,
}

impl ReduceLrOnPlateau {
    /// Keras's defaults, monitoring `monitor`.
    pub fn new(monitor: &str) -> Self {
        let best = if falls(monitor) { f64::INFINITY } else { f64::NEG_INFINITY };
        Self {
            monitor: monitor.to_string(),
            factor: 0.1,
            patience: 10,
            min_delta: 1e-4,
            cooldown: 0,
            min_lr: 0.0,
            wait: 0,
            cooldown_counter: 0,
            best,
        }
    }

    /// Keras `factor=` (below 1).
    #[must_use]
    pub fn factor(mut self, factor: f64) -> Self {
        self.factor = factor;
        self
    }

    /// Keras `patience=`.
    #[must_use]
    pub fn patience(mut self, patience: usize) -> Self {
        self.patience = patience;
        self
    }

    /// Keras `min_delta=`.
    #[must_use]
    pub fn min_delta(mut self, min_delta: f64) -> Self {
        self.min_delta = min_delta;
        self
    }

    /// Keras `cooldown=`.
    #[must_use]
    pub fn cooldown(mut self, cooldown: usize) -> Self {
        self.cooldown = cooldown;
        self
    }

    /// Keras `min_lr=`.
    #[must_use]
    pub fn min_lr(mut self, min_lr: f64) -> Self {
        self.min_lr = min_lr;
        self
    }
}

impl<E: Copy> Callback<E> for ReduceLrOnPlateau {
    fn on_epoch_end(&mut self, _epoch: usize, logs: &mut Logs, control: &mut Control<'_, E>) {
        logs.set("learning_rate", control.learning_rate());
        let Some(current) = logs.get(&self.monitor) else {
            return;
        };
        if self.cooldown_counter > 0 {
            self.cooldown_counter -= 1;
            self.wait = 0;
        }
        let better = if falls(&self.monitor) {
            current < self.best - self.min_delta
        } else {
            current > self.best + self.min_delta
        };
        if better {
            self.best = current;
            self.wait = 0;
        } else if self.cooldown_counter == 0 {
            self.wait += 1;
            if self.wait >= self.patience {
                let old = control.learning_rate();
                // Keras compares in float32.
                if (old as f32) > (self.min_lr as f32) {
                    let new = (old * self.factor).max(self.min_lr);
                    control.set_learning_rate(new);
                    self.cooldown_counter = self.cooldown;
                    self.wait = 0;
                }
            }
        }
    }
}
