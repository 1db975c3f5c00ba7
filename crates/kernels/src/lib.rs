//! Conv1D kernels on plain slices.
//!
//! No type-level machinery lives here: a [`Conv1dSpec`] (the layer's arguments) and a
//! [`Conv1dGeometry`] (the input's batch, length and padding) are plain `usize`s, so the kernels
//! can be tested and benchmarked directly. The typed layers in `shaped-layers` erase their
//! shapes into these structs and call [`Conv1dWeights::forward`].
//!
//! ```
//! use shaped::kernels::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
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
//!
//! # How it runs
//!
//! - **Instruction sets.** [`Isa::detected`] picks AVX-512F or AVX2+FMA (x86-64), NEON
//!   (AArch64) or a portable path (plain Rust that LLVM vectorizes; the only path on other
//!   architectures and under Miri) once per process. The environment variable
//!   [`ISA_ENV_VAR`] (`SHAPED_KERNEL_ISA=avx512|avx2|neon|portable`) forces a
//!   path (one this CPU lacks, or a misspelt name, gives the best path and a warning on
//!   stderr), and [`Conv1dWeights::with_isa`] picks one per weights, so every path a CPU has can be
//!   tested on one machine. Each kernel is one `#[inline(always)]` body generic over a vector type,
//!   instantiated inside thin `#[target_feature]` wrappers.
//! - **Kernels.** A register-blocked kernel (output positions × filters held in registers, the
//!   filters in vector lanes, weights packed when the weights are built, no im2col, long
//!   reductions cut into L1-sized blocks) serves every convolution but the depthwise one, which
//!   has its own channels-in-lanes streaming kernel. Small calls run directly on the calling
//!   thread: the only per-call work is the loop itself.
//! - **Threads.** With the `parallel` feature (default), calls of at least a couple of MFLOP
//!   are split into tasks (one sample × a fixed run of output rows) on the current rayon pool;
//!   [`Parallelism::Sequential`] keeps a call on the calling thread. The split depends on the
//!   shape only, so the bits of the result do not depend on the number of threads.
//! - **Activations.** Every element-wise [`Activation`] (relu, leaky relu, elu, exact and tanh
//!   GELU, sigmoid, tanh, silu) is fused into the kernels' epilogue: bias, then the activation,
//!   on the tile in registers, then one store. Softmax, which needs whole rows, is a separate
//!   pass over the output's last axis. The same vectorised functions (exp, expm1, tanh,
//!   sigmoid, erf/erfc, written for this crate: Cody-Waite reduction and Taylor or Chebyshev
//!   polynomials, a few ulp over the whole range) serve slices through [`activation::apply`].
//! - **NaN policy.** TensorFlow's: NaN in, NaN out for every activation, so `relu(NaN)` is NaN
//!   (not 0) on every path, and a NaN in a softmax row makes the row NaN.
//! - **Backward.** [`Conv1dWeights::backward_input`] and [`Conv1dWeights::backward_weights`]
//!   (module [`backward`]) run SIMD kernels on the same ISA paths and thread policy: the input
//!   gradient is a register-blocked transposed convolution (input positions × channel vectors,
//!   one residue class of the stride at a time, on the kernel packed with its taps reversed,
//!   packed on the first backward call and kept in the weights), the kernel gradient a
//!   register-tiled reduction over time (kernel rows × filter vectors, split over fixed runs
//!   of kernel rows), the bias gradient a column sum; the depthwise spec has channels-in-lanes
//!   kernels for both. Every gradient element is summed in an order fixed by the shape, so
//!   results do not depend on the number of threads. [`Conv1dWeights::update`] rewrites the
//!   packed weights in place.
//! - **Memory.** Channels-last calls allocate nothing. Channels-first calls transpose through
//!   scratch: [`Conv1dWeights::forward`] uses scratch held in the weights,
//!   [`Conv1dWeights::forward_into`] takes a [`Conv1dScratch`] from the caller.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Pedantic lints (off by default; `cargo clippy -- -W clippy::pedantic` counts them) allowed
// on purpose, each for its reason:
#![allow(
    // The SIMD helpers must inline into their `#[target_feature]` callers: a call that is not
    // inlined runs without the instruction set.
    clippy::inline_always,
    // The polynomial and range-reduction constants are written digit for digit as computed
    // (and as the papers print them); separators would hide typos, not reveal them.
    clippy::unreadable_literal,
    // Index names follow the convolution formula (b, t, k, c, f, g): longer names read worse.
    clippy::many_single_char_names,
    // f32/f64 <-> integer casts in the activations are the bit tricks of exp/log (exponent
    // fields), range-checked by the algorithm; tests compare exact values on purpose.
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::float_cmp,
    clippy::similar_names,
)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod activation;
pub mod backward;
mod compiled;
mod conv1d;
mod depthwise;
mod dims;
mod dispatch;
mod error;
mod gemm;
mod isa;
mod layout;
mod pack;
mod params;
mod scalar;
mod scratch;
mod simd;
mod threads;

#[cfg(test)]
mod tests;

pub use conv1d::Conv1dWeights;
pub use error::KernelError;
pub use isa::{Isa, ISA_ENV_VAR};
pub use params::{Activation, Conv1dGeometry, Conv1dSpec, Layout};
pub use scalar::Scalar;
pub use scratch::Conv1dScratch;
pub use threads::Parallelism;
