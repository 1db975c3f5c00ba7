//! Keras-trained Conv1D classifiers, written once as typed `shaped` models.
//!
//! Each model's shape chain is checked at compile time; its weights come from the safetensors
//! file Keras exported (Keras layout, names `<layer>.<variable>`), loaded with `shaped-io`, and
//! its test data from the data set's `.ts` files with the project's own reader (and
//! `pad_sequences` for the ragged JapaneseVowels).
//!
//! | model | Keras architecture | input |
//! | --- | --- | --- |
//! | [`JapaneseVowelsFcn`] | Conv1D(128,8,same)+BN+ReLU, Conv1D(256,5,same)+BN+ReLU, Conv1D(128,3,same)+BN+ReLU, GlobalAveragePooling1D, Dense(9, softmax) | `(None, 29, 12)` |
//! | [`GunPointFcn`] | the same FCN, Dense(2, softmax) | `(None, 150, 1)` |
//! | [`GunPointCnn`] | Conv1D(16,7,strides=2)+BN+ReLU, MaxPooling1D(3,2), Conv1D(32,5,causal,dilation=2,relu), AveragePooling1D(2), Flatten, Dropout, Dense(32,relu), Dense(2,softmax) | `(None, 150, 1)` |
//!
//! Every model also has a form with each BatchNormalization folded into the convolution before
//! it (`folded()`), the standard inference optimisation; both are checked against Keras.
#![forbid(unsafe_code)]

mod classifier;
mod cnn;
mod compare;
mod data;
mod fcn;
mod graphs;
mod reference;

pub use classifier::{report, Classifier};
pub use cnn::{GunPointCnn, GunPointCnnFolded};
pub use compare::{argmax, cpu_name, median, median_ms, Comparison};
pub use data::{gunpoint_test_set, japanese_vowels_test_set, TestSet};
pub use fcn::{GunPointFcn, GunPointFcnFolded, JapaneseVowelsFcn, JapaneseVowelsFcnFolded};
pub use graphs::{BasicMotionsInception, GunPointResNet, JapaneseVowelsWaveNet};
pub use reference::KerasReference;

/// The error of loading a model or its data.
pub type Error = shaped_io::Error;
