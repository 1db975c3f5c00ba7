//! Rust source of a `shaped::model!` declaration for a Keras model graph.

use std::fmt::Write as _;

use serde_json::Value;

use crate::graph::{field, number, KerasShape, LayerNode, ModelGraph};
use crate::shapes::channels_first;
use crate::ImportError;

fn unsupported(layer: &str, argument: &str, value: &Value) -> ImportError {
    ImportError::UnsupportedArgument {
        layer: layer.to_string(),
        argument: argument.to_string(),
        value: value.to_string(),
    }
}

fn u(n: usize) -> String {
    format!("U![{n}]")
}

/// A Rust identifier for a Keras name (`conv1d_3` stays; other characters become `_`).
pub(crate) fn ident(name: &str) -> String {
    let mut s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if matches!(s.as_str(), "self" | "super" | "crate" | "type" | "fn" | "let" | "as" | "in" | "ws") {
        s.push('_');
    }
    s
}

/// The tensor type of a Keras shape: `Tensor<f32, shape![Dyn, 150, 1]>`, or
/// `Tensor<f32, shape![Dyn, 1, 150; ChannelsFirst]>` for channels-first sequences.
pub(crate) fn tensor_type(shape: &KerasShape, channels_first: bool, at: &str) -> Result<String, ImportError> {
    let mut dims = Vec::with_capacity(shape.len());
    for (i, d) in shape.iter().enumerate() {
        match (i, d) {
            (0, None) => dims.push("Dyn".to_string()),
            (_, Some(n)) => dims.push(n.to_string()),
            (_, None) => {
                return Err(ImportError::Config {
                    at: at.to_string(),
                    message: format!("dimension {i} of {shape:?} is only known at run time; shaped types every dimension but the batch (give the Input a fixed length, e.g. pad_sequences)"),
                })
            }
        }
    }
    let format = if channels_first && dims.len() == 3 { "; ChannelsFirst" } else { "" };
    Ok(format!("Tensor<f32, shape![{}{format}]>", dims.join(", ")))
}

/// Whether a value of the graph (its input, or a layer's output) holds channels-first sequences:
/// made by a layer with `data_format="channels_first"`, or passed on unchanged in layout by
/// layers without one (activations, dropout, merges); the input is channels-first when a
/// channels-first layer reads it.
fn holds_channels_first(graph: &ModelGraph, value: &str) -> Result<bool, ImportError> {
    if value == graph.input_name {
        if graph.input_shape.len() != 3 {
            return Ok(false);
        }
        for node in graph.layers.iter().filter(|n| n.inputs.iter().any(|i| i == value)) {
            if node.config.get("data_format").is_some() {
                return channels_first(&node.config, &node.name);
            }
        }
        return Ok(false);
    }
    let Some(node) = graph.layers.iter().find(|n| n.name == value) else {
        return Ok(false);
    };
    if node.output_shape.len() != 3 {
        return Ok(false);
    }
    if node.config.get("data_format").is_some() {
        return channels_first(&node.config, &node.name);
    }
    match node.inputs.first() {
        Some(first) => holds_channels_first(graph, first),
        None => Ok(false),
    }
}

/// A Keras activation name as shaped's `Activation`.
fn activation(layer: &str, argument: &str, v: &Value) -> Result<Option<String>, ImportError> {
    let name = match v {
        Value::Null => return Ok(None),
        Value::String(s) => s.as_str(),
        other => return Err(unsupported(layer, argument, other)),
    };
    Ok(match name {
        "linear" => None,
        "relu" => Some("Activation::Relu".into()),
        "tanh" => Some("Activation::Tanh".into()),
        "sigmoid" => Some("Activation::Sigmoid".into()),
        "softmax" => Some("Activation::Softmax".into()),
        "elu" => Some("Activation::Elu(1.0)".into()),
        "gelu" => Some("Activation::Gelu".into()),
        "leaky_relu" => Some("Activation::LeakyRelu(0.2)".into()),
        _ => return Err(unsupported(layer, argument, v)),
    })
}

fn padding(cfg: &Value, layer: &str) -> Result<&'static str, ImportError> {
    match field(cfg, "padding", layer)?.as_str() {
        Some("valid") => Ok("Valid"),
        Some("same") => Ok("Same"),
        Some("causal") => Ok("Causal"),
        _ => Err(unsupported(layer, "padding", &cfg["padding"])),
    }
}

/// Whether a normalisation's `axis` is the last one (`-1`, `[-1]` or `rank - 1`); `None` for a
/// value that is not an axis.
fn last_axis(cfg: &Value, rank: usize) -> Option<bool> {
    let axis = match cfg.get("axis") {
        None => -1,
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_i64()?,
        Some(v) => v.as_i64()?,
    };
    Some(axis == -1 || usize::try_from(axis).ok() == rank.checked_sub(1))
}

fn float(cfg: &Value, key: &str, default: f64) -> f64 {
    cfg.get(key).and_then(Value::as_f64).unwrap_or(default)
}

/// The layer's type and the builder calls after its inputs.
fn layer_type(node: &LayerNode) -> Result<(String, String), ImportError> {
    let (at, cfg) = (node.name.as_str(), &node.config);
    let first = &node.input_shapes[0];
    let mut chain = String::new();
    let format_suffix = |cf: bool| if cf { ", ChannelsFirst" } else { "" };
    let ty = match node.class.as_str() {
        "Conv1D" => {
            let cf = channels_first(cfg, at)?;
            let cin = if cf { first[1] } else { first[2] }.unwrap_or(0);
            let groups = cfg.get("groups").and_then(Value::as_u64).unwrap_or(1) as usize;
            if let Some(a) = activation(at, "activation", &cfg["activation"])? {
                let _ = write!(chain, ".activation({a})");
            }
            if cfg.get("use_bias").and_then(Value::as_bool) == Some(false) {
                chain.push_str(".use_bias(false)");
            }
            format!(
                "Conv1D<f32, {}, {}, {}, {}, {}, {}, {}{}>",
                u(cin),
                u(number(cfg, "filters", at)?),
                u(number(cfg, "kernel_size", at)?),
                u(number(cfg, "strides", at)?),
                padding(cfg, at)?,
                u(number(cfg, "dilation_rate", at)?),
                u(groups),
                format_suffix(cf)
            )
        }
        "SeparableConv1D" | "DepthwiseConv1D" | "Conv1DTranspose" => {
            let cf = channels_first(cfg, at)?;
            let cin = if cf { first[1] } else { first[2] }.unwrap_or(0);
            if let Some(a) = activation(at, "activation", &cfg["activation"])? {
                let _ = write!(chain, ".activation({a})");
            }
            let no_bias = cfg.get("use_bias").and_then(Value::as_bool) == Some(false);
            let (k, st, d) = (
                u(number(cfg, "kernel_size", at)?),
                u(number(cfg, "strides", at)?),
                u(number(cfg, "dilation_rate", at)?),
            );
            let p = padding(cfg, at)?;
            match node.class.as_str() {
                "SeparableConv1D" => {
                    if no_bias {
                        return Err(unsupported(at, "use_bias", &cfg["use_bias"]));
                    }
                    let (f, m) = (u(number(cfg, "filters", at)?), u(number(cfg, "depth_multiplier", at)?));
                    format!(
                        "SeparableConv1D<f32, {}, {f}, {k}, {m}, {st}, {p}, {d}{}>",
                        u(cin),
                        format_suffix(cf)
                    )
                }
                "DepthwiseConv1D" => {
                    if no_bias {
                        chain.push_str(".use_bias(false)");
                    }
                    format!(
                        "DepthwiseConv1D<f32, {}, {k}, {}, {st}, {p}, {d}{}>",
                        u(cin),
                        u(number(cfg, "depth_multiplier", at)?),
                        format_suffix(cf)
                    )
                }
                _ => {
                    // use_bias=False: the weights have no bias, and loading them leaves none.
                    let op = match cfg.get("output_padding") {
                        None | Some(Value::Null) => "Inferred".to_string(),
                        Some(v) => {
                            u(crate::shapes::single(v).ok_or_else(|| unsupported(at, "output_padding", v))?)
                        }
                    };
                    format!(
                        "Conv1DTranspose<f32, {}, {}, {k}, {st}, {p}, {d}, {op}{}>",
                        u(cin),
                        u(number(cfg, "filters", at)?),
                        format_suffix(cf)
                    )
                }
            }
        }
        "Dense" => {
            if let Some(a) = activation(at, "activation", &cfg["activation"])? {
                let _ = write!(chain, ".activation({a})");
            }
            if cfg.get("use_bias").and_then(Value::as_bool) == Some(false) {
                chain.push_str(".use_bias(false)");
            }
            let input = first.last().copied().flatten().unwrap_or(0);
            format!("Dense<f32, {}, {}>", u(input), u(number(cfg, "units", at)?))
        }
        "BatchNormalization" => {
            let rank = first.len() as i64;
            let axis = match cfg.get("axis") {
                Some(Value::Array(a)) if a.len() == 1 => a[0].as_i64(),
                Some(v) => v.as_i64(),
                None => Some(-1),
            };
            if axis != Some(-1) && axis != Some(rank - 1) {
                return Err(unsupported(at, "axis", &cfg["axis"]));
            }
            let eps = float(cfg, "epsilon", 1e-3);
            if (eps - 1e-3).abs() > 1e-12 {
                let _ = write!(chain, ".with_epsilon({eps:?})");
            }
            format!("BatchNormalization<f32, {}>", u(first.last().copied().flatten().unwrap_or(0)))
        }
        "Activation" => {
            let a = activation(at, "activation", &cfg["activation"])?
                .unwrap_or_else(|| "Activation::Linear".into());
            let _ = write!(chain, ".with({a})");
            "Activation".to_string()
        }
        "ReLU" => {
            let max_value = match cfg.get("max_value") {
                None | Some(Value::Null) => None,
                Some(v) => Some(v.as_f64().ok_or_else(|| unsupported(at, "max_value", v))?),
            };
            let (slope, threshold) = (float(cfg, "negative_slope", 0.0), float(cfg, "threshold", 0.0));
            if max_value.is_none() && slope == 0.0 && threshold == 0.0 {
                chain.push_str(".with(Activation::Relu)");
                "Activation".to_string()
            } else {
                // Checked here as `ReLU::with_args` checks them, so the generated call holds.
                for (name, v) in [
                    ("max_value", max_value.unwrap_or(0.0)),
                    ("negative_slope", slope),
                    ("threshold", threshold),
                ] {
                    if !(v >= 0.0 && v.is_finite()) {
                        return Err(unsupported(at, name, &cfg[name]));
                    }
                }
                let _ = write!(
                    chain,
                    ".with(ReLU::with_args({max_value:?}, {slope:?}, {threshold:?}).expect(\"arguments checked by shaped-import\"))"
                );
                "ReLU".to_string()
            }
        }
        "LayerNormalization" => {
            if last_axis(cfg, first.len()) != Some(true) {
                return Err(unsupported(at, "axis", &cfg["axis"]));
            }
            if cfg.get("rms_scaling").and_then(Value::as_bool) == Some(true) {
                return Err(unsupported(at, "rms_scaling", &cfg["rms_scaling"]));
            }
            let eps = float(cfg, "epsilon", 1e-3);
            if (eps - 1e-3).abs() > 1e-12 {
                let _ = write!(chain, ".with_epsilon({eps:?})");
            }
            format!("LayerNormalization<f32, {}>", u(first.last().copied().flatten().unwrap_or(0)))
        }
        "GroupNormalization" => {
            if last_axis(cfg, first.len()) != Some(true) {
                return Err(unsupported(at, "axis", &cfg["axis"]));
            }
            let c = first.last().copied().flatten().unwrap_or(0);
            let groups = match cfg.get("groups").and_then(Value::as_i64) {
                Some(-1) => c,
                Some(g) => usize::try_from(g).map_err(|_| unsupported(at, "groups", &cfg["groups"]))?,
                None => 32,
            };
            let eps = float(cfg, "epsilon", 1e-3);
            if (eps - 1e-3).abs() > 1e-12 {
                let _ = write!(chain, ".with_epsilon({eps:?})");
            }
            format!("GroupNormalization<f32, {}, {}>", u(c), u(groups))
        }
        "PReLU" => {
            let (len, c) = match first.as_slice() {
                [_, Some(l), Some(c)] => (*l, *c),
                _ => {
                    return Err(unsupported(
                        at,
                        "input rank (PReLU is typed for (batch, steps, channels))",
                        &Value::Null,
                    ))
                }
            };
            let shared: Vec<i64> = match cfg.get("shared_axes") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_i64).collect(),
                Some(v) => vec![v.as_i64().ok_or_else(|| unsupported(at, "shared_axes", v))?],
            };
            let al = if shared.contains(&1) { 1 } else { len };
            let ac = if shared.contains(&2) { 1 } else { c };
            format!("PReLU<f32, {}, {}>", u(al), u(ac))
        }
        "SpatialDropout1D" => {
            let rate = float(cfg, "rate", 0.0);
            if !(0.0..1.0).contains(&rate) {
                return Err(unsupported(at, "rate", &cfg["rate"]));
            }
            let _ = write!(
                chain,
                ".with(SpatialDropout1D::new({rate:?}).expect(\"rate checked by shaped-import\"))"
            );
            "SpatialDropout1D".to_string()
        }
        "Permute" => {
            let dims: Vec<u64> = field(cfg, "dims", at)?
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            match dims.as_slice() {
                [2, 1] => "Permute<(U![2], U![1])>".to_string(),
                [1, 2] => "Permute<(U![1], U![2])>".to_string(),
                _ => return Err(unsupported(at, "dims", &cfg["dims"])),
            }
        }
        "RepeatVector" => format!("RepeatVector<{}>", u(number(cfg, "n", at)?)),
        "AdaptiveAveragePooling1D" | "AdaptiveMaxPooling1D" => {
            if channels_first(cfg, at)? {
                return Err(unsupported(at, "data_format", &cfg["data_format"]));
            }
            format!("{}<{}>", node.class, u(number(cfg, "output_size", at)?))
        }
        "LeakyReLU" => {
            let slope =
                cfg.get("negative_slope").or_else(|| cfg.get("alpha")).and_then(Value::as_f64).unwrap_or(0.3);
            let _ = write!(chain, ".with(Activation::LeakyRelu({slope:?}))");
            "Activation".to_string()
        }
        "ELU" => {
            let _ = write!(chain, ".with(Activation::Elu({:?}))", float(cfg, "alpha", 1.0));
            "Activation".to_string()
        }
        "Softmax" => {
            if cfg.get("axis").and_then(Value::as_i64).unwrap_or(-1) != -1 {
                return Err(unsupported(at, "axis", &cfg["axis"]));
            }
            chain.push_str(".with(Activation::Softmax)");
            "Activation".to_string()
        }
        "Dropout" => {
            let _ = write!(chain, ".with(shaped::layers::dropout!({:?}))", float(cfg, "rate", 0.0));
            "Dropout".to_string()
        }
        "MaxPooling1D" | "AveragePooling1D" => {
            let cf = channels_first(cfg, at)?;
            let p = number(cfg, "pool_size", at)?;
            let s =
                if cfg.get("strides").is_none_or(Value::is_null) { p } else { number(cfg, "strides", at)? };
            format!("{}<{}, {}, {}{}>", node.class, u(p), u(s), padding(cfg, at)?, format_suffix(cf))
        }
        "GlobalAveragePooling1D" | "GlobalMaxPooling1D" => {
            let cf = channels_first(cfg, at)?;
            if cfg.get("keepdims").and_then(Value::as_bool) == Some(true) {
                if cf {
                    return Err(unsupported(at, "keepdims with data_format", &cfg["data_format"]));
                }
                format!("shaped::layers::pool::KeepDims<{}>", node.class)
            } else if cf {
                format!("{}<ChannelsFirst>", node.class)
            } else {
                node.class.clone()
            }
        }
        "Flatten" => "Flatten".to_string(),
        "ZeroPadding1D" | "Cropping1D" => {
            let (l, r) = crate::shapes::pair(
                cfg,
                if node.class == "ZeroPadding1D" { "padding" } else { "cropping" },
                at,
            )?;
            format!("{}<{}, {}>", node.class, u(l), u(r))
        }
        "Reshape" => {
            let dims: Vec<String> = node.output_shape[1..].iter().map(|d| u(d.unwrap_or(0))).collect();
            format!("Reshape<({},)>", dims.join(", "))
        }
        "UpSampling1D" => format!("UpSampling1D<{}>", u(number(cfg, "size", at)?)),
        "Add" | "Multiply" | "Average" | "Maximum" | "Minimum" | "Subtract" => node.class.clone(),
        "Concatenate" => {
            let rank = first.len() as i64;
            let axis = cfg.get("axis").and_then(Value::as_i64).unwrap_or(-1);
            let axis = if axis < 0 { rank + axis } else { axis };
            if axis == rank - 1 {
                "Concatenate".to_string()
            } else if axis == 1 && rank == 3 {
                "Concatenate<TimeAxis>".to_string()
            } else {
                return Err(unsupported(at, "axis", &cfg["axis"]));
            }
        }
        other => {
            return Err(ImportError::UnsupportedLayer { layer: at.to_string(), class: other.to_string() })
        }
    };
    Ok((ty, chain))
}

/// The Rust source of a `model!` declaration named `name` for the graph.
pub(crate) fn declaration(graph: &ModelGraph, name: &str, doc: &str) -> Result<String, ImportError> {
    let mut s = String::new();
    let input =
        tensor_type(&graph.input_shape, holds_channels_first(graph, &graph.input_name)?, &graph.input_name)?;
    let output =
        tensor_type(graph.output_shape(), holds_channels_first(graph, &graph.output)?, &graph.output)?;
    let _ = writeln!(s, "shaped::model! {{");
    for line in doc.lines() {
        let _ = writeln!(s, "    /// {line}");
    }
    let _ = writeln!(s, "    pub struct {name}({}: {input}) -> {output} {{", ident(&graph.input_name));
    for node in &graph.layers {
        let (ty, chain) = layer_type(node)?;
        let inputs: Vec<String> = node.inputs.iter().map(|i| ident(i)).collect();
        let _ = writeln!(
            s,
            "        let {} = {ty}({}){chain} as {:?};",
            ident(&node.name),
            inputs.join(", "),
            node.name
        );
    }
    let _ = writeln!(s, "        {}", ident(&graph.output));
    let _ = writeln!(s, "    }}\n}}");
    Ok(s)
}
