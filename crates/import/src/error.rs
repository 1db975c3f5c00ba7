//! Why a Keras model cannot be turned into a typed declaration.

use core::fmt;

/// A Keras model that cannot be generated: each variant names the layer and what is wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ImportError {
    /// A layer class shaped does not have.
    UnsupportedLayer {
        /// The layer's name, e.g. `lstm_1`.
        layer: String,
        /// Its Keras class, e.g. `LSTM`.
        class: String,
    },
    /// A layer argument whose value shaped does not support.
    UnsupportedArgument {
        /// The layer's name.
        layer: String,
        /// The argument, e.g. `activation`.
        argument: String,
        /// Its value as Keras wrote it, e.g. `"swish"`.
        value: String,
    },
    /// A config that is not what Keras writes (a missing field, a wrong type, a shape that does
    /// not fit the layer).
    Config {
        /// Where: a layer name or `model`.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read, or holds no model config (a safetensors file).
    File(shaped_io::WeightError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::UnsupportedLayer { layer, class } => {
                write!(f, "layer `{layer}`: Keras class {class} is not supported by shaped")
            }
            ImportError::UnsupportedArgument { layer, argument, value } => {
                write!(f, "layer `{layer}`: {argument}={value} is not supported by shaped")
            }
            ImportError::Config { at, message } => write!(f, "{at}: {message}"),
            ImportError::File(e) => write!(f, "reading the Keras file: {e}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Its message is part of this one's, so the chain goes on with its own source
            // (reporters would otherwise print it twice).
            ImportError::File(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<shaped_io::WeightError> for ImportError {
    fn from(e: shaped_io::WeightError) -> Self {
        ImportError::File(e)
    }
}
