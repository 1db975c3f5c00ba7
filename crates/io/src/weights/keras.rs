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
pub(crate) fn read_archive(bytes: &[u8]) -> Result<Loaded, WeightError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| WeightError::Zip { reason: e.to_string() })?;
    let config = entry(&mut archive, "config.json", bytes.len())?;
    let weights = entry(&mut archive, "model.weights.h5", bytes.len())?;
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
) -> Result<Vec<u8>, WeightError> {
    let names: Vec<String> =
        archive.file_names().take(20).filter_map(Result::ok).map(|n| n.into_owned()).collect();
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

/// A layer of a model's config: its class and config.
struct LayerSpec<'a> {
    class: &'a str,
    config: &'a Value,
}

/// Every layer of a model config (`{"class_name", "config": {"layers": [...]}}`), nested
/// models included, by name.
fn layers(config: &Value) -> BTreeMap<&str, LayerSpec<'_>> {
    let mut out = BTreeMap::new();
    collect(config, &mut out, 0);
    out
}

fn collect<'a>(model: &'a Value, out: &mut BTreeMap<&'a str, LayerSpec<'a>>, depth: usize) {
    let Some(list) = model.get("config").and_then(|c| c.get("layers")).and_then(Value::as_array) else {
        return;
    };
    for layer in list {
        let config = layer.get("config").unwrap_or(&Value::Null);
        let name = config.get("name").or_else(|| layer.get("name")).and_then(Value::as_str);
        let class = layer.get("class_name").and_then(Value::as_str).unwrap_or("");
        if let Some(name) = name {
            out.insert(name, LayerSpec { class, config });
        }
        if depth < 16 {
            collect(layer, out, depth + 1);
        }
    }
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
        "LayerNormalization" => {
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
    let mut vars: BTreeMap<String, BTreeMap<usize, (String, H5Dataset)>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for node in file.walk()? {
        if node.group {
            continue;
        }
        let Some(d) = file.dataset(node.addr)? else { continue };
        let parts: Vec<&str> = node.path.split('/').collect();
        // .../layers/<name>/vars/<index>
        let n = parts.len();
        let target = (n >= 4 && parts[n - 4] == "layers" && parts[n - 2] == "vars")
            .then(|| (parts[n - 3], parts[n - 1].parse::<usize>().ok()))
            .and_then(|(layer, index)| index.map(|i| (layer, i)))
            .filter(|(layer, _)| {
                specs.get(layer).is_some_and(|s| variable_names(s.class, s.config).is_some())
            });
        match target {
            Some((layer, index)) => {
                vars.entry(layer.to_string()).or_default().insert(index, (node.path.clone(), d));
            }
            None => skipped.push(describe(&node.path, &d)),
        }
    }
    let mut tensors = Vec::new();
    for (layer, found) in vars {
        let spec = &specs[layer.as_str()];
        let names = variable_names(spec.class, spec.config).unwrap_or_default();
        let indices: Vec<usize> = found.keys().copied().collect();
        if indices != (0..names.len()).collect::<Vec<_>>() {
            return Err(keras(format!(
                "layer {layer} ({}) has variables {indices:?} in model.weights.h5, its config gives {} ({})",
                spec.class,
                names.len(),
                names.join(", ")
            )));
        }
        for ((_, (path, d)), var) in found.into_iter().zip(names) {
            tensors.push(tensor(format!("{layer}.{var}"), &path, d)?);
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
    fn nested_models_are_searched() {
        let cfg = serde_json::json!({"class_name": "Sequential", "config": {"layers": [
            {"class_name": "Conv1D", "config": {"name": "c"}},
            {"class_name": "Functional", "name": "inner", "config": {"name": "inner", "layers": [
                {"class_name": "Dense", "name": "d", "config": {"name": "d"}}]}}]}});
        let found = layers(&cfg);
        assert_eq!(found.keys().copied().collect::<Vec<_>>(), ["c", "d", "inner"]);
        assert_eq!(found["d"].class, "Dense");
    }
}
