//! Optimizers with Keras's update rules and defaults.
//!
//! | shaped | Keras | defaults |
//! | --- | --- | --- |
//! | [`Sgd`] | `keras.optimizers.SGD` | `learning_rate=0.01, momentum=0.0, nesterov=False` |
//! | [`Adam`] | `keras.optimizers.Adam` | `learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False` |
//! | [`Adam::adamw`] | `keras.optimizers.AdamW` | as Adam, `weight_decay=0.004` |
//! | [`RmsProp`] | `keras.optimizers.RMSprop` | `learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False` |
//!
//! Every optimizer takes Keras's common arguments ([`Settings`]): a constant learning rate or
//! a [`schedule`], `weight_decay`, and gradient clipping by `clipnorm` (each variable's norm),
//! `global_clipnorm` (all variables' norm) or `clipvalue`. A step runs in Keras's order:
//! clip the gradients, decay the weights (`w -= w * weight_decay * lr`), apply the update with
//! the learning rate at the current iteration, count the iteration. The update arithmetic is
//! done in the variables' element type, in Keras's order of operations, so an `f32` model
//! follows Keras's `f32` steps closely.
//!
//! ```
//! use shaped::layers::Dense;
//! use shaped::shapes::U;
//! use shaped::train::optim::{Optimizer, Sgd};
//! use shaped::train::Trainable;
//! let mut dense = Dense::<f32, U![1], U![1]>::from_keras(&[1.0], Some(&[0.0]))?;
//! let mut sgd = Sgd::new().learning_rate(0.1);
//! sgd.apply(&mut dense, &mut [2.0, 1.0]); // gradients of kernel, then bias
//! assert_eq!(dense.keras_kernel(), &[0.8]);
//! assert_eq!(dense.bias().unwrap(), &[-0.1]);
//! assert_eq!(sgd.iterations(), 1);
//! # Ok::<(), shaped::tensor::ShapeError>(())
//! ```

mod adam;
mod clip;
mod rmsprop;
pub mod schedule;
mod sgd;

pub use adam::Adam;
pub use rmsprop::RmsProp;
pub use schedule::LearningRateSchedule;
pub use sgd::Sgd;

use std::sync::Arc;

use shaped_layers::Float;

use crate::{TrainError, Trainable};

/// An optimizer: turns gradients into an update of a model's trainable variables.
pub trait Optimizer<E> {
    /// One step: clips `grads` (laid out as [`Trainable::visit_trainable`] visits the
    /// variables; clipped in place), decays the weights, updates them, counts the iteration.
    ///
    /// # Panics
    /// If `grads` does not have the model's [`Trainable::trainable_len`] elements, or if the
    /// model's variables change size between steps.
    fn apply<M: Trainable<E> + ?Sized>(&mut self, model: &mut M, grads: &mut [E]);

    /// The steps applied so far (Keras `optimizer.iterations`).
    fn iterations(&self) -> u64;

    /// The common settings.
    fn settings(&self) -> &Settings;

    /// The common settings, mutably (ReduceLROnPlateau lowers the learning rate).
    fn settings_mut(&mut self) -> &mut Settings;

    /// The learning rate the next step uses.
    fn current_learning_rate(&self) -> f64 {
        self.settings().learning_rate.at(self.iterations())
    }
}

/// A learning rate: a constant or a schedule of the iteration.
#[derive(Clone, Debug)]
pub enum LearningRate {
    /// The same rate at every step.
    Constant(f64),
    /// A rate computed from the iteration count (Keras `LearningRateSchedule`).
    Schedule(Arc<dyn LearningRateSchedule>),
}

impl LearningRate {
    /// The rate at iteration `step` (0 for the first step).
    pub fn at(&self, step: u64) -> f64 {
        match self {
            LearningRate::Constant(lr) => *lr,
            LearningRate::Schedule(s) => s.rate(step),
        }
    }
}

/// What every Keras optimizer takes besides its own arguments.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `learning_rate`.
    pub learning_rate: LearningRate,
    /// `weight_decay` (`None`: no decay).
    pub weight_decay: Option<f64>,
    /// `clipnorm`: each variable's gradient scaled to at most this norm.
    pub clipnorm: Option<f64>,
    /// `global_clipnorm`: all gradients scaled together to at most this norm.
    pub global_clipnorm: Option<f64>,
    /// `clipvalue`: each gradient element clipped to `[-v, v]`.
    pub clipvalue: Option<f64>,
}

impl Settings {
    /// Settings with a constant learning rate and nothing else.
    pub fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate: LearningRate::Constant(learning_rate),
            weight_decay: None,
            clipnorm: None,
            global_clipnorm: None,
            clipvalue: None,
        }
    }

    /// Checks the settings as Keras does at construction: a positive finite learning rate,
    /// at most one clipping rule, clip values above 0.
    pub fn validate(&self) -> Result<(), TrainError> {
        if let LearningRate::Constant(lr) = self.learning_rate {
            if !(lr.is_finite() && lr >= 0.0) {
                return Err(setting(
                    "learning_rate",
                    format!("expected a finite rate of at least 0, got {lr}"),
                ));
            }
        }
        let clips =
            [self.clipnorm, self.global_clipnorm, self.clipvalue].iter().filter(|c| c.is_some()).count();
        if clips > 1 {
            return Err(setting(
                "clipnorm",
                "only one of clipnorm, global_clipnorm and clipvalue can be set (Keras raises the same)"
                    .into(),
            ));
        }
        for (name, v) in [
            ("clipnorm", self.clipnorm),
            ("global_clipnorm", self.global_clipnorm),
            ("clipvalue", self.clipvalue),
        ] {
            if let Some(v) = v {
                if v.is_nan() || v <= 0.0 {
                    return Err(setting(name, format!("expected a value above 0, got {v}")));
                }
            }
        }
        if let Some(wd) = self.weight_decay {
            if !wd.is_finite() {
                return Err(setting("weight_decay", format!("expected a finite value, got {wd}")));
            }
        }
        Ok(())
    }
}

fn setting(name: &'static str, why: String) -> TrainError {
    TrainError::Setting { name, why }
}

/// The builder methods every optimizer shares, on its [`Settings`].
macro_rules! common_settings {
    ($t:ident) => {
        impl<E> $t<E> {
            /// A constant learning rate (Keras `learning_rate=`).
            #[must_use]
            pub fn learning_rate(mut self, lr: f64) -> Self {
                self.settings.learning_rate = $crate::optim::LearningRate::Constant(lr);
                self
            }

            /// A learning-rate schedule (Keras `learning_rate=keras.optimizers.schedules...`).
            #[must_use]
            pub fn schedule(mut self, schedule: impl $crate::optim::LearningRateSchedule + 'static) -> Self {
                self.settings.learning_rate =
                    $crate::optim::LearningRate::Schedule(std::sync::Arc::new(schedule));
                self
            }

            /// Keras `weight_decay=`: before each update, `w -= w * weight_decay * lr`.
            #[must_use]
            pub fn weight_decay(mut self, weight_decay: f64) -> Self {
                self.settings.weight_decay = Some(weight_decay);
                self
            }

            /// Keras `clipnorm=`: each variable's gradient is scaled down to this norm.
            #[must_use]
            pub fn clipnorm(mut self, norm: f64) -> Self {
                self.settings.clipnorm = Some(norm);
                self
            }

            /// Keras `global_clipnorm=`: all gradients are scaled down together to this norm.
            #[must_use]
            pub fn global_clipnorm(mut self, norm: f64) -> Self {
                self.settings.global_clipnorm = Some(norm);
                self
            }

            /// Keras `clipvalue=`: each gradient element is clipped to `[-value, value]`.
            #[must_use]
            pub fn clipvalue(mut self, value: f64) -> Self {
                self.settings.clipvalue = Some(value);
                self
            }

            /// Checks the arguments as Keras does when it builds the optimizer.
            ///
            /// # Errors
            /// A learning rate below 0 or not finite, more than one clipping rule, a clip
            /// value of 0 or less, or an argument of this optimizer out of its range.
            pub fn validate(&self) -> Result<(), $crate::TrainError> {
                self.settings.validate()?;
                self.validate_own()
            }
        }
    };
}
pub(crate) use common_settings;

/// One step of an optimizer with per-element slots (momentum, moments ...), shared by all:
/// clipping, weight decay, then `rule(variable, gradient, slots, range, learning rate)` for
/// each variable, `range` being the variable's elements in every slot vector.
pub(crate) fn step<E: Float, M: Trainable<E> + ?Sized>(
    settings: &Settings,
    iterations: &mut u64,
    slots: &mut [Vec<E>],
    model: &mut M,
    grads: &mut [E],
    mut rule: impl FnMut(&mut [E], &[E], &mut [Vec<E>], core::ops::Range<usize>, E),
) {
    let n = model.trainable_len();
    assert_eq!(grads.len(), n, "optimizer step: {} gradients for {n} trainable parameters", grads.len());
    for s in slots.iter_mut() {
        if s.len() != n {
            assert!(s.is_empty(), "optimizer step: the model's variables changed size between steps");
            s.resize(n, E::zero());
        }
    }
    let lengths: Vec<usize> = model.trainable_shapes().into_iter().map(|(_, l)| l).collect();
    clip::clip(settings, &lengths, grads);
    let lr = E::from(settings.learning_rate.at(*iterations)).unwrap_or_else(E::nan);
    let wd = settings.weight_decay.map(|w| E::from(w).unwrap_or_else(E::nan));
    let mut at = 0;
    model.update_trainable(&mut |_, var| {
        let len = var.len();
        if let Some(wd) = wd {
            // Keras: variable.assign(variable - variable * wd * lr).
            var.iter_mut().for_each(|w| *w = *w - *w * wd * lr);
        }
        rule(var, &grads[at..at + len], slots, at..at + len, lr);
        at += len;
    });
    *iterations += 1;
}
