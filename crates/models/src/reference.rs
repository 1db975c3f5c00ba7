//! What Keras computed and measured for a model: the figures to compare with.

use std::path::Path;

use safetensors::{Dtype, SafeTensors};
use shaped_io::WeightError;

use crate::Error;

/// Keras's outputs, accuracy and timing for one model, read from the model's folder
/// (`test_outputs.safetensors`, `metrics.json`, `bench.json`).
#[derive(Clone, Debug)]
pub struct KerasReference {
    /// Number of classes.
    pub classes: usize,
    /// `model.predict` probabilities, `(cases, classes)` row-major.
    pub probabilities: Vec<f32>,
    /// The last Dense layer without its softmax, `(cases, classes)`.
    pub logits: Vec<f32>,
    /// Keras's predicted class per case.
    pub predicted: Vec<usize>,
    /// Keras's test accuracy.
    pub accuracy: f64,
    /// Keras's inference time for the whole test set, `tf.function`, one thread (ms, median).
    pub tf_function_1_thread_ms: f64,
    /// The same with Keras's default threads (ms, median).
    pub tf_function_default_ms: f64,
}

impl KerasReference {
    /// Reads the reference files of the model folder `dir`.
    ///
    /// # Errors
    ///
    /// An error if a reference file is missing or malformed.
    pub fn read(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        let bytes = std::fs::read(dir.join("test_outputs.safetensors")).map_err(|e| WeightError::Io {
            path: dir.join("test_outputs.safetensors").display().to_string(),
            error: e.into(),
        })?;
        let st =
            SafeTensors::deserialize(&bytes).map_err(|e| bad(&format!("test_outputs.safetensors: {e}")))?;
        let floats = |name: &str| -> Result<(Vec<usize>, Vec<f32>), Error> {
            let t = st.tensor(name).map_err(|e| bad(&format!("{name}: {e}")))?;
            if t.dtype() != Dtype::F32 {
                return Err(bad(&format!("{name}: expected F32, found {:?}", t.dtype())));
            }
            let v = t.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
            Ok((t.shape().to_vec(), v))
        };
        let (shape, probabilities) = floats("probabilities")?;
        let (_, logits) = floats("logits")?;
        let classes = shape.get(1).copied().unwrap_or(0);
        let predicted_t = st.tensor("predicted_class").map_err(|e| bad(&format!("predicted_class: {e}")))?;
        let predicted = predicted_t
            .data()
            .chunks_exact(8)
            .map(|b| i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]).max(0) as usize)
            .collect();
        let metrics = json(&dir.join("metrics.json"))?;
        let bench = json(&dir.join("bench.json"))?;
        let ms = |threads: &str| bench[threads]["tf_function"]["median_ms"].as_f64().unwrap_or(f64::NAN);
        Ok(Self {
            classes,
            probabilities,
            logits,
            predicted,
            accuracy: metrics["test_accuracy"].as_f64().unwrap_or(f64::NAN),
            tf_function_1_thread_ms: ms("threads_1"),
            tf_function_default_ms: ms("threads_default"),
        })
    }
}

fn json(path: &Path) -> Result<serde_json::Value, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| WeightError::Io { path: path.display().to_string(), error: e.into() })?;
    serde_json::from_str(&text).map_err(|e| bad(&format!("{}: {e}", path.display())))
}

fn bad(message: &str) -> Error {
    WeightError::InvalidHeader { reason: message.to_string() }.into()
}
