//! The guide: the seed article's three Keras `Conv1D` examples, and how the types work.
//!
//! The article ("What causes ValueError when using a Conv1D layer?") shows three mistakes. Each
//! is below as Keras wrote it, as the broken `shaped` program (a `compile_fail` doctest: it is
//! checked that it does not compile) and as the fix (a doctest that runs). The same programs
//! are in `examples/` (`seed_example1_channel_axis`, `seed_example2_ragged_sequences`,
//! `seed_example3_kernel_size`).
//!
//! # Example 1: a missing channel axis
//!
//! ```python
//! input_data = tf.random.normal((100, 20))
//! model = tf.keras.Sequential([
//!     tf.keras.layers.Conv1D(filters=32, kernel_size=3, activation='relu', input_shape=(20, 1))
//! ])
//! model.predict(input_data)
//! ```
//!
//! The article says this raises; Keras 3 actually adds the channel axis silently. Here it does
//! not compile: *Conv1D and pooling layers expect a 3-D input (batch, steps, channels)*, with
//! a note that says to call `.add_channel_axis()`.
//!
//! ```compile_fail
//! use shaped::prelude::*;
//! let input_data = Tensor::<f32, shape![100, 20]>::zeros();
//! let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
//! let y = conv.forward(&input_data);
//! ```
//!
//! The fix, `tf.reshape(input_data, (100, 20, 1))`:
//!
//! ```
//! use shaped::prelude::*;
//! let input_data = Tensor::<f32, shape![100, 20]>::zeros();
//! let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
//! let y: Tensor<f32, shape![100, 18, 32]> = conv.forward(&input_data.add_channel_axis());
//! ```
//!
//! # Example 2: sequences of different lengths
//!
//! ```python
//! data = [np.random.rand(20, 1), np.random.rand(25, 1), np.random.rand(15, 1)]
//! input_data = np.array(data)            # ValueError (numpy, before Keras)
//! padded_data = pad_sequences(data, maxlen=25, padding='post')   # int32: floats become 0!
//! model_padded = Sequential([Conv1D(32, 3, activation='relu', input_shape=(25, 1))])
//! ```
//!
//! Ragged data is run-time data, so it is checked where it enters, once: building a tensor from
//! it is an `Err` that names the first offending sequence, never a panic or a truncation.
//!
//! ```
//! use shaped::prelude::*;
//! let data: Vec<Vec<[f32; 1]>> = [20, 25, 15].iter().map(|&n| vec![[0.5]; n]).collect();
//! let err = Tensor::<f32, shape![Dyn, 20, 1]>::from_nested(&data).unwrap_err();
//! assert!(err.to_string().starts_with("ragged data: sample 1 has 25 time steps, expected 20"));
//! ```
//!
//! The model's input length is part of its type. Feeding sequences padded to 25 steps to a
//! function written for 20 does not compile:
//!
//! ```compile_fail
//! use shaped::prelude::*;
//! type Input = Tensor<f32, shape![Dyn, 20, 1]>;
//! fn predict(conv: &Conv1D<f32, U![1], U![32], U![3]>, x: &Input) -> Tensor<f32, shape![Dyn, 18, 32]> {
//!     conv.forward(x)
//! }
//! let padded = Tensor::<f32, shape![Dyn, 25, 1]>::zeros_with_batch(3).unwrap();
//! let conv = Conv1D::new(0);
//! let y = predict(&conv, &padded);
//! ```
//!
//! The fix: `pad_sequences` (post) to 25 steps, keeping the values as `f32` (Keras's default
//! `dtype="int32"` silently zeroes float data), and declare the input length 25. The report
//! says what was padded or cut.
//!
//! ```
//! use shaped::prelude::*;
//! let data: Vec<Vec<[f32; 1]>> = [20, 25, 15].iter().map(|&n| vec![[0.5]; n]).collect();
//! let (x, report) = pad_sequences_multi::<f32, U![25], U![1], _, _>(&data, &PadOptions::new().padding(Side::Post))?;
//! assert_eq!((report.padded, report.truncated), (2, 0));
//! assert_eq!(x.get(&[2, 14, 0]), Some(0.5)); // values kept
//! let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
//! let y: Tensor<f32, shape![Dyn, 23, 32]> = conv.forward(&x);
//! assert_eq!(y.batch(), 3);
//! # Ok::<(), shaped::io::Error>(())
//! ```
//!
//! # Example 3: a kernel longer than the sequence
//!
//! ```python
//! input_data = tf.random.normal((100, 10, 1))
//! model = Sequential([Conv1D(filters=32, kernel_size=15, activation='relu', input_shape=(10, 1))])
//! ```
//!
//! Keras raises a `ValueError` when it builds the model. Here it does not compile: *Conv1D
//! kernel_size does not fit the sequence length with padding='valid'*.
//!
//! ```compile_fail
//! use shaped::prelude::*;
//! let input_data = Tensor::<f32, shape![100, 10, 1]>::zeros();
//! let conv: Conv1D<f32, U![1], U![32], U![15]> = Conv1D::new(0).activation(Activation::Relu);
//! let y = conv.forward(&input_data);
//! ```
//!
//! The fix, `kernel_size=5` (or keep 15 with `padding="same"`):
//!
//! ```
//! use shaped::prelude::*;
//! let input_data = Tensor::<f32, shape![100, 10, 1]>::zeros();
//! let conv: Conv1D<f32, U![1], U![32], U![5]> = Conv1D::new(0).activation(Activation::Relu);
//! let y: Tensor<f32, shape![100, 6, 32]> = conv.forward(&input_data);
//! let same: Conv1D<f32, U![1], U![32], U![15], U![1], Same> = Conv1D::new(0);
//! let z: Tensor<f32, shape![100, 10, 32]> = same.forward(&input_data);
//! ```
//!
//! # How the types work
//!
//! - **A number becomes a type** through `U![n]`, a procedural macro that writes the literal in
//!   typenum's binary form (`UInt<UInt<UTerm, B1>, B0>` is 2), so any size is writable, 16000
//!   or 2^20 as easily as 3 (typenum's own `U<N>` bridge stops at 1024).
//! - **Output lengths are typenum arithmetic** on those types, done by the trait solver on stable
//!   Rust: [`ConvOutLen`](crate::shapes::ConvOutLen) dispatches on the padding marker (`Valid`:
//!   `(L - eff) / S + 1`; `Same` and `Causal`: `ceil(L / S)`; `Explicit<A, B>`: valid on
//!   `L + A + B`). typenum numbers are canonical, so two paths that compute the same length give
//!   the same type, and a chain of layers needs no annotations.
//! - **A run-time batch** is the dimension [`Dyn`](crate::shapes::Dyn): the tensor stores its
//!   batch size, a static batch is checked when data enters, and every layer is generic over the
//!   batch, so `(Dyn, 20, 1)` gives `(Dyn, 18, 32)` and `(100, 20, 1)` gives `(100, 18, 32)`.
//! - **Each rule is a trait** in [`shapes::rules`](crate::shapes::rules) with a Keras-worded
//!   `#[diagnostic::on_unimplemented]` message, implemented for every type that satisfies it
//!   through a `#[diagnostic::do_not_recommend]` impl, so the compiler reports the rule, not the
//!   typenum comparison behind it. `cargo check` reports them: no full build is needed.
//! - **Data is erased at the kernel boundary**: the layer turns its types into a plain
//!   [`Conv1dSpec`](crate::kernels::Conv1dSpec) and the kernels work on slices.
