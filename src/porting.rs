//! Keras to `shaped`: a porting guide.
//!
//! Everything here names `shaped::...` paths only, so each example compiles in a crate whose
//! one dependency is `shaped` (`cargo add shaped`). The [`guide`](crate::guide) has the seed
//! article's three mistakes; [`mistakes`](crate::mistakes) has all 114 of the catalog.
//!
//! # A model by hand, Keras weights, predictions
//!
//! ```python
//! model = keras.Sequential([
//!     keras.Input((50, 2)),
//!     layers.Conv1D(8, 3, padding="same"), layers.BatchNormalization(), layers.Activation("relu"),
//!     layers.GlobalAveragePooling1D(),
//!     layers.Dense(3, activation="softmax"),
//! ])
//! model.load_weights("model.weights.h5")
//! p = model.predict(x, batch_size=32)
//! accuracy = np.mean(np.argmax(p, axis=-1) == labels)
//! ```
//!
//! ```
//! use shaped::layers::pool::GlobalAveragePooling1D;
//! use shaped::prelude::*;
//!
//! type Input = Tensor<f32, shape![Dyn, 50, 2]>; // keras.Input((50, 2)); the batch is None
//!
//! fn main() -> Result<(), shaped::io::Error> {
//! #   let keras_file = keras_weights()?;
//!     // The file Keras wrote: model.keras, model.h5 or safetensors (told by its first bytes);
//!     // WeightFile::read(path) reads it from disk.
//!     let mut file = WeightFile::from_bytes(keras_file)?;
//!     let k = WeightLayout::Keras;
//!     // Each layer by its Keras name; its arguments are types, its input size is the
//!     // previous layer's (a mismatch is a compile error, a wrong variable shape an `Err`).
//!     let conv: Conv1D<f32, U![2], U![8], U![3], U![1], Same> = load_conv1d(&mut file, "conv1d", k)?;
//!     let bn: BatchNormalization<f32, U![8]> = load_batch_norm(&mut file, "batch_normalization", k, 1e-3)?;
//!     let dense: Dense<f32, U![8], U![3]> = load_dense(&mut file, "dense", k)?;
//!     file.finish_strict()?; // every variable in the file was used
//!     let model = Sequential::<Input, _>::new((
//!         conv,
//!         bn,
//!         Activation::Relu,
//!         GlobalAveragePooling1D::new(),
//!         dense.activation(Activation::Softmax),
//!     ));
//!     println!("{}", model.summary());
//!
//!     let x = Input::from_fn_with_batch(100, |i| (i[1] as f32 * 0.1).sin() + i[2] as f32)?;
//!     let labels = vec![0; 100];
//!     let p: Tensor<f32, shape![Dyn, 3]> = x.map_batches(32, |batch| model.forward(batch))?;
//!     let classes: Vec<usize> = p.argmax();
//!     let accuracy = p.accuracy(&labels)?;
//!     assert_eq!((classes.len(), p.batch()), (100, 100));
//!     assert!((0.0..=1.0).contains(&accuracy));
//!     Ok(())
//! }
//! # /// Stands for Keras's file: the same variables, written by shaped in Keras's names.
//! # fn keras_weights() -> Result<Vec<u8>, shaped::io::Error> {
//! #     let mut w = WeightWriter::new();
//! #     let k = WeightLayout::Keras;
//! #     save_conv1d(&mut w, "conv1d", &Conv1D::<f32, U![2], U![8], U![3], U![1], Same>::new(0), k)?;
//! #     save_batch_norm(&mut w, "batch_normalization", &BatchNormalization::<f32, U![8]>::new(), k)?;
//! #     save_dense(&mut w, "dense", &Dense::<f32, U![8], U![3]>::new(1), k)?;
//! #     Ok(w.to_bytes()?)
//! # }
//! ```
//!
//! `examples/keras_by_hand.rs` does the same with a real Keras model (the GunPoint CNN of
//! `data/models/gunpoint_cnn_flatten`: Conv1D, BatchNormalization, pooling, Flatten, Dense) and
//! reproduces Keras's test accuracy: `cargo run --release --example keras_by_hand`. For a
//! functional model (branches, merges) declare it with [`model!`](crate::model), whose
//! `load_weights(&mut file)` loads every layer by its Keras name; for a whole Keras file,
//! `shaped-import` writes that declaration for you (see the README).
//!
//! # How a shape flows through the types
//!
//! ```text
//!  run-time data                 types (checked by rustc / cargo check)            run time
//!  -------------                 --------------------------------------            --------
//!  Vec<f32>, .ts, safetensors
//!        |  from_vec / from_nested / pad_sequences_multi: Err(ShapeError) if it does not fit
//!        v
//!  Tensor<f32, (Dyn, U50, U2)>   batch: Dyn (stored), length 50, channels 2     batch = 100
//!        |  Conv1D<f32, U2, U8, U3, U1, Same>
//!        |    ChannelsMatch<U2>:       input channels == Cin, else compile error
//!        |    ConvOutLen<U50>:         Same -> ceil(50 / 1) = U50 (typenum arithmetic)
//!        v
//!  Tensor<f32, (Dyn, U50, U8)>
//!        |  BatchNormalization<f32, U8>, Activation: same shape
//!        |  GlobalAveragePooling1D:   (B, L, C) -> (B, C)
//!        v
//!  Tensor<f32, (Dyn, U8)>
//!        |  Dense<f32, U8, U3>        FeaturesMatch<U8>: last axis == In
//!        v
//!  Tensor<f32, (Dyn, U3)>        .argmax() -> Vec<usize>, .accuracy(&labels)     100 classes
//! ```
//!
//! Only the batch is a run-time number (or a type: `shape![100, 50, 2]`); lengths and channels
//! are types, so every layer's output type is known before the program runs, and a layer that
//! cannot apply is an error at the line that declares it. The kernels receive plain sizes
//! ([`Conv1dSpec`](crate::kernels::Conv1dSpec)) and slices.
//!
//! # Layers
//!
//! | Keras | shaped | notes |
//! | --- | --- | --- |
//! | `keras.Input((20, 1))`, `input_shape=(20, 1)` | the input type `Tensor<f32, shape![Dyn, 20, 1]>` | `None` batch is [`Dyn`](crate::shapes::Dyn); a fixed batch is a number |
//! | `Conv1D(filters, kernel_size, strides, padding, dilation_rate, groups, data_format)` | [`Conv1D<E, Cin, F, K, S, P, D, G, Fmt>`](crate::Conv1D) | `Cin` is the input's channel count (Keras infers it; here the type says it, `_` infers it in a chain) |
//! | `padding="valid"`, `"same"`, `"causal"` | [`Valid`](crate::shapes::Valid), [`Same`](crate::shapes::Same), [`Causal`](crate::shapes::Causal); `Explicit<L, R>` as PyTorch's `padding=(l, r)` | |
//! | `data_format="channels_first"` | [`ChannelsFirst`](crate::shapes::ChannelsFirst) as the layer's last type parameter (`ChannelsLast` is the default), and the data typed `shape![batch, channels, steps; ChannelsFirst]` ([`ChannelsFirstShape`](crate::shapes::ChannelsFirstShape)), so that data of one layout cannot enter a layer of the other; `.to_channels_first()` / `.to_channels_last()` convert | PyTorch's `(N, C, L)` |
//! | `DepthwiseConv1D`, `SeparableConv1D`, `Conv1DTranspose` | [`DepthwiseConv1D`](crate::layers::DepthwiseConv1D), [`SeparableConv1D`](crate::layers::SeparableConv1D), [`Conv1DTranspose`](crate::layers::Conv1DTranspose) | DepthwiseConv1D and SeparableConv1D take `data_format` as their last type parameter; PyTorch's `nn.Conv1d(C, C*M, K, groups=C)` (+ `nn.Conv1d(C*M, F, 1)`) loads with `from_pytorch`; `depth_multiplier=0` and wrong input channels are compile errors in the layer's own words |
//! | `Dense(units)` | [`Dense<E, In, Units>`](crate::Dense) | on the last axis of 2-D or 3-D inputs, as Keras |
//! | `BatchNormalization(epsilon)` | [`BatchNormalization<E, C>`](crate::layers::BatchNormalization) | inference (moving statistics); `fold_batch_norm` folds it into the convolution before it |
//! | `Activation("relu")`, `activation="relu"` | [`Activation::Relu`](crate::Activation) as a layer, or `.activation(..)` on Conv1D and Dense | linear, relu, leaky_relu, elu, gelu (exact and tanh), sigmoid, tanh, softmax |
//! | `MaxPooling1D`, `AveragePooling1D`, `GlobalMaxPooling1D`, `GlobalAveragePooling1D` | [`layers::pool`](crate::layers::pool) | pool size, strides and padding as types |
//! | `Flatten`, `Reshape`, `ZeroPadding1D`, `Cropping1D`, `UpSampling1D` | [`layers::reshaping`](crate::layers::reshaping) | the new shape is computed (or checked) by the types |
//! | `Dropout(rate)` | [`Dropout`](crate::layers::Dropout) | the identity: `shaped` is inference only |
//! | `Embedding(input_dim, output_dim)` | [`Embedding<E, V, D>`](crate::layers::Embedding) on [`Tokens<V, S>`](crate::tensor::Tokens) | token ids are checked against the vocabulary once, when they enter (`Tokens::from_ids`: an `Err` naming the id, its position and `V`); `load_embedding` reads `<layer>.embeddings`; no `mask_zero` |
//! | `LayerNormalization(axis=-1, epsilon, center, scale)` | [`LayerNormalization<E, C>`](crate::layers::LayerNormalization) | last axis only; Keras's order of operations |
//! | `GroupNormalization(groups, axis=-1)` | [`GroupNormalization<E, C, G>`](crate::layers::GroupNormalization) | `G` must divide `C` (a compile error otherwise); `groups=-1` is `G = C` |
//! | `GlobalAveragePooling1D(keepdims=True)` | `GlobalAveragePooling1D::new().keepdims()` ([`KeepDims`](crate::layers::pool::KeepDims)) | output `(B, 1, C)`; channels-last |
//! | `AdaptiveAveragePooling1D(output_size)`, `AdaptiveMaxPooling1D` | [`layers::pool`](crate::layers::pool) with the output size as a type | Keras's (and PyTorch's) bins; channels-last |
//! | `ReLU(max_value, negative_slope, threshold)`, `LeakyReLU(negative_slope)`, `PReLU(shared_axes)` | [`ReLU`](crate::layers::ReLU), [`LeakyReLU`](crate::layers::LeakyReLU), [`PReLU<E, AL, AC>`](crate::layers::PReLU) | a negative argument is an `Err` ([`ArgumentError`](crate::layers::ArgumentError)); PReLU's shared axes are `U![1]` in its alpha shape |
//! | `Permute((2, 1))`, `RepeatVector(n)` | [`reshaping::Permute`](crate::layers::reshaping::Permute), [`reshaping::RepeatVector`](crate::layers::reshaping::RepeatVector) | the permutation and `n` are types |
//! | `SpatialDropout1D(rate)` | [`SpatialDropout1D`](crate::layers::SpatialDropout1D) | the identity at inference; the rate is checked to be in `[0, 1)` |
//! | `Add`, `Multiply`, `Average`, `Maximum`, `Minimum`, `Subtract`, `Concatenate(axis)` | [`layers::merge`](crate::layers::merge) | 2 to 8 inputs; `Add` is `shaped::layers::merge::Add` outside `model!` (the prelude leaves it out: it would shadow `std::ops::Add`) |
//! | `Sequential([...])` | [`Sequential::<Input, _>::new((layer, layer, ...))`](crate::Sequential) | a tuple of up to 12 layers; nest tuples for more |
//! | functional `Model(inputs, outputs)` | [`model!`](crate::model) | Keras's layer names as fields, Keras's order |
//! | `model.summary()`, `count_params()` | `summary()`, `param_count()` | |
//!
//! # Habits
//!
//! | Keras / numpy | shaped |
//! | --- | --- |
//! | `model.predict(x)` | `model.forward(&x)` (and `forward_into` with a [`Workspace`](crate::tensor::Workspace) to allocate nothing in a loop) |
//! | `model.predict(x, batch_size=32)` | [`x.map_batches(32, \|b\| model.forward(b))`](crate::Tensor::map_batches); [`x.batches(32)`](crate::Tensor::batches) to iterate |
//! | `np.argmax(p, axis=-1)` | [`p.argmax()`](crate::Tensor::argmax) |
//! | `accuracy` metric, `np.mean(pred == labels)` | [`p.accuracy(&labels)`](crate::Tensor::accuracy) |
//! | `np.array(data)` of equal-length sequences | [`Tensor::from_nested`](crate::Tensor::from_nested), `from_vec`, `from_rows` (an `Err` naming the first bad sample) |
//! | `pad_sequences(data, maxlen, padding, truncating, value, dtype)` | [`pad_sequences_multi`](crate::io::pad_sequences_multi) (the element type is kept: Keras's default `dtype="int32"` silently zeroes floats) |
//! | `np.expand_dims(x, -1)`, `tf.reshape` | `.add_channel_axis()`, `.reshape::<S2>()` (checked by the types) |
//! | `model.load_weights(...)`, `layer.set_weights(...)` | [`WeightFile`](crate::io::WeightFile) with `load_conv1d` / `load_dense` / `load_batch_norm`, or `model.load_weights(&mut file)` for `model!`; `from_keras` / `from_pytorch` from slices |
//! | `model.save_weights(...)` | [`WeightWriter`](crate::io::WeightWriter) with `save_*` (safetensors, Keras names) |
//! | `dtype="float64"` | `Tensor<f64, _>` and layers over `f64` |
//! | `model.fit`, losses, optimizers | none: inference only |
//!
//! # The Keras mistakes, and what shaped does
//!
//! | Keras | shaped |
//! | --- | --- |
//! | 2-D input to Conv1D (missing channel axis): Keras 3 adds it silently, or raises | compile error: *Conv1D and pooling layers expect a 3-D input*; `.add_channel_axis()` |
//! | `kernel_size` longer than the sequence: `ValueError` (negative output dimension) | compile error naming both lengths; `Same`/`Causal` padding or a shorter kernel |
//! | wrong channel count for a layer's weights | compile error (`ChannelsMatch`), or an `Err` naming the variable and both shapes when weights load |
//! | `groups` not dividing channels or filters | compile error |
//! | ragged sequences into `np.array` | an `Err` naming the first sample of another length; `pad_sequences_multi` |
//! | `pad_sequences` turning floats into zeros (`dtype="int32"`) | the element type is kept |
//! | merged branches of different lengths | compile error naming the input and the dimension |
//! | weights of the other layout (PyTorch's `(F, Cin, K)` for Keras's `(K, Cin, F)`) | an `Err` with a hint naming the other layout, or `WeightLayout::PyTorch` |
//!
//! The full table, with each case's proof, is [`mistakes`](crate::mistakes).
//!
//! # Threads
//!
//! The kernels run on rayon's global thread pool (feature `parallel`, on by default), over
//! samples and output rows; results are bitwise identical for any thread count.
//!
//! - `RAYON_NUM_THREADS=4 ./my_program` sets the global pool's size (default: one per core).
//! - In code (`cargo add rayon`): `rayon::ThreadPoolBuilder::new().num_threads(4).build_global()`
//!   once at start, or `pool.install(|| model.forward(&x))` to run a call on a pool of its own
//!   (e.g. one thread per server worker).
//! - `default-features = false` (no `parallel`) runs everything on the calling thread, without
//!   rayon; at the kernel level, [`Parallelism::Sequential`](crate::kernels::Parallelism) does
//!   so per call.
//! - Small calls stay on the calling thread either way: waking the pool costs more.
//!
//! # Build profiles
//!
//! The kernels are written for an optimising compiler: an unoptimised (`cargo run` debug)
//! build is about 150 times slower. Optimise the dependencies in your dev profile, which keeps
//! your own crate quick to compile and debug:
//!
//! ```toml
//! # Cargo.toml of your application
//! [profile.dev.package."*"]
//! opt-level = 2      # shaped and every other dependency, optimised even in debug builds
//!
//! [profile.dev]
//! opt-level = 1      # your own code: some optimisation, still debuggable
//! ```
//!
//! and use `cargo run --release` for timings. The SIMD path (AVX-512, AVX2+FMA or portable)
//! is chosen at run time, so no `-C target-cpu` is needed.
//!
//! # Batching
//!
//! A batch of any size runs in one call (the kernels split it across threads); memory grows
//! with it: a model's intermediate tensors hold `batch x length x channels` values each.
//! [`map_batches`](crate::Tensor::map_batches) bounds that, as Keras's `batch_size=` does. A
//! static batch (`shape![32, 50, 2]`) is checked when data enters; [`Dyn`](crate::shapes::Dyn)
//! accepts any, `into_static_batch` / `into_dyn_batch` convert.
//!
//! # Errors in `main`
//!
//! Every fallible call at the boundary returns an error that converts into
//! [`shaped::io::Error`](crate::io::Error), so one `?` covers reading, padding and loading.
//! `fn main() -> Result<(), shaped::io::Error>` prints, on failure, the step and its cause on
//! one line (the error's `Debug` form is written for this):
//!
//! ```text
//! Error: cannot read or write the weights: cannot access model.keras: No such file or directory (os error 2)
//! ```
//!
//! The error's `Display` is the step and its `source()` the cause, so reporters that walk the
//! chain (`Box<dyn std::error::Error>`, `anyhow`) print each message once.
