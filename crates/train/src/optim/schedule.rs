//! Learning-rate schedules: the rate as a function of the optimizer's iteration count.
//!
//! Each is Keras's class of the same name in `keras.optimizers.schedules`, with its
//! arguments and defaults; `step` is the number of steps already applied (0 for the first).
//!
//! ```
//! use shaped::train::optim::schedule::{ExponentialDecay, LearningRateSchedule};
//! let s = ExponentialDecay::new(0.1, 10, 0.5);
//! assert!((s.rate(20) - 0.025).abs() < 1e-15);
//! ```

use core::fmt::Debug;

/// A learning rate computed from the step (Keras `LearningRateSchedule`).
pub trait LearningRateSchedule: Debug + Send + Sync {
    /// The rate at `step`.
    fn rate(&self, step: u64) -> f64;
}

/// `initial * decay_rate ^ (step / decay_steps)`, the exponent floored with `staircase`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExponentialDecay {
    /// `initial_learning_rate`.
    pub initial_learning_rate: f64,
    /// `decay_steps`.
    pub decay_steps: u64,
    /// `decay_rate`.
    pub decay_rate: f64,
    /// `staircase` (default `false`).
    pub staircase: bool,
}

impl ExponentialDecay {
    /// Keras `ExponentialDecay(initial_learning_rate, decay_steps, decay_rate)`.
    pub fn new(initial_learning_rate: f64, decay_steps: u64, decay_rate: f64) -> Self {
        Self { initial_learning_rate, decay_steps, decay_rate, staircase: false }
    }
}

fn ratio(step: u64, steps: u64) -> f64 {
    step as f64 / steps.max(1) as f64
}

impl LearningRateSchedule for ExponentialDecay {
    fn rate(&self, step: u64) -> f64 {
        let mut p = ratio(step, self.decay_steps);
        if self.staircase {
            p = p.floor();
        }
        self.initial_learning_rate * self.decay_rate.powf(p)
    }
}

/// `initial / (1 + decay_rate * step / decay_steps)`, floored with `staircase`.
#[derive(Clone, Debug, PartialEq)]
pub struct InverseTimeDecay {
    /// `initial_learning_rate`.
    pub initial_learning_rate: f64,
    /// `decay_steps`.
    pub decay_steps: u64,
    /// `decay_rate`.
    pub decay_rate: f64,
    /// `staircase` (default `false`).
    pub staircase: bool,
}

impl InverseTimeDecay {
    /// Keras `InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate)`.
    pub fn new(initial_learning_rate: f64, decay_steps: u64, decay_rate: f64) -> Self {
        Self { initial_learning_rate, decay_steps, decay_rate, staircase: false }
    }
}

impl LearningRateSchedule for InverseTimeDecay {
    fn rate(&self, step: u64) -> f64 {
        let mut p = ratio(step, self.decay_steps);
        if self.staircase {
            p = p.floor();
        }
        self.initial_learning_rate / (1.0 + self.decay_rate * p)
    }
}

/// `values[i]` while `step <= boundaries[i]` (and after the last boundary, the last value).
#[derive(Clone, Debug, PartialEq)]
pub struct PiecewiseConstantDecay {
    boundaries: Vec<u64>,
    values: Vec<f64>,
}

impl PiecewiseConstantDecay {
    /// Keras `PiecewiseConstantDecay(boundaries, values)`; `None` unless there is one more
    /// value than boundaries and the boundaries increase (Keras raises).
    pub fn new(boundaries: Vec<u64>, values: Vec<f64>) -> Option<Self> {
        (values.len() == boundaries.len() + 1 && boundaries.windows(2).all(|w| w[0] < w[1]))
            .then_some(Self { boundaries, values })
    }
}

impl LearningRateSchedule for PiecewiseConstantDecay {
    fn rate(&self, step: u64) -> f64 {
        let i = self.boundaries.iter().position(|&b| step <= b).unwrap_or(self.boundaries.len());
        self.values[i]
    }
}

/// `(initial - end) * (1 - step / decay_steps) ^ power + end`, the step held at
/// `decay_steps`, or with `cycle` the decay restarted at each multiple of `decay_steps`.
#[derive(Clone, Debug, PartialEq)]
pub struct PolynomialDecay {
    /// `initial_learning_rate`.
    pub initial_learning_rate: f64,
    /// `decay_steps`.
    pub decay_steps: u64,
    /// `end_learning_rate` (default `1e-4`).
    pub end_learning_rate: f64,
    /// `power` (default 1).
    pub power: f64,
    /// `cycle` (default `false`).
    pub cycle: bool,
}

impl PolynomialDecay {
    /// Keras `PolynomialDecay(initial_learning_rate, decay_steps)` with its defaults.
    pub fn new(initial_learning_rate: f64, decay_steps: u64) -> Self {
        Self { initial_learning_rate, decay_steps, end_learning_rate: 1e-4, power: 1.0, cycle: false }
    }
}

impl LearningRateSchedule for PolynomialDecay {
    fn rate(&self, step: u64) -> f64 {
        let mut steps = self.decay_steps.max(1) as f64;
        let mut s = step as f64;
        if self.cycle {
            let mult = if step == 0 { 1.0 } else { (s / steps).ceil() };
            steps *= mult;
        } else {
            s = s.min(steps);
        }
        (self.initial_learning_rate - self.end_learning_rate) * (1.0 - s / steps).powf(self.power)
            + self.end_learning_rate
    }
}

/// Cosine decay from `initial` to `initial * alpha` over `decay_steps`, after an optional
/// linear warm-up to `warmup_target` over `warmup_steps`.
#[derive(Clone, Debug, PartialEq)]
pub struct CosineDecay {
    /// `initial_learning_rate`.
    pub initial_learning_rate: f64,
    /// `decay_steps`.
    pub decay_steps: u64,
    /// `alpha` (default 0): the final rate as a fraction.
    pub alpha: f64,
    /// `warmup_target` (default none).
    pub warmup_target: Option<f64>,
    /// `warmup_steps` (default 0).
    pub warmup_steps: u64,
}

impl CosineDecay {
    /// Keras `CosineDecay(initial_learning_rate, decay_steps)` with its defaults.
    pub fn new(initial_learning_rate: f64, decay_steps: u64) -> Self {
        Self { initial_learning_rate, decay_steps, alpha: 0.0, warmup_target: None, warmup_steps: 0 }
    }
}

impl LearningRateSchedule for CosineDecay {
    fn rate(&self, step: u64) -> f64 {
        let decay = |from: f64, s: u64| {
            let s = (s as f64).min(self.decay_steps as f64);
            let cosine = 0.5 * (1.0 + (core::f64::consts::PI * s / self.decay_steps.max(1) as f64).cos());
            from * ((1.0 - self.alpha) * cosine + self.alpha)
        };
        match self.warmup_target {
            None => decay(self.initial_learning_rate, step),
            Some(target) => {
                if step < self.warmup_steps {
                    let done = step as f64 / self.warmup_steps as f64;
                    self.initial_learning_rate + (target - self.initial_learning_rate) * done
                } else {
                    decay(target, step - self.warmup_steps)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_follow_keras_formulas() {
        let e = ExponentialDecay { staircase: true, ..ExponentialDecay::new(1.0, 10, 0.5) };
        assert_eq!(e.rate(19), 0.5);
        assert_eq!(InverseTimeDecay::new(1.0, 1, 1.0).rate(3), 0.25);
        let p = PiecewiseConstantDecay::new(vec![10, 20], vec![1.0, 0.5, 0.1]).unwrap();
        assert_eq!([p.rate(0), p.rate(10), p.rate(11), p.rate(20), p.rate(21)], [1.0, 1.0, 0.5, 0.5, 0.1]);
        assert!(PiecewiseConstantDecay::new(vec![10], vec![1.0]).is_none());
        let poly = PolynomialDecay::new(1.0, 10);
        assert!((poly.rate(5) - (0.9999 * 0.5 + 1e-4)).abs() < 1e-12);
        assert!((poly.rate(50) - 1e-4).abs() < 1e-15);
        let c = CosineDecay::new(1.0, 10);
        assert!((c.rate(5) - 0.5).abs() < 1e-15);
        assert_eq!(c.rate(100), 0.0);
        let w = CosineDecay { warmup_target: Some(2.0), warmup_steps: 4, ..CosineDecay::new(0.0, 10) };
        assert_eq!(w.rate(2), 1.0);
        assert_eq!(w.rate(4), 2.0);
    }
}
