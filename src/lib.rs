//! # shaped
//!
//! Tensors whose batch, length and channels are types, and Keras-style `Conv1D` layers whose
//! output shapes are computed at compile time. The shape mistakes that make Keras raise a
//! `ValueError` at run time (or, worse, silently reshape your data) are compile errors here,
//! reported by `cargo check` and your editor in Keras's words.
//!
//! ```
//! use shaped::prelude::*;
//!
//! // Keras:
//! //   model = Sequential([Conv1D(filters=32, kernel_size=3, activation="relu", input_shape=(20, 1))])
//! //   model.predict(np.zeros((100, 20, 1)))            # -> (100, 18, 32)
//! let x = Tensor::<f32, shape![100, 20, 1]>::zeros();
//! let conv: Conv1D<f32, _, U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
//! let y: Tensor<f32, shape![100, 18, 32]> = conv.forward(&x);
//! assert_eq!(y.dims(), vec![100, 18, 32]);
//! ```
//!
//! Coming from Keras? The [`porting`] guide maps each Keras layer, argument and habit to its
//! `shaped` form, with a model written by hand that loads Keras weights and predicts, threads,
//! build profiles and batching.
//!
//! The [`guide`] has the seed article's three Keras examples, each broken version next to its
//! fix, and the type-level design.
//!
//! ## Crates
//!
//! | crate | responsibility |
//! | --- | --- |
//! | [`shapes`] (`shaped-shapes`) | type-level dimensions, [`Dyn`](shapes::Dyn) batches, shape arithmetic and the shape rules |
//! | [`tensor`] (`shaped-tensor`) | heap-stored tensors, checked entry from run-time data, reshapes |
//! | [`kernels`] (`shaped-kernels`) | Conv1D kernels on plain slices |
//! | [`layers`] (`shaped-layers`) | Keras-style layers and models |
//! | [`io`] (`shaped-io`) | the boundary: `pad_sequences`, the `.ts` data-set reader, safetensors weights |
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

pub mod guide;
pub mod porting;

/// The README's Rust code, compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub mod mistakes;

pub use shaped_io as io;
pub use shaped_kernels as kernels;
pub use shaped_layers as layers;
pub use shaped_shapes as shapes;
pub use shaped_tensor as tensor;
pub use shaped_train as train;

pub use shaped_layers::{Activation, Conv1D, Dense, Layer, Sequential};
pub use shaped_shapes::{shape, U};
pub use shaped_tensor::{ShapeError, Tensor};
/// `model!`: a model declared once, that runs (`Layer`) and trains (`Backward`); see
/// [`layers::model!`] for the syntax.
pub use shaped_train::model;

/// generic-array, re-exported (per-sample views are `GenericArray`s).
pub use generic_array;
/// typenum, re-exported: type-level numbers (`U20`, `Prod`, `Unsigned`).
pub use typenum;

/// ndarray, re-exported (feature `ndarray`): the version [`Tensor::from_ndarray`] and
/// [`Tensor::to_ndarray`] use. Name its types through this path (`shaped::ndarray::Array3`)
/// rather than a separate `ndarray` dependency, which could be another version.
#[cfg(feature = "ndarray")]
pub use shaped_tensor::ndarray;

/// Everything a model needs in scope: `use shaped::prelude::*;`.
///
/// It names no item of the standard library: the merge layer `Add` is left out so that
/// `std::ops::Add` keeps its name (`model!` knows `Add(a, b)` without it):
///
/// ```compile_fail
/// use shaped::prelude::*;
/// let add = Add::new(); // not in the prelude: shaped::layers::merge::Add
/// ```
///
/// ```
/// use shaped::prelude::*;
/// use std::ops::Add;
/// assert_eq!(1.0_f32.add(2.0), 3.0);
/// let _add = shaped::layers::merge::Add::new();
/// ```
pub mod prelude {
    pub use shaped_io::{
        load_batch_norm, load_conv1d, load_conv1d_without_bias, load_dense, load_embedding, pad_sequences,
        pad_sequences_masked, pad_sequences_multi, pad_sequences_multi_masked, save_batch_norm, save_conv1d,
        save_dense, save_embedding, PadOptions, Side, TsDataset, WeightFile, WeightLayout, WeightWriter,
    };
    pub use shaped_layers::graph::{Fork, Identity};
    // `Add` is left out: it would shadow `std::ops::Add`. `model!` knows `Add(a, b)` without it;
    // elsewhere it is `shaped::layers::merge::Add`.
    pub use shaped_layers::merge::{
        Average, ChannelAxis, Concatenate, Maximum, Minimum, Multiply, Residual, Subtract, TimeAxis,
    };
    pub use shaped_layers::pool::{
        AdaptiveAveragePooling1D, AdaptiveMaxPooling1D, AveragePooling1D, GlobalAveragePooling1D,
        GlobalMaxPooling1D, MaxPooling1D,
    };
    pub use shaped_layers::reshaping::{
        Cropping1D, Flatten, Permute, RepeatVector, Reshape, UpSampling1D, ZeroPadding1D,
    };
    pub use shaped_layers::{
        dropout, Activation, ArgumentError, BatchNormalization, Conv1D, Conv1DTranspose, Dense,
        DepthwiseConv1D, Dropout, Embedding, GroupNormalization, Init, KerasVariables, Layer, LayerInfo,
        LayerNormalization, LeakyReLU, MaskedChain, MaskedLayer, Masking, PReLU, ReLU, SeparableConv1D,
        Sequential, SpatialDropout1D,
    };
    pub use shaped_shapes::{
        shape, Causal, ChannelsFirst, ChannelsFirstShape, ChannelsLast, ConvOutLen, Dyn, Explicit, Inferred,
        Padding, Same, Shape, Valid, U,
    };
    pub use shaped_tensor::{Mask, Masked, ShapeError, Tensor, Tokens, Workspace};
    pub use shaped_train::model;
    pub use typenum::Unsigned;
}
