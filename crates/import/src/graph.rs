//! A Keras model config as a graph of layers with their input and output shapes.

use serde_json::Value;

use crate::ImportError;

/// A shape as Keras writes it, batch first, `None` for a run-time dimension.
pub type KerasShape = Vec<Option<usize>>;

/// One layer of the model, in the config's order (which is a valid evaluation order).
#[derive(Clone, Debug)]
pub struct LayerNode {
    /// Keras's layer name.
    pub name: String,
    /// Keras's class name.
    pub class: String,
    /// The layer's `config`.
    pub config: Value,
    /// The names of the layers whose outputs it takes, in order.
    pub inputs: Vec<String>,
    /// Its input shapes (one per input).
    pub input_shapes: Vec<KerasShape>,
    /// Its output shape.
    pub output_shape: KerasShape,
}

/// A model config: its input, its layers (the input layer excluded) and its output layer.
#[derive(Clone, Debug)]
pub struct ModelGraph {
    /// The input layer's name.
    pub input_name: String,
    /// The input shape, batch first.
    pub input_shape: KerasShape,
    /// The layers in evaluation order.
    pub layers: Vec<LayerNode>,
    /// The output layer's name.
    pub output: String,
}

fn config_err(at: &str, message: impl Into<String>) -> ImportError {
    ImportError::Config { at: at.to_string(), message: message.into() }
}

/// Reads a shape (`[null, 150, 1]`).
pub(crate) fn shape_of(v: &Value, at: &str) -> Result<KerasShape, ImportError> {
    v.as_array()
        .ok_or_else(|| config_err(at, format!("expected a shape, found {v}")))?
        .iter()
        .map(|d| match d {
            Value::Null => Ok(None),
            d => d
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| config_err(at, format!("expected a dimension, found {d}"))),
        })
        .collect()
}

/// A config field that must be present.
pub(crate) fn field<'a>(config: &'a Value, key: &str, at: &str) -> Result<&'a Value, ImportError> {
    config.get(key).ok_or_else(|| config_err(at, format!("the config has no `{key}`")))
}

/// A whole-number config field; a one-element list (`kernel_size: [3]`) counts as its element.
pub(crate) fn number(config: &Value, key: &str, at: &str) -> Result<usize, ImportError> {
    let v = field(config, key, at)?;
    let v = match v.as_array() {
        Some(a) if a.len() == 1 => &a[0],
        _ => v,
    };
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| config_err(at, format!("`{key}` should be a whole number, found {v}")))
}

/// The names of the layers feeding a layer, from Keras 3's `inbound_nodes`
/// (`{"args": [keras_tensor, ...]}`) or Keras 2's (`[[["name", 0, 0, {}], ...]]`).
fn inbound(layer: &Value, at: &str) -> Result<Vec<String>, ImportError> {
    let nodes = match layer.get("inbound_nodes").and_then(Value::as_array) {
        Some(n) if !n.is_empty() => n,
        _ => return Ok(Vec::new()),
    };
    if nodes.len() > 1 {
        return Err(config_err(at, "the layer is called more than once (shared layers are not supported)"));
    }
    let node = &nodes[0];
    let mut names = Vec::new();
    if let Some(args) = node.get("args") {
        fn collect(v: &Value, names: &mut Vec<String>) {
            match v {
                Value::Array(items) => items.iter().for_each(|i| collect(i, names)),
                Value::Object(o) => {
                    if let Some(h) = o.get("config").and_then(|c| c.get("keras_history")) {
                        if let Some(n) = h.get(0).and_then(Value::as_str) {
                            names.push(n.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        collect(args, &mut names);
    } else if let Some(items) = node.as_array() {
        for item in items {
            if let Some(n) = item.get(0).and_then(Value::as_str) {
                names.push(n.to_string());
            }
        }
    }
    Ok(names)
}

/// The output layer's name from `output_layers` (`[["dense", 0, 0]]` or `["dense", 0, 0]`).
fn output_layer(config: &Value) -> Option<String> {
    let o = config.get("output_layers")?;
    let first = match o.get(0)? {
        Value::String(s) => return Some(s.clone()),
        v => v,
    };
    first.get(0)?.as_str().map(str::to_string)
}

impl ModelGraph {
    /// Reads a Keras model config (`config.json` of a `.keras` archive, or the `model_config`
    /// of a legacy `.h5` file): a `Sequential` or a functional model with one input and one
    /// output.
    ///
    /// # Errors
    ///
    /// An [`ImportError`] naming the layer, argument and value that shaped does not support, or
    /// a shape that does not fit.
    pub fn from_config(model: &Value) -> Result<Self, ImportError> {
        let class = model.get("class_name").and_then(Value::as_str).unwrap_or("");
        let config = field(model, "config", "model")?;
        let layers = field(config, "layers", "model")?
            .as_array()
            .ok_or_else(|| config_err("model", "`layers` is not a list"))?;
        let sequential = class == "Sequential";
        if !sequential && !matches!(class, "Functional" | "Model") {
            return Err(config_err(
                "model",
                format!("expected a Sequential or functional model, found class {class:?}"),
            ));
        }
        let mut input_name = None;
        let mut input_shape = None;
        let mut nodes: Vec<LayerNode> = Vec::new();
        for layer in layers {
            let class = layer.get("class_name").and_then(Value::as_str).unwrap_or("").to_string();
            let cfg = layer.get("config").cloned().unwrap_or(Value::Null);
            let name = cfg
                .get("name")
                .or_else(|| layer.get("name"))
                .and_then(Value::as_str)
                .ok_or_else(|| config_err("model", format!("a {class} layer has no name")))?
                .to_string();
            if class == "InputLayer" {
                let shape = cfg.get("batch_shape").or_else(|| cfg.get("batch_input_shape"));
                let shape = shape_of(shape.ok_or_else(|| config_err(&name, "no batch_shape"))?, &name)?;
                crate::emit::tensor_type(&shape, false, &name)?;
                input_shape = Some(shape);
                input_name = Some(name);
                continue;
            }
            if input_shape.is_none() {
                // Keras 2 Sequential: the first layer carries `batch_input_shape`.
                if let Some(s) = cfg.get("batch_input_shape") {
                    input_shape = Some(shape_of(s, &name)?);
                    input_name = Some("input_layer".to_string());
                }
            }
            let input_name_now =
                input_name.clone().ok_or_else(|| config_err("model", "the model has no input shape"))?;
            let inputs = if sequential {
                vec![nodes.last().map_or(input_name_now, |n| n.name.clone())]
            } else {
                inbound(layer, &name)?
            };
            if inputs.is_empty() {
                return Err(config_err(&name, "the layer has no input"));
            }
            let input_shapes =
                inputs
                    .iter()
                    .map(|i| {
                        if Some(i) == input_name.as_ref() {
                            input_shape.clone().ok_or_else(|| config_err(&name, "no input shape"))
                        } else {
                            nodes.iter().find(|n| &n.name == i).map(|n| n.output_shape.clone()).ok_or_else(
                                || config_err(&name, format!("input `{i}` is not an earlier layer")),
                            )
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
            let output_shape = crate::shapes::output_shape(&class, &cfg, &input_shapes, &name)?;
            nodes.push(LayerNode { name, class, config: cfg, inputs, input_shapes, output_shape });
        }
        let input_name = input_name.ok_or_else(|| config_err("model", "the model has no input layer"))?;
        let input_shape = input_shape.ok_or_else(|| config_err("model", "the model has no input shape"))?;
        crate::emit::tensor_type(&input_shape, false, &input_name)?;
        let output = if sequential { None } else { output_layer(config) }
            .or_else(|| nodes.last().map(|n| n.name.clone()))
            .ok_or_else(|| config_err("model", "the model has no layers"))?;
        Ok(Self { input_name, input_shape, layers: nodes, output })
    }

    /// The output layer's output shape.
    #[must_use]
    pub fn output_shape(&self) -> &KerasShape {
        self.layers.iter().find(|l| l.name == self.output).map_or(&self.input_shape, |l| &l.output_shape)
    }
}
