//! Generating models from a build script.

use std::path::Path;

use crate::ImportError;

/// Generates the model `name` from the Keras file `keras_file` into `out_file` (usually under
/// `OUT_DIR`), and tells Cargo to rerun when the Keras file changes. In `build.rs`:
///
/// ```no_run
/// let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("gunpoint.rs");
/// shaped_import::build::generate_into("models/gunpoint.keras", "GunPoint", &out).unwrap();
/// ```
///
/// and in the crate: `include!(concat!(env!("OUT_DIR"), "/gunpoint.rs"));`.
///
/// # Errors
///
/// An [`ImportError`] if a model file cannot be read or converted (naming the layer, argument
/// and value), or the output cannot be written.
pub fn generate_into(
    keras_file: impl AsRef<Path>,
    name: &str,
    out_file: impl AsRef<Path>,
) -> Result<(), ImportError> {
    let keras_file = keras_file.as_ref();
    println!("cargo:rerun-if-changed={}", keras_file.display());
    let generated = crate::generate_file(keras_file, name)?;
    std::fs::write(out_file.as_ref(), generated.source).map_err(|e| ImportError::Config {
        at: out_file.as_ref().display().to_string(),
        message: format!("cannot write the generated model: {e}"),
    })
}
