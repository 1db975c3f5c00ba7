//! Output shapes of the Keras layers shaped supports, computed as Keras computes them (the
//! generated Rust code computes them again, in the types).

use serde_json::Value;

use crate::graph::{field, number, KerasShape};
use crate::ImportError;

fn err(at: &str, message: impl Into<String>) -> ImportError {
    ImportError::Config { at: at.to_string(), message: message.into() }
}

fn unsupported(at: &str, argument: &str, value: &Value) -> ImportError {
    ImportError::UnsupportedArgument {
        layer: at.to_string(),
        argument: argument.to_string(),
        value: value.to_string(),
    }
}

/// A 3-D input's `(length, channels)` in the layer's data format.
fn sequence(shape: &KerasShape, channels_first: bool, at: &str) -> Result<(usize, usize), ImportError> {
    match shape.as_slice() {
        [_, Some(a), Some(b)] => Ok(if channels_first { (*b, *a) } else { (*a, *b) }),
        _ => Err(err(
            at,
            format!(
                "expected a (batch, steps, channels) input with known steps and channels, found {shape:?}"
            ),
        )),
    }
}

fn sequence_shape(len: usize, channels: usize, channels_first: bool) -> KerasShape {
    if channels_first {
        vec![None, Some(channels), Some(len)]
    } else {
        vec![None, Some(len), Some(channels)]
    }
}

/// Whether the layer is channels-first (`data_format`), refusing other values.
pub(crate) fn channels_first(cfg: &Value, at: &str) -> Result<bool, ImportError> {
    match cfg.get("data_format").and_then(Value::as_str) {
        None | Some("channels_last") => Ok(false),
        Some("channels_first") => Ok(true),
        Some(_) => Err(unsupported(at, "data_format", &cfg["data_format"])),
    }
}

/// Output length of a window of `eff` steps moving by `stride` under `padding`.
fn window_len(len: usize, eff: usize, stride: usize, padding: &str, at: &str) -> Result<usize, ImportError> {
    match padding {
        "valid" => {
            if len < eff {
                Err(err(at, format!("the window ({eff} steps) is longer than the sequence ({len} steps) with padding='valid'")))
            } else {
                Ok((len - eff) / stride + 1)
            }
        }
        "same" | "causal" => Ok(len.div_ceil(stride)),
        other => Err(unsupported(at, "padding", &Value::String(other.to_string()))),
    }
}

/// The output shape of one layer of class `class`.
pub(crate) fn output_shape(
    class: &str,
    cfg: &Value,
    inputs: &[KerasShape],
    at: &str,
) -> Result<KerasShape, ImportError> {
    let first = inputs.first().ok_or_else(|| err(at, "no input"))?;
    match class {
        "Conv1D" => {
            let cf = channels_first(cfg, at)?;
            let (len, _) = sequence(first, cf, at)?;
            let (f, k, s, d) = (
                number(cfg, "filters", at)?,
                number(cfg, "kernel_size", at)?,
                number(cfg, "strides", at)?,
                number(cfg, "dilation_rate", at)?,
            );
            let padding = field(cfg, "padding", at)?.as_str().unwrap_or("");
            let eff = d * (k.max(1) - 1) + 1;
            Ok(sequence_shape(window_len(len, eff, s.max(1), padding, at)?, f, cf))
        }
        "SeparableConv1D" | "DepthwiseConv1D" => {
            let cf = channels_first(cfg, at)?;
            let (len, c) = sequence(first, cf, at)?;
            let (k, s, d) = (
                number(cfg, "kernel_size", at)?,
                number(cfg, "strides", at)?,
                number(cfg, "dilation_rate", at)?,
            );
            let padding = field(cfg, "padding", at)?.as_str().unwrap_or("");
            let out_channels = if class == "SeparableConv1D" {
                number(cfg, "filters", at)?
            } else {
                c.checked_mul(number(cfg, "depth_multiplier", at)?)
                    .ok_or_else(|| err(at, "too many channels"))?
            };
            Ok(sequence_shape(
                window_len(len, d * (k.max(1) - 1) + 1, s.max(1), padding, at)?,
                out_channels,
                cf,
            ))
        }
        "Conv1DTranspose" => {
            let output_padding = match cfg.get("output_padding") {
                None | Some(Value::Null) => None,
                Some(v) => Some(single(v).ok_or_else(|| unsupported(at, "output_padding", v))?),
            };
            let cf = channels_first(cfg, at)?;
            let (len, _) = sequence(first, cf, at)?;
            let (f, k, s, d) = (
                number(cfg, "filters", at)?,
                number(cfg, "kernel_size", at)?,
                number(cfg, "strides", at)?,
                number(cfg, "dilation_rate", at)?,
            );
            let eff = d * (k.max(1) - 1) + 1;
            if output_padding.is_some_and(|op| op >= s) {
                return Err(err(
                    at,
                    "output_padding must be strictly less than strides (Keras refuses it too)",
                ));
            }
            // Keras's `compute_conv_transpose_output_shape`.
            let steps = len.checked_sub(1).and_then(|l| l.checked_mul(s));
            let out = match (field(cfg, "padding", at)?.as_str(), output_padding) {
                (Some("valid"), None) => len.checked_mul(s).map(|l| l + eff.saturating_sub(s)),
                (Some("same"), None) => len.checked_mul(s),
                (Some("valid"), Some(op)) => steps.and_then(|l| l.checked_add(eff + op)),
                (Some("same"), Some(op)) => steps.and_then(|l| l.checked_add(eff % 2 + op)),
                _ => return Err(unsupported(at, "padding", &cfg["padding"])),
            };
            Ok(sequence_shape(out.ok_or_else(|| err(at, "the length overflows"))?, f, cf))
        }
        "MaxPooling1D" | "AveragePooling1D" => {
            let cf = channels_first(cfg, at)?;
            let (len, c) = sequence(first, cf, at)?;
            let p = number(cfg, "pool_size", at)?;
            let s =
                cfg.get("strides").filter(|v| !v.is_null()).map_or(Ok(p), |_| number(cfg, "strides", at))?;
            let padding = field(cfg, "padding", at)?.as_str().unwrap_or("");
            Ok(sequence_shape(window_len(len, p, s.max(1), padding, at)?, c, cf))
        }
        "GlobalAveragePooling1D" | "GlobalMaxPooling1D" => {
            let cf = channels_first(cfg, at)?;
            let (_, c) = sequence(first, cf, at)?;
            if cfg.get("keepdims").and_then(Value::as_bool) == Some(true) {
                return Ok(sequence_shape(1, c, cf));
            }
            Ok(vec![None, Some(c)])
        }
        "AdaptiveAveragePooling1D" | "AdaptiveMaxPooling1D" => {
            let cf = channels_first(cfg, at)?;
            let (_, c) = sequence(first, cf, at)?;
            Ok(sequence_shape(number(cfg, "output_size", at)?, c, cf))
        }
        "Permute" => {
            let (len, c) = sequence(first, false, at)?;
            let dims: Vec<u64> = field(cfg, "dims", at)?
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            match dims.as_slice() {
                [2, 1] => Ok(sequence_shape(c, len, false)),
                [1, 2] => Ok(first.clone()),
                _ => Err(unsupported(at, "dims", &cfg["dims"])),
            }
        }
        "RepeatVector" => match first.as_slice() {
            [_, Some(c)] => Ok(sequence_shape(number(cfg, "n", at)?, *c, false)),
            _ => Err(err(at, format!("RepeatVector expects a (batch, features) input, found {first:?}"))),
        },
        "Dense" => {
            let units = number(cfg, "units", at)?;
            let mut s = first.clone();
            match s.last_mut() {
                Some(last) => *last = Some(units),
                None => return Err(err(at, "Dense on a scalar")),
            }
            Ok(s)
        }
        "Flatten" => {
            let n = first[1..].iter().try_fold(1usize, |acc, d| d.and_then(|d| acc.checked_mul(d)));
            Ok(vec![None, Some(n.ok_or_else(|| err(at, "Flatten of an unknown or too large shape"))?)])
        }
        "Concatenate" => {
            let rank = first.len();
            let axis = cfg.get("axis").and_then(Value::as_i64).unwrap_or(-1);
            let axis = if axis < 0 { rank as i64 + axis } else { axis };
            let axis = usize::try_from(axis)
                .ok()
                .filter(|&a| a >= 1 && a < rank)
                .ok_or_else(|| unsupported(at, "axis", &cfg["axis"]))?;
            let mut out = first.clone();
            let total = inputs
                .iter()
                .try_fold(0usize, |acc, s| s.get(axis).copied().flatten().and_then(|d| acc.checked_add(d)));
            out[axis] = Some(total.ok_or_else(|| err(at, "inputs of different ranks"))?);
            Ok(out)
        }
        "ZeroPadding1D" | "Cropping1D" => {
            let (left, right) = pair(cfg, if class == "ZeroPadding1D" { "padding" } else { "cropping" }, at)?;
            let (len, c) = sequence(first, false, at)?;
            let out = if class == "ZeroPadding1D" {
                len.checked_add(left).and_then(|l| l.checked_add(right))
            } else {
                len.checked_sub(left).and_then(|l| l.checked_sub(right)).filter(|&l| l > 0)
            };
            let out =
                out.ok_or_else(|| err(at, format!("{class} ({left}, {right}) does not fit {len} steps")))?;
            Ok(sequence_shape(out, c, false))
        }
        "Reshape" => {
            let target = crate::graph::shape_of(field(cfg, "target_shape", at)?, at)?;
            let dims: Option<Vec<usize>> = target.iter().copied().collect();
            let dims = dims
                .filter(|d| (1..=2).contains(&d.len()))
                .ok_or_else(|| unsupported(at, "target_shape", &cfg["target_shape"]))?;
            let from = first[1..].iter().try_fold(1usize, |a, d| d.and_then(|d| a.checked_mul(d)));
            let to = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
            if from != to {
                return Err(err(
                    at,
                    format!(
                        "Reshape to {dims:?} changes the element count of a sample ({from:?} against {to:?})"
                    ),
                ));
            }
            Ok(std::iter::once(None).chain(dims.into_iter().map(Some)).collect())
        }
        "UpSampling1D" => {
            let (len, c) = sequence(first, false, at)?;
            let size = number(cfg, "size", at)?;
            Ok(sequence_shape(
                len.checked_mul(size).ok_or_else(|| err(at, "the length overflows"))?,
                c,
                false,
            ))
        }
        "Add" | "Multiply" | "Average" | "Maximum" | "Minimum" | "Subtract" | "BatchNormalization"
        | "Activation" | "ReLU" | "Dropout" | "LeakyReLU" | "ELU" | "Softmax" | "LayerNormalization"
        | "GroupNormalization" | "PReLU" | "SpatialDropout1D" => Ok(first.clone()),
        _ => Err(ImportError::UnsupportedLayer { layer: at.to_string(), class: class.to_string() }),
    }
}

/// A one-dimensional argument written as a number or a 1-tuple (`output_padding=1`, `(1,)`).
pub(crate) fn single(v: &Value) -> Option<usize> {
    let n = |v: &Value| v.as_u64().and_then(|n| usize::try_from(n).ok());
    match v {
        Value::Array(a) if a.len() == 1 => n(&a[0]),
        other => n(other),
    }
}

/// A `(left, right)` argument written as one number or a pair (`padding=2`, `cropping=(1, 3)`).
pub(crate) fn pair(cfg: &Value, key: &str, at: &str) -> Result<(usize, usize), ImportError> {
    let v = field(cfg, key, at)?;
    let n = |v: &Value| v.as_u64().and_then(|n| usize::try_from(n).ok());
    match v {
        Value::Array(a) if a.len() == 2 => n(&a[0]).zip(n(&a[1])),
        Value::Array(a) if a.len() == 1 => n(&a[0]).map(|x| (x, x)),
        other => n(other).map(|x| (x, x)),
    }
    .ok_or_else(|| unsupported(at, key, v))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::output_shape;

    fn seq(len: usize, c: usize) -> Vec<Option<usize>> {
        vec![None, Some(len), Some(c)]
    }

    #[test]
    fn conv1d_transpose_lengths_follow_keras_with_and_without_output_padding() {
        // Keras's test_conv1d_transpose_basic: (2, 8, 4) -> (2, 23, 6) and (2, 16, 5).
        let cfg = json!({"filters": 6, "kernel_size": [2], "strides": [3], "dilation_rate": [1], "padding": "same", "output_padding": [2]});
        assert_eq!(output_shape("Conv1DTranspose", &cfg, &[seq(8, 4)], "t").unwrap(), seq(23, 6));
        let cfg = json!({"filters": 5, "kernel_size": [2], "strides": [2], "dilation_rate": [1], "padding": "valid", "output_padding": null});
        assert_eq!(output_shape("Conv1DTranspose", &cfg, &[seq(8, 4)], "t").unwrap(), seq(16, 5));
        // The catalog's conv1dtranspose_output_padding_ok: length 10 -> 22.
        let cfg = json!({"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 1, "padding": "valid", "output_padding": 1});
        assert_eq!(output_shape("Conv1DTranspose", &cfg, &[seq(10, 1)], "t").unwrap(), seq(22, 4));
        let cfg = json!({"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 1, "padding": "valid", "output_padding": 2});
        let e = output_shape("Conv1DTranspose", &cfg, &[seq(10, 1)], "t").unwrap_err().to_string();
        assert!(e.contains("output_padding must be strictly less than strides"), "{e}");
    }

    #[test]
    fn the_issue_16_layers_shapes() {
        let keep = json!({"keepdims": true, "data_format": "channels_last"});
        assert_eq!(output_shape("GlobalMaxPooling1D", &keep, &[seq(6, 5)], "p").unwrap(), seq(1, 5));
        let adaptive = json!({"output_size": 11, "data_format": "channels_last"});
        assert_eq!(
            output_shape("AdaptiveAveragePooling1D", &adaptive, &[seq(44, 8)], "a").unwrap(),
            seq(11, 8)
        );
        assert_eq!(
            output_shape("Permute", &json!({"dims": [2, 1]}), &[seq(11, 8)], "p").unwrap(),
            seq(8, 11)
        );
        assert!(output_shape("Permute", &json!({"dims": [3, 1]}), &[seq(11, 8)], "p").is_err());
        assert_eq!(
            output_shape("RepeatVector", &json!({"n": 3}), &[vec![None, Some(6)]], "r").unwrap(),
            seq(3, 6)
        );
        assert!(output_shape("RepeatVector", &json!({"n": 3}), &[seq(2, 6)], "r").is_err());
        for class in ["LayerNormalization", "GroupNormalization", "PReLU", "SpatialDropout1D"] {
            assert_eq!(output_shape(class, &json!({}), &[seq(7, 4)], "n").unwrap(), seq(7, 4), "{class}");
        }
    }
}
