//! What can go wrong when training data enters at run time.

use core::fmt;

/// An error in the data or the settings given to training, found before any step runs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrainError {
    /// A class index of the class count or more.
    ClassOutOfRange {
        /// Which label.
        index: usize,
        /// Its class.
        class: usize,
        /// The model's class count.
        classes: usize,
    },
    /// A label value that is not a class index (negative, fractional, not finite).
    NotAClass {
        /// Which label.
        index: usize,
        /// The value as written.
        value: String,
    },
    /// Inputs and targets of different sample counts (Keras: "Data cardinality is ambiguous").
    Cardinality {
        /// `"training"` or `"validation"`.
        data: &'static str,
        /// Input samples.
        inputs: usize,
        /// Target samples.
        targets: usize,
    },
    /// A static batch dimension that does not match the number of values.
    Batch {
        /// The batch the type asks for.
        expected: usize,
        /// The number found.
        actual: usize,
    },
    /// A setting out of its range, e.g. a batch size of 0.
    Setting {
        /// The setting, as Keras names it.
        name: &'static str,
        /// Why it is refused.
        why: String,
    },
    /// No training samples.
    NoData,
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::ClassOutOfRange { index, class, classes } => {
                write!(f, "class label {index}: expected a class below {classes}, got {class}")
            }
            TrainError::NotAClass { index, value } => {
                write!(f, "class label {index}: expected a class index (a whole number from 0), got {value}")
            }
            TrainError::Cardinality { data, inputs, targets } => write!(
                f,
                "{data} data: {inputs} input samples but {targets} target samples (Keras: \"Data cardinality is ambiguous\"); give as many targets as inputs"
            ),
            TrainError::Batch { expected, actual } => {
                write!(f, "expected a batch of {expected} samples, got {actual}")
            }
            TrainError::Setting { name, why } => write!(f, "{name}: {why}"),
            TrainError::NoData => write!(f, "no training samples"),
        }
    }
}

impl std::error::Error for TrainError {}
