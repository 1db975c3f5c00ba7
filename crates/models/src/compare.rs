//! Comparing a model's outputs with Keras's.

use core::fmt;

use crate::KerasReference;

/// How a model's test-set outputs compare with Keras's.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Test cases.
    pub cases: usize,
    /// Our test accuracy.
    pub accuracy: f64,
    /// Keras's test accuracy.
    pub keras_accuracy: f64,
    /// Largest absolute difference from Keras's probabilities.
    pub max_probability_diff: f32,
    /// Largest absolute difference from Keras's logits.
    pub max_logit_diff: f32,
    /// Cases whose predicted class equals Keras's.
    pub same_class: usize,
}

impl Comparison {
    /// Compares probabilities and logits (`(cases, classes)` row-major) and the true labels with
    /// Keras's reference.
    pub fn new(keras: &KerasReference, probabilities: &[f32], logits: &[f32], labels: &[usize]) -> Self {
        let classes = keras.classes.max(1);
        let max_diff =
            |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0f32, f32::max);
        let predicted: Vec<usize> = probabilities.chunks_exact(classes).map(argmax).collect();
        let correct = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
        let same_class = predicted.iter().zip(&keras.predicted).filter(|(a, b)| a == b).count();
        Self {
            cases: labels.len(),
            accuracy: correct as f64 / labels.len().max(1) as f64,
            keras_accuracy: keras.accuracy,
            max_probability_diff: max_diff(probabilities, &keras.probabilities),
            max_logit_diff: max_diff(logits, &keras.logits),
            same_class,
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "test accuracy      {:.4}   (Keras {:.4})", self.accuracy, self.keras_accuracy)?;
        writeln!(f, "same class as Keras {}/{}", self.same_class, self.cases)?;
        writeln!(f, "max |p - p_keras|  {:.2e}", self.max_probability_diff)?;
        write!(f, "max |z - z_keras|  {:.2e}", self.max_logit_diff)
    }
}

/// The index of the largest value.
#[must_use]
pub fn argmax(row: &[f32]) -> usize {
    row.iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |(bi, bv), (i, &v)| if v > bv { (i, v) } else { (bi, bv) })
        .0
}

/// The median of `samples` (milliseconds), `NaN` when empty.
pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    match samples.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => samples[n / 2],
        n => (samples[n / 2 - 1] + samples[n / 2]) / 2.0,
    }
}

/// The median wall time in milliseconds of `runs` calls of `f` (at least one).
pub fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(&mut samples)
}

/// The CPU's model name as Linux reports it (`model name` in `/proc/cpuinfo`), or
/// `"unknown CPU"`: every timing the examples and benches print names the machine it came from.
#[must_use]
pub fn cpu_name() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}
