//! Keras's `fit`, `evaluate` and `predict`, for models whose every shape is a type.
//!
//! A [`Trainer`] is what Keras's `model.compile(optimizer, loss, metrics)` makes: a model, an
//! optimizer, a loss and metrics. Its [`fit`](Trainer::fit) shuffles the samples each epoch
//! (seeded), runs batches of `batch_size` (the last one partial, as Keras), applies the
//! optimizer, logs the loss and metrics (weighted by batch size, as Keras's running means),
//! evaluates validation data after each epoch, runs callbacks ([`EarlyStopping`],
//! [`ReduceLrOnPlateau`], closures), shows Keras's progress display, and returns the
//! [`History`].
//!
//! Inputs and targets are checked once, before any step: as many targets as inputs (Keras:
//! "Data cardinality is ambiguous"), a batch size of at least 1, at least one sample. Their
//! shapes were checked by the compiler: targets that do not fit the model's output do not
//! compile.
//!
//! ```
//! use shaped::layers::{pool::GlobalAveragePooling1D, Activation, Conv1D, Dense};
//! use shaped::shapes::{shape, Dyn, Same, U};
//! use shaped::tensor::Tensor;
//! use shaped::train::fit::{Accuracy, FitOptions, Trainer};
//! use shaped::train::loss::{CategoricalCrossentropy, ClassLabels, SparseCategoricalCrossentropy};
//! use shaped::train::optim::Adam;
//!
//! // Two classes of 16-step series: rising or falling.
//! let x = Tensor::<f32, shape![Dyn, 16, 1]>::from_fn_with_batch(32, |i| {
//!     let t = i[1] as f32 / 16.0;
//!     if i[0] % 2 == 0 { t } else { 1.0 - t }
//! })?;
//! let y = ClassLabels::<Dyn, U![2]>::new((0..32).map(|i| i % 2).collect())?;
//! let model = (
//!     Conv1D::<f32, U![1], U![8], U![3], U![1], Same>::new(0).activation(Activation::Relu),
//!     GlobalAveragePooling1D::new(),
//!     Dense::<f32, U![8], U![2]>::new(1).activation(Activation::Softmax),
//! );
//! let mut trainer = Trainer::new(model, Adam::new().learning_rate(0.05), SparseCategoricalCrossentropy::new())
//!     .metric(Accuracy::new());
//! let history = trainer.fit(&x, &y, FitOptions::new().epochs(30).batch_size(8).verbose(0))?;
//! assert_eq!(history.epochs(), 30);
//! let logs = trainer.evaluate(&x, &y, 32)?;
//! assert!(logs.get("loss").unwrap() < history.get("loss").unwrap()[0]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod callbacks;
mod data;
mod history;
mod metrics;
mod progress;

pub use callbacks::{Callback, Control, EarlyStopping, ReduceLrOnPlateau};
pub use data::Samples;
pub use history::{History, Logs};
pub use metrics::{argmax, Accuracy, Metric};

use core::marker::PhantomData;

use shaped_layers::{Float, Layer};
use shaped_shapes::{Dyn, Shape};
use shaped_tensor::{Tensor, Workspace};

use crate::backward::SplitMix64;
use crate::loss::Loss;
use crate::optim::Optimizer;
use crate::{Backward, TrainContext, TrainError, Trainable};
use progress::EpochProgress;

/// Targets that a loss `L` compares with a model's output `Y`: the bound [`Trainer`] puts on
/// its targets (any `T` for which `L: Loss<Y, T>`), stated on the targets so that their type
/// comes from the data given to `fit` and a mismatch reads as the loss's error.
pub trait TargetsFor<L, Y> {
    /// `L`'s value on `y` against these targets.
    fn loss_value(loss: &L, y: &Y, targets: &Self) -> f64;
    /// `L`'s value and its gradient with respect to `y`.
    fn loss_and_grad(loss: &L, y: &Y, targets: &Self, grad: &mut Y) -> f64;
}

impl<T, L: Loss<Y, T>, Y> TargetsFor<L, Y> for T {
    fn loss_value(loss: &L, y: &Y, targets: &T) -> f64 {
        loss.value(y, targets)
    }
    fn loss_and_grad(loss: &L, y: &Y, targets: &T, grad: &mut Y) -> f64 {
        loss.value_and_grad(y, targets, grad)
    }
}

/// The settings of one [`Trainer::fit`] call, with Keras's defaults: 1 epoch, batches of
/// 32, shuffled each epoch, `verbose=1`, no validation, no callbacks.
pub struct FitOptions<'a, E, X, T> {
    epochs: usize,
    batch_size: usize,
    shuffle: bool,
    seed: u64,
    verbose: u8,
    validation: Option<(&'a X, &'a T)>,
    callbacks: Vec<Box<dyn Callback<E> + 'a>>,
}

impl<'a, E, X, T> FitOptions<'a, E, X, T> {
    /// Keras's defaults.
    pub fn new() -> Self {
        Self {
            epochs: 1,
            batch_size: 32,
            shuffle: true,
            seed: 0,
            verbose: 1,
            validation: None,
            callbacks: Vec::new(),
        }
    }

    /// Keras `epochs=`.
    #[must_use]
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.epochs = epochs;
        self
    }

    /// Keras `batch_size=`.
    #[must_use]
    pub fn batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size;
        self
    }

    /// Keras `shuffle=`: a new order of the samples each epoch.
    #[must_use]
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// The seed of the shuffling and of the dropout masks (Keras seeds them globally with
    /// `keras.utils.set_random_seed`; here a run is reproducible from this number alone).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Keras `verbose=`: 0 silent, 1 a progress bar and a line per epoch, 2 a line per epoch.
    #[must_use]
    pub fn verbose(mut self, verbose: u8) -> Self {
        self.verbose = verbose;
        self
    }

    /// Keras `validation_data=(x, y)`: evaluated after each epoch, logged as `val_...`.
    #[must_use]
    pub fn validation_data(mut self, x: &'a X, y: &'a T) -> Self {
        self.validation = Some((x, y));
        self
    }

    /// Adds a callback (Keras `callbacks=[...]`), run after each epoch in the order added.
    #[must_use]
    pub fn callback(mut self, callback: impl Callback<E> + 'a) -> Self {
        self.callbacks.push(Box::new(callback));
        self
    }
}

impl<E, X, T> Default for FitOptions<'_, E, X, T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A model compiled for training: Keras's `model.compile(optimizer, loss, metrics)`.
///
/// `X` is the model's input (a tensor with a run-time batch), `T` the targets' type, tied to
/// the model's output by the loss. The trainer owns the model, the optimizer and the training
/// context (the workspace of the passes); [`Trainer::into_model`] gives the model back.
pub struct Trainer<E, M, O, L, X, T>
where
    M: Layer<X>,
{
    model: M,
    optimizer: O,
    loss: L,
    metrics: Vec<Box<dyn Metric<M::Output, T> + Send>>,
    ctx: TrainContext,
    grads: Vec<E>,
    types: PhantomData<fn(&X, &T)>,
}

impl<E, M, O, L, X, T, YS> Trainer<E, M, O, L, X, T>
where
    E: Float,
    M: Backward<E, X, Output = Tensor<E, YS>>,
    O: Optimizer<E>,
    X: Samples,
    T: Samples + TargetsFor<L, Tensor<E, YS>>,
    YS: Shape<Batch = Dyn>,
{
    /// A trainer of `model` with `optimizer` and `loss` (Keras `compile`).
    pub fn new(model: M, optimizer: O, loss: L) -> Self {
        Self {
            model,
            optimizer,
            loss,
            metrics: Vec::new(),
            ctx: TrainContext::new(0),
            grads: Vec::new(),
            types: PhantomData,
        }
    }

    /// Adds a metric (Keras `metrics=[...]`).
    #[must_use]
    pub fn metric(mut self, metric: impl Metric<Tensor<E, YS>, T> + Send + 'static) -> Self {
        self.metrics.push(Box::new(metric));
        self
    }

    /// The model.
    pub fn model(&self) -> &M {
        &self.model
    }

    /// The model, mutably.
    pub fn model_mut(&mut self) -> &mut M {
        &mut self.model
    }

    /// The optimizer.
    pub fn optimizer(&self) -> &O {
        &self.optimizer
    }

    /// The model, the training done.
    pub fn into_model(self) -> M {
        self.model
    }

    /// One training step on one batch (Keras `train_on_batch`): returns the batch's loss,
    /// computed before the update.
    ///
    /// # Errors
    /// When `x` and `y` hold different numbers of samples, or none.
    pub fn train_on_batch(&mut self, x: &X, y: &T) -> Result<f64, TrainError> {
        check_cardinality("training", x, y)?;
        Ok(self.step(x, y))
    }

    fn step(&mut self, x: &X, y: &T) -> f64 {
        self.ctx.begin_step();
        let (out, tape) = self.model.forward_train(x, &mut self.ctx);
        let mut dy: Tensor<E, YS> = self.ctx.workspace().tensor_like(&out);
        let loss = T::loss_and_grad(&self.loss, &out, y, &mut dy);
        self.grads.resize(self.model.trainable_len(), E::zero());
        self.model.backward_params(x, &out, tape, dy, &mut self.grads, &mut self.ctx);
        self.optimizer.apply(&mut self.model, &mut self.grads);
        for m in &mut self.metrics {
            m.update(&out, y);
        }
        self.ctx.workspace().give(out);
        loss
    }

    /// Trains (Keras `fit`); returns the history of every epoch.
    ///
    /// # Errors
    /// Before any step: inputs and targets (training or validation) of different sample
    /// counts, no training samples, a batch size of 0, or optimizer arguments out of range.
    pub fn fit(&mut self, x: &X, y: &T, options: FitOptions<'_, E, X, T>) -> Result<History, TrainError> {
        let FitOptions { epochs, batch_size, shuffle, seed, verbose, validation, mut callbacks } = options;
        check_cardinality("training", x, y)?;
        if let Some((vx, vy)) = validation {
            check_cardinality("validation", vx, vy)?;
        }
        if batch_size == 0 {
            return Err(TrainError::Setting { name: "batch_size", why: "expected at least 1, got 0".into() });
        }
        self.optimizer.settings().validate()?;
        self.ctx = TrainContext::new(seed ^ 0xD809_0007);
        let n = x.count();
        let steps = n.div_ceil(batch_size);
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = SplitMix64(seed);
        let mut history = History::default();
        for epoch in 0..epochs {
            if shuffle {
                for i in (1..n).rev() {
                    let j = (rng.next() % (i as u64 + 1)) as usize;
                    order.swap(i, j);
                }
            }
            let progress = EpochProgress::start(verbose, epoch, epochs, steps);
            self.metrics.iter_mut().for_each(|m| m.reset());
            let (mut loss_sum, mut seen) = (0.0, 0usize);
            let mut logs = Logs::default();
            for chunk in order.chunks(batch_size) {
                let (xb, yb) = if shuffle {
                    (x.gather(chunk), y.gather(chunk))
                } else {
                    let (a, b) = (chunk[0], chunk[0] + chunk.len());
                    (x.range(a, b), y.range(a, b))
                };
                let loss = self.step(&xb, &yb);
                loss_sum += loss * chunk.len() as f64;
                seen += chunk.len();
                logs = self.logs("", loss_sum / seen as f64);
                progress.step(&logs);
            }
            if let Some((vx, vy)) = validation {
                let val = self.evaluate(vx, vy, batch_size)?;
                for (k, v) in val.iter() {
                    logs.set(&format!("val_{k}"), v);
                }
            }
            let iterations = self.optimizer.iterations();
            let mut control = Control {
                model: &mut self.model as &mut dyn Trainable<E>,
                settings: self.optimizer.settings_mut(),
                iterations,
                stop: false,
            };
            for cb in &mut callbacks {
                cb.on_epoch_end(epoch, &mut logs, &mut control);
            }
            let stop = control.stop;
            progress.finish(&logs);
            history.push(&logs);
            if stop {
                break;
            }
        }
        Ok(history)
    }

    fn logs(&self, prefix: &str, loss: f64) -> Logs {
        let mut logs = Logs::default();
        for m in &self.metrics {
            logs.set(&format!("{prefix}{}", m.name()), m.result());
        }
        logs.set(&format!("{prefix}loss"), loss);
        logs
    }

    /// The loss and metrics on `x`, `y` in inference mode (Keras `evaluate`), in batches of
    /// `batch_size`.
    ///
    /// # Errors
    /// When `x` and `y` hold different numbers of samples, or `batch_size` is 0.
    pub fn evaluate(&mut self, x: &X, y: &T, batch_size: usize) -> Result<Logs, TrainError> {
        check_cardinality("evaluation", x, y)?;
        if batch_size == 0 {
            return Err(TrainError::Setting { name: "batch_size", why: "expected at least 1, got 0".into() });
        }
        self.metrics.iter_mut().for_each(|m| m.reset());
        let n = x.count();
        let (mut loss_sum, mut ws) = (0.0, Workspace::new());
        for start in (0..n).step_by(batch_size) {
            let end = (start + batch_size).min(n);
            let (xb, yb) = (x.range(start, end), y.range(start, end));
            ws.begin_pass();
            let out = self.model.forward_with(&xb, &mut ws);
            loss_sum += T::loss_value(&self.loss, &out, &yb) * (end - start) as f64;
            for m in &mut self.metrics {
                m.update(&out, &yb);
            }
            ws.give(out);
        }
        Ok(self.logs("", loss_sum / n as f64))
    }

    /// The model's outputs on `x` in inference mode (Keras `predict`), in batches of
    /// `batch_size`.
    ///
    /// # Errors
    /// When `batch_size` is 0.
    pub fn predict(&self, x: &X, batch_size: usize) -> Result<Tensor<E, YS>, TrainError> {
        predict(&self.model, x, batch_size)
    }
}

/// The model's outputs on `x` in inference mode, in batches of `batch_size` (Keras
/// `model.predict(x, batch_size)`): the memory of one batch at a time, whatever `x`'s size.
///
/// # Errors
/// When `batch_size` is 0.
pub fn predict<E, M, X, YS>(model: &M, x: &X, batch_size: usize) -> Result<Tensor<E, YS>, TrainError>
where
    E: Float,
    M: Layer<X, Output = Tensor<E, YS>>,
    X: Samples,
    YS: Shape<Batch = Dyn>,
{
    if batch_size == 0 {
        return Err(TrainError::Setting { name: "batch_size", why: "expected at least 1, got 0".into() });
    }
    let n = x.count();
    let mut ws = Workspace::new();
    let mut parts = Vec::with_capacity(n.div_ceil(batch_size));
    for start in (0..n).step_by(batch_size) {
        let xb = x.range(start, (start + batch_size).min(n));
        ws.begin_pass();
        let out = model.forward_with(&xb, &mut ws);
        parts.push(out);
    }
    Ok(data::concat(parts))
}

fn check_cardinality<X: Samples, T: Samples>(data: &'static str, x: &X, y: &T) -> Result<(), TrainError> {
    if x.count() != y.count() {
        return Err(TrainError::Cardinality { data, inputs: x.count(), targets: y.count() });
    }
    if x.count() == 0 {
        return Err(TrainError::NoData);
    }
    Ok(())
}
