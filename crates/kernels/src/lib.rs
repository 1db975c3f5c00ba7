//! Conv1D kernels on plain slices.
//!
//! No type-level machinery lives here: a [`Conv1dSpec`] (the layer's arguments) and a
//! [`Conv1dGeometry`] (the input's batch, length and padding) are plain `usize`s, so the kernels
//! can be tested and benchmarked directly. The typed layers in `shaped-layers` erase their
//! shapes into these structs and call [`Conv1dWeights::forward`].
//!
//! ```
//! use shaped_kernels::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
//! // Keras: Conv1D(filters=2, kernel_size=2) on one sequence of length 3, one channel.
//! let spec = Conv1dSpec { in_channels: 1, filters: 2, kernel_size: 2, stride: 1, dilation: 1,
//!                         groups: 1, activation: Activation::Linear };
//! // Keras kernel layout (kernel_size, in_channels/groups, filters).
//! let weights = Conv1dWeights::from_keras(spec, &[1.0f32, 10.0, 2.0, 20.0], None).unwrap();
//! let geo = Conv1dGeometry { batch: 1, length: 3, pad_left: 0, pad_right: 0, layout: Layout::ChannelsLast };
//! let mut out = vec![0.0; geo.output_len(&spec)];
//! weights.forward(&geo, &[1.0, 2.0, 3.0], &mut out).unwrap();
//! assert_eq!(out, [5.0, 50.0, 8.0, 80.0]);
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod conv1d;
mod error;
mod params;
mod scalar;

pub use conv1d::Conv1dWeights;
pub use error::KernelError;
pub use params::{Activation, Conv1dGeometry, Conv1dSpec, Layout};
pub use scalar::Scalar;
