//! Reading the values of a golden JSON file (`tests/golden/train/*.json`,
//! `tests/golden/batch_norm_channels_first.json`) and comparing shaped's with Keras's at a
//! tolerance relative to each tensor's largest Keras value.

// Each test binary that includes this file uses part of it.
#![allow(dead_code)]

use serde_json::Value;

/// A JSON array of numbers as `f32`.
pub fn floats(v: &Value) -> Vec<f32> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

/// Asserts `|actual - expected| <= abs + rel * max|expected|` element by element (and equal
/// lengths), naming `case` and `what` in the failure.
pub fn close_within(case: &str, what: &str, actual: &[f32], expected: &[f32], abs: f32, rel: f32) {
    assert_eq!(actual.len(), expected.len(), "{case} {what}: length");
    let scale = expected.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let tol = abs + rel * scale;
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!((a - e).abs() <= tol, "{case} {what}[{i}]: shaped {a}, Keras {e} (tolerance {tol})");
    }
}

/// [`close_within`] at the training tolerance, `2e-5 + 2e-4 * max|keras|` (`f32` sums
/// computed in another order).
pub fn close(case: &str, what: &str, actual: &[f32], expected: &[f32]) {
    close_within(case, what, actual, expected, 2e-5, 2e-4);
}
