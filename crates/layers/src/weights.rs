//! The size check every layer applies to weights given at run time.

use shaped_tensor::ShapeError;

/// Checks that `actual` elements fill a weight of `shape`, naming the weight and its shape
/// (Keras's way of writing it: `(3, 1, 32)`, `(32,)`) when they do not.
pub(crate) fn check_weight(name: &str, shape: &[usize], actual: usize) -> Result<(), ShapeError> {
    let expected: usize = shape.iter().product();
    if expected == actual {
        return Ok(());
    }
    let dims: Vec<String> = shape.iter().map(ToString::to_string).collect();
    let expected_shape =
        if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) };
    Err(ShapeError::Weight { name: name.to_string(), expected_shape, expected, actual })
}
