//! Keras files as named tensors: Keras 3 `.keras` archives (`config.json` +
//! `model.weights.h5`) and legacy `.h5` files (`model.save("x.h5")`, Keras 2 / tf.keras
//! layout), both read with the crate's own HDF5 reader.

use std::collections::BTreeMap;
use std::io::Read;

use safetensors::Dtype;
use serde_json::Value;

use super::hdf5::{H5Dataset, H5Error, H5File, H5Type};
use super::WeightError;

/// The largest ratio of uncompressed to compressed size that deflate can reach.
const DEFLATE_RATIO: u64 = 1032;

/// A tensor read from a Keras file: name, dtype, shape, little-endian bytes.
pub(crate) struct Tensor {
    pub name: String,
    pub dtype: Dtype,
    pub shape: Vec<usize>,
    pub data: Vec<u8>,
}

/// What a Keras file holds.
pub(crate) struct Loaded {
    pub tensors: Vec<Tensor>,
    pub config: Value,
    pub skipped: Vec<String>,
}

impl From<H5Error> for WeightError {
    fn from(e: H5Error) -> Self {
        WeightError::Hdf5 { offset: e.offset, reason: e.reason }
    }
}

fn keras(reason: impl Into<String>) -> WeightError {
    WeightError::Keras { reason: reason.into() }
}

/// Reads a `.keras` archive.
pub(crate) fn read_archive(bytes: &[u8], max_config: u64) -> Result<Loaded, WeightError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| WeightError::Zip { reason: e.to_string() })?;
    let config = entry(&mut archive, "config.json", bytes.len(), max_config)?;
    let weights = entry(&mut archive, "model.weights.h5", bytes.len(), u64::MAX)?;
    let config: Value =
        serde_json::from_slice(&config).map_err(|e| keras(format!("config.json is not JSON: {e}")))?;
    read_weights_h5(&weights, config)
}

/// One entry of the archive, its size checked against the archive's before anything is
/// allocated.
fn entry(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    archive_len: usize,
    max: u64,
) -> Result<Vec<u8>, WeightError> {
    let names: Vec<String> =
        archive.file_names().take(20).filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect();
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(keras(format!(
                "the archive has no {name} (a Keras 3 .keras file has config.json, model.weights.h5 and \
                 metadata.json); it has: {}",
                if names.is_empty() { "nothing".to_string() } else { names.join(", ") }
            )))
        }
        Err(e) => return Err(WeightError::Zip { reason: format!("{name}: {e}") }),
    };
    let declared = file.size();
    if declared > max {
        return Err(WeightError::Limit { limit: super::WeightLimit::HeaderBytes, found: declared, max });
    }
    let stored = file.compressed_size();
    let limit = (archive_len as u64).saturating_mul(DEFLATE_RATIO);
    if stored > archive_len as u64 || declared > limit {
        return Err(WeightError::Zip {
            reason: format!(
                "{name} claims {declared} bytes ({stored} compressed) in an archive of {archive_len} bytes"
            ),
        });
    }
    // Grows with the bytes actually decompressed, never from the size the archive claims.
    let mut out = Vec::new();
    file.take(declared)
        .read_to_end(&mut out)
        .map_err(|e| WeightError::Zip { reason: format!("{name}: {e}") })?;
    if out.len() as u64 != declared {
        return Err(WeightError::Zip {
            reason: format!("{name}: {} bytes decompressed, the archive claims {declared}", out.len()),
        });
    }
    Ok(out)
}

/// A layer of a model's config: its name, class and config.
struct LayerSpec<'a> {
    name: &'a str,
    class: &'a str,
    config: &'a Value,
}

/// Every layer of a model config (`{"class_name", "config": {"layers": [...]}}`), nested
/// models included, by the path under which Keras 3 stores its state in `model.weights.h5`:
/// `layers/<key>`, where the key is the snake-cased class name, numbered from the second layer
/// of a class on (`conv1d`, `conv1d_1` ...), as `keras.saving` addresses a container's layers
/// (not by their names, which may differ between two instances of a model).
fn layers(config: &Value) -> BTreeMap<String, LayerSpec<'_>> {
    let mut out = BTreeMap::new();
    collect(config, "", &mut out, 0);
    out
}

fn collect<'a>(model: &'a Value, prefix: &str, out: &mut BTreeMap<String, LayerSpec<'a>>, depth: usize) {
    let Some(list) = model.get("config").and_then(|c| c.get("layers")).and_then(Value::as_array) else {
        return;
    };
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for layer in list {
        let config = layer.get("config").unwrap_or(&Value::Null);
        let name = config.get("name").or_else(|| layer.get("name")).and_then(Value::as_str).unwrap_or("");
        let class = layer.get("class_name").and_then(Value::as_str).unwrap_or("");
        let mut key = snake_case(class);
        match used.get_mut(&key) {
            Some(n) => {
                *n += 1;
                key = format!("{key}_{n}");
            }
            None => {
                used.insert(key.clone(), 0);
            }
        }
        let path = format!("{prefix}layers/{key}");
        if depth < 16 {
            collect(layer, &format!("{path}/"), out, depth + 1);
        }
        out.insert(path, LayerSpec { name, class, config });
    }
}

/// `keras.src.utils.naming.to_snake_case`: drop non-word characters, then
/// `re.sub("(.)([A-Z][a-z]+)", r"\1_\2")`, `re.sub("([a-z])([A-Z])", r"\1_\2")`, lower case.
fn snake_case(class: &str) -> String {
    let s: Vec<char> = class.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect();
    // (.)([A-Z][a-z]+), matches taken left to right without overlap.
    let mut first = Vec::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < s.len() {
        let matches = i + 2 < s.len() && s[i + 1].is_ascii_uppercase() && s[i + 2].is_ascii_lowercase();
        if matches {
            let mut end = i + 3;
            while end < s.len() && s[end].is_ascii_lowercase() {
                end += 1;
            }
            first.push(s[i]);
            first.push('_');
            first.extend_from_slice(&s[i + 1..end]);
            i = end;
        } else {
            first.push(s[i]);
            i += 1;
        }
    }
    // ([a-z])([A-Z]).
    let mut out = String::with_capacity(first.len() * 2);
    let mut i = 0;
    while i < first.len() {
        if i + 1 < first.len() && first[i].is_ascii_lowercase() && first[i + 1].is_ascii_uppercase() {
            out.push(first[i]);
            out.push('_');
            out.push(first[i + 1]);
            i += 2;
        } else {
            out.push(first[i]);
            i += 1;
        }
    }
    out.to_lowercase()
}

/// The names of a layer's variables, in the order Keras stores them (`vars/0`, `vars/1` ...),
/// for the layer classes this crate loads; `None` for other classes.
pub(crate) fn variable_names(class: &str, config: &Value) -> Option<Vec<&'static str>> {
    let flag = |key: &str| config.get(key).and_then(Value::as_bool).unwrap_or(true);
    let bias = |mut v: Vec<&'static str>| {
        if flag("use_bias") {
            v.push("bias");
        }
        v
    };
    Some(match class {
        "Conv1D" | "Conv2D" | "Conv3D" | "Conv1DTranspose" | "Conv2DTranspose" | "Conv3DTranspose"
        | "Dense" | "DepthwiseConv1D" | "DepthwiseConv2D" => bias(vec!["kernel"]),
        "SeparableConv1D" | "SeparableConv2D" => bias(vec!["depthwise_kernel", "pointwise_kernel"]),
        "BatchNormalization" => {
            let mut v = Vec::new();
            if flag("scale") {
                v.push("gamma");
            }
            if flag("center") {
                v.push("beta");
            }
            v.extend(["moving_mean", "moving_variance"]);
            v
        }
        "LayerNormalization" | "GroupNormalization" => {
            let mut v = Vec::new();
            if flag("scale") {
                v.push("gamma");
            }
            if flag("center") {
                v.push("beta");
            }
            v
        }
        "Embedding" => vec!["embeddings"],
        "PReLU" => vec!["alpha"],
        _ => return None,
    })
}

/// A dataset as a tensor, or an error naming it if it holds no numbers.
fn tensor(name: String, path: &str, d: H5Dataset) -> Result<Tensor, WeightError> {
    match d.dtype {
        H5Type::Number { dtype, .. } => Ok(Tensor { name, dtype, shape: d.shape, data: d.data }),
        other => Err(keras(format!("{path} holds a {}, not numbers", other.describe()))),
    }
}

fn describe(path: &str, d: &H5Dataset) -> String {
    format!("{path} ({}, shape {})", d.dtype.describe(), super::fmt_shape(&d.shape))
}

/// Reads a Keras 3 `model.weights.h5` given the model's `config.json`.
pub(crate) fn read_weights_h5(h5: &[u8], config: Value) -> Result<Loaded, WeightError> {
    let file = H5File::open(h5)?;
    let specs = layers(&config);
    // layer name -> index -> (path, dataset)
    let mut vars: BTreeMap<&str, BTreeMap<usize, (String, H5Dataset)>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for node in file.walk()? {
        if node.group {
            continue;
        }
        let Some(d) = file.dataset(node.addr)? else { continue };
        // <layer path>/vars/<index>, for a layer of a class whose variables are named here.
        let target = node
            .path
            .rsplit_once("/vars/")
            .and_then(|(prefix, index)| Some((specs.get_key_value(prefix)?, index.parse::<usize>().ok()?)))
            .filter(|((_, spec), _)| variable_names(spec.class, spec.config).is_some());
        match target {
            Some(((key, _), index)) => {
                vars.entry(key.as_str()).or_default().insert(index, (node.path.clone(), d));
            }
            None => skipped.push(describe(&node.path, &d)),
        }
    }
    let mut tensors: Vec<Tensor> = Vec::new();
    for (prefix, found) in vars {
        let spec = &specs[prefix];
        let names = variable_names(spec.class, spec.config).unwrap_or_default();
        let indices: Vec<usize> = found.keys().copied().collect();
        if indices != (0..names.len()).collect::<Vec<_>>() {
            return Err(keras(format!(
                "layer {} ({}) has variables {indices:?} under {prefix}/vars in model.weights.h5, its config \
                 gives {} ({})",
                spec.name,
                spec.class,
                names.len(),
                names.join(", ")
            )));
        }
        for ((_, (path, d)), var) in found.into_iter().zip(names) {
            let name = format!("{}.{var}", spec.name);
            if tensors.iter().any(|t| t.name == name) {
                return Err(keras(format!("two layers are both named {}", spec.name)));
            }
            tensors.push(tensor(name, &path, d)?);
        }
    }
    Ok(Loaded { tensors, config, skipped })
}

/// The object at `path` (`/`-separated) below the object at `from`.
fn lookup(file: &H5File<'_>, from: u64, path: &str) -> Result<Option<u64>, WeightError> {
    let mut at = from;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        let Some(children) = file.children(at)? else { return Ok(None) };
        match children.into_iter().find(|(name, _)| name == part) {
            Some((_, child)) => at = child,
            None => return Ok(None),
        }
    }
    Ok(Some(at))
}

/// Reads a legacy Keras HDF5 file: `model.save("x.h5")` (`model_weights/` and the
/// `model_config` attribute) or `model.save_weights("x.h5")` (layers at the root).
pub(crate) fn read_legacy_h5(h5: &[u8]) -> Result<Loaded, WeightError> {
    let file = H5File::open(h5)?;
    let root = file.root();
    let config = match file.attr_strings(root, "model_config")? {
        Some(v) => match v.first() {
            Some(text) => serde_json::from_str(text)
                .map_err(|e| keras(format!("the model_config attribute is not JSON: {e}")))?,
            None => Value::Null,
        },
        None => Value::Null,
    };
    let weights = match lookup(&file, root, "model_weights")? {
        Some(g) => g,
        None if file.attr_strings(root, "layer_names")?.is_some() => root,
        None if lookup(&file, root, "layers")?.is_some() => {
            return Err(keras(
                "a Keras 3 model.weights.h5 (variables by index under layers/<name>/vars): their names \
                 are in the model's config.json: read the .keras archive, or call \
                 WeightFile::from_keras_weights_h5(h5_bytes, config_json)",
            ))
        }
        None => {
            return Err(keras(
                "an HDF5 file without Keras's model_weights group or layer_names attribute: not a Keras \
                 model.save(\"x.h5\") or save_weights file",
            ))
        }
    };
    let layer_names = file
        .attr_strings(weights, "layer_names")?
        .ok_or_else(|| keras("model_weights has no layer_names attribute"))?;
    let mut tensors: Vec<Tensor> = Vec::new();
    for layer in &layer_names {
        let group = lookup(&file, weights, layer)?.ok_or_else(|| {
            keras(format!("layer_names lists {layer}, but model_weights has no group {layer}"))
        })?;
        let names = file.attr_strings(group, "weight_names")?.unwrap_or_default();
        for weight in names {
            let path = format!("model_weights/{layer}/{weight}");
            let at = lookup(&file, group, &weight)?
                .ok_or_else(|| keras(format!("weight_names lists {weight}, but {path} does not exist")))?;
            let d = file.dataset(at)?.ok_or_else(|| keras(format!("{path} is not a dataset")))?;
            let last = weight.rsplit('/').next().unwrap_or(&weight);
            let var = last.split(':').next().unwrap_or(last);
            let name = format!("{layer}.{var}");
            if tensors.iter().any(|t| t.name == name) {
                return Err(keras(format!("two weights of layer {layer} are both named {var}")));
            }
            tensors.push(tensor(name, &path, d)?);
        }
    }
    let skipped = if lookup(&file, root, "optimizer_weights")?.is_some() {
        vec!["optimizer_weights (the optimizer's state)".to_string()]
    } else {
        Vec::new()
    };
    Ok(Loaded { tensors, config, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_follow_the_config() {
        let cfg: Value = serde_json::json!({"use_bias": false});
        assert_eq!(variable_names("Conv1D", &cfg), Some(vec!["kernel"]));
        assert_eq!(variable_names("Dense", &Value::Null), Some(vec!["kernel", "bias"]));
        let bn: Value = serde_json::json!({"scale": false, "center": true});
        assert_eq!(
            variable_names("BatchNormalization", &bn),
            Some(vec!["beta", "moving_mean", "moving_variance"])
        );
        assert_eq!(variable_names("Dropout", &Value::Null), None);
    }

    #[test]
    fn the_issue_16_layers_name_their_variables_as_keras_stores_them() {
        assert_eq!(variable_names("Embedding", &Value::Null), Some(vec!["embeddings"]));
        assert_eq!(variable_names("PReLU", &Value::Null), Some(vec!["alpha"]));
        let no_center: Value = serde_json::json!({"center": false});
        assert_eq!(variable_names("GroupNormalization", &no_center), Some(vec!["gamma"]));
        assert_eq!(variable_names("LayerNormalization", &Value::Null), Some(vec!["gamma", "beta"]));
    }

    #[test]
    fn nested_models_are_searched() {
        let cfg = serde_json::json!({"class_name": "Sequential", "config": {"layers": [
            {"class_name": "Conv1D", "config": {"name": "c"}},
            {"class_name": "Conv1D", "config": {"name": "c2"}},
            {"class_name": "Functional", "name": "inner", "config": {"name": "inner", "layers": [
                {"class_name": "Dense", "name": "d", "config": {"name": "d"}}]}}]}});
        let found = layers(&cfg);
        assert_eq!(
            found.keys().map(String::as_str).collect::<Vec<_>>(),
            ["layers/conv1d", "layers/conv1d_1", "layers/functional", "layers/functional/layers/dense"]
        );
        assert_eq!(found["layers/functional/layers/dense"].name, "d");
        assert_eq!(found["layers/conv1d_1"].name, "c2");
    }

    #[test]
    fn snake_case_is_keras_own() {
        for (class, want) in [
            ("Conv1D", "conv1d"),
            ("BatchNormalization", "batch_normalization"),
            ("GlobalAveragePooling1D", "global_average_pooling1d"),
            ("Conv1DTranspose", "conv1d_transpose"),
            ("SeparableConv1D", "separable_conv1d"),
            ("ReLU", "re_lu"),
            ("InputLayer", "input_layer"),
            ("ABcDe", "a_bc_de"),
            ("LSTM", "lstm"),
        ] {
            assert_eq!(snake_case(class), want, "{class}");
        }
    }
}
