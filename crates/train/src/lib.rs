//! Training for `shaped` models: every shape still checked by the compiler.
//!
//! - [`Backward`]: a layer's training-mode forward pass and its backward pass (the gradient
//!   with respect to its input, and to its parameters written into a slice), implemented for
//!   the layers of `shaped-layers` and for tuples of them (which chain, as at inference).
//! - [`Trainable`]: the parameters a layer trains, in a fixed order, by Keras name.
//! - [`loss`]: losses whose label type is tied to the model's output type, so labels of the
//!   wrong shape do not compile (Keras raises `Shapes (None, 1) and (None, 10) are
//!   incompatible` at `fit` time).
//! - [`optim`]: SGD (momentum, Nesterov), Adam, AdamW and RMSprop with Keras's update rules
//!   and defaults, learning-rate schedules, gradient clipping.
//! - [`fit`]: Keras's `fit`, `evaluate` and `predict`: seeded shuffling, batches (the last
//!   one partial, as Keras), validation data, metrics, early stopping, ReduceLROnPlateau, a
//!   progress bar, and the history.
//!
//! Memory a training run keeps is held by the caller: [`TrainContext`] owns the workspace the
//! passes draw their buffers from, the optimizer owns its slots.
#![forbid(unsafe_code)]

mod backward;
mod error;
pub mod fit;
mod layers;
pub mod loss;
pub mod optim;
mod trainable;

#[cfg(test)]
mod gradcheck;

pub use backward::{Backward, TrainContext};
pub use error::TrainError;
pub use trainable::Trainable;
