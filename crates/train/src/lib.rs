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
mod graph_model;
mod layers;
pub mod loss;
pub mod optim;
mod trainable;

#[cfg(test)]
mod gradcheck;

pub use backward::{Backward, TrainContext};
pub use error::TrainError;

/// A model declared once, in Keras's functional order, that also trains: the layers' struct,
/// its `Layer` impl (see [`shaped_layers::model!`], whose syntax it shares), and its
/// [`Trainable`] and [`Backward`] impls, so [`fit::Trainer`] can train it.
///
/// ```
/// use shaped::layers::merge::Add;
/// use shaped::layers::pool::GlobalAveragePooling1D;
/// use shaped::layers::{Activation, Conv1D, Dense};
/// use shaped::shapes::{shape, Dyn, Same, U};
/// use shaped::tensor::Tensor;
/// use shaped::train::{Backward, TrainContext, Trainable};
///
/// shaped::model! {
///     /// A residual block and a classifier.
///     pub struct Tiny(x: Tensor<f32, shape![Dyn, 16, 2]>) -> Tensor<f32, shape![Dyn, 3]> {
///         let a = Conv1D<f32, U![2], U![4], U![3], U![1], Same>(x).activation(Activation::Relu);
///         let b = Conv1D<f32, U![4], U![4], U![3], U![1], Same>(a);
///         let s = Add(a, b);
///         let p = GlobalAveragePooling1D(s);
///         let y = Dense<f32, U![4], U![3]>(p).activation(Activation::Softmax);
///         y
///     }
/// }
///
/// let mut model = Tiny::new(0);
/// let x = Tensor::<f32, shape![Dyn, 16, 2]>::zeros_with_batch(2)?;
/// let mut ctx = TrainContext::new(0);
/// let (y, tape) = model.forward_train(&x, &mut ctx);
/// let mut grads = vec![0.0; model.trainable_len()];
/// let dy = y.clone();
/// let dx = model.backward(&x, &y, tape, dy, &mut grads, &mut ctx);
/// assert_eq!(dx.batch(), 2);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[macro_export]
macro_rules! model {
    ($($declaration:tt)*) => {
        $crate::__private::__model!($crate::__private::layers; train = $crate; $($declaration)*);
    };
}

#[doc(hidden)]
pub mod __private {
    //! **Ignore me!** Paths that `model!` expansions name.
    pub use crate::graph_model::{accumulate, expect_grad, none_like, tape_of, GraphTape};
    pub use shaped_layers as layers;
    pub use shaped_layers::__model;
}
pub use trainable::Trainable;
