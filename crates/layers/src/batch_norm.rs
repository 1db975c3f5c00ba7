//! `BatchNormalization` at inference.

use core::marker::PhantomData;

use shaped_shapes::layer_rules::NormalizedChannelsMatch;
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{ChannelsFirst, ChannelsLast, DataFormat, DataFormatKind, StaticDim};
use shaped_tensor::{ShapeError, Tensor, Workspace};

use crate::features::LastAxis;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::Float;

/// `y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta` on the channel
/// axis, with the statistics learned in training (inference mode).
///
/// **Keras equivalent:** `keras.layers.BatchNormalization(axis=-1, epsilon=1e-3)` called with
/// `training=False`: the last axis of `(batch, features)` or `(batch, steps, channels)`. With
/// `Fmt = ChannelsFirst`, `BatchNormalization(axis=1)` on `(batch, channels, steps)` data.
/// **PyTorch equivalent:** `nn.BatchNorm1d` in `eval()`, on channels-first data (its default
/// epsilon is 1e-5: pass it to [`from_keras`](Self::from_keras)).
///
/// ```
/// use shaped::layers::{BatchNormalization, Layer};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// let bn = BatchNormalization::<f64, U![1]>::from_keras(Some(&[2.0]), Some(&[1.0]), &[3.0], &[4.0], 0.0)?;
/// let x = Tensor::<f64, shape![1, 2, 1]>::from_vec(vec![3.0, 5.0])?;
/// assert_eq!(bn.forward(&x).as_slice(), &[1.0, 3.0]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// Channels-first, as PyTorch's `BatchNorm1d(2)` on `(N, 2, L)`:
///
/// ```
/// use shaped::layers::{BatchNormalization, Layer};
/// use shaped::shapes::{shape, ChannelsFirst, U};
/// use shaped::tensor::Tensor;
/// let bn = BatchNormalization::<f64, U![2], ChannelsFirst>::from_keras(None, Some(&[0.0, 10.0]), &[1.0, 0.0], &[1.0, 1.0], 0.0)?;
/// let x = Tensor::<f64, shape![1, 2, 3; ChannelsFirst]>::from_vec(vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0])?;
/// assert_eq!(bn.forward(&x).as_slice(), &[0.0, 1.0, 2.0, 11.0, 12.0, 13.0]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct BatchNormalization<E, C, Fmt = ChannelsLast> {
    gamma: Option<Vec<E>>,
    beta: Option<Vec<E>>,
    moving_mean: Vec<E>,
    moving_variance: Vec<E>,
    epsilon: f64,
    /// Keras's `momentum` of the moving statistics in training (default 0.99).
    momentum: f64,
    /// `gamma / sqrt(var + eps)` and `beta - mean * scale`, per channel.
    scale: Vec<E>,
    shift: Vec<E>,
    types: PhantomData<fn() -> (C, Fmt)>,
}

impl<E: Clone, C, Fmt> Clone for BatchNormalization<E, C, Fmt> {
    fn clone(&self) -> Self {
        Self {
            gamma: self.gamma.clone(),
            beta: self.beta.clone(),
            moving_mean: self.moving_mean.clone(),
            moving_variance: self.moving_variance.clone(),
            epsilon: self.epsilon,
            momentum: self.momentum,
            scale: self.scale.clone(),
            shift: self.shift.clone(),
            types: PhantomData,
        }
    }
}

/// The configuration (channels, epsilon, which of gamma and beta it has), not the statistics.
impl<E, C: StaticDim, Fmt: DataFormat> core::fmt::Debug for BatchNormalization<E, C, Fmt> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut d = f.debug_struct("BatchNormalization");
        d.field("channels", &C::USIZE);
        if Fmt::KIND != DataFormatKind::ChannelsLast {
            d.field("data_format", &Fmt::KERAS_NAME);
        }
        d.field("epsilon", &self.epsilon)
            .field("scale", &self.gamma.is_some())
            .field("center", &self.beta.is_some())
            .finish()
    }
}

impl<E: Float, C: StaticDim, Fmt> BatchNormalization<E, C, Fmt> {
    /// Keras's initial state: gamma 1, beta 0, mean 0, variance 1, epsilon 1e-3.
    #[must_use]
    pub fn new() -> Self {
        let ones = vec![E::one(); C::USIZE];
        let zeros = vec![E::zero(); C::USIZE];
        Self::from_keras(Some(&ones), Some(&zeros), &zeros, &ones, 1e-3)
            .unwrap_or_else(|_| unreachable!("sizes come from the type"))
    }

    /// A layer from Keras's weights (`gamma`, `beta`, `moving_mean`, `moving_variance`, each of
    /// shape `(C,)`; `gamma`/`beta` are `None` for `scale=False`/`center=False`) and `epsilon`.
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the variable whose length is not the channel count.
    pub fn from_keras(
        gamma: Option<&[E]>,
        beta: Option<&[E]>,
        moving_mean: &[E],
        moving_variance: &[E],
        epsilon: f64,
    ) -> Result<Self, ShapeError> {
        let c = C::USIZE;
        if let Some(g) = gamma {
            check_weight("batch_normalization.gamma", &[c], g.len())?;
        }
        if let Some(b) = beta {
            check_weight("batch_normalization.beta", &[c], b.len())?;
        }
        check_weight("batch_normalization.moving_mean", &[c], moving_mean.len())?;
        check_weight("batch_normalization.moving_variance", &[c], moving_variance.len())?;
        let eps: E = num_traits::cast(epsilon).unwrap_or_else(E::zero);
        let mut scale = Vec::with_capacity(c);
        let mut shift = Vec::with_capacity(c);
        for i in 0..c {
            let s = gamma.map_or(E::one(), |g| g[i]) / (moving_variance[i] + eps).sqrt();
            scale.push(s);
            shift.push(beta.map_or(E::zero(), |b| b[i]) - moving_mean[i] * s);
        }
        Ok(Self {
            gamma: gamma.map(<[E]>::to_vec),
            beta: beta.map(<[E]>::to_vec),
            moving_mean: moving_mean.to_vec(),
            moving_variance: moving_variance.to_vec(),
            epsilon,
            momentum: 0.99,
            scale,
            shift,
            types: PhantomData,
        })
    }

    /// Recomputes the inference affine `(scale, shift)` from the variables.
    fn refresh(&mut self) {
        let eps: E = num_traits::cast(self.epsilon).unwrap_or_else(E::zero);
        for i in 0..C::USIZE {
            let s = self.gamma.as_ref().map_or(E::one(), |g| g[i]) / (self.moving_variance[i] + eps).sqrt();
            self.scale[i] = s;
            self.shift[i] = self.beta.as_ref().map_or(E::zero(), |b| b[i]) - self.moving_mean[i] * s;
        }
    }

    /// The same layer with another `momentum` for the moving statistics in training (Keras
    /// `BatchNormalization(momentum=0.99)`: `moving = moving * momentum + batch * (1 - momentum)`).
    #[must_use]
    pub fn with_momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
        self
    }

    /// `momentum`.
    pub fn momentum(&self) -> f64 {
        self.momentum
    }

    /// Changes the variables in place (`gamma` and `beta` if the layer has them, then the
    /// moving mean and variance), then recomputes what inference applies: how training updates
    /// the layer.
    pub fn update_variables(&mut self, f: impl FnOnce(BatchNormVariables<'_, E>)) {
        f(BatchNormVariables {
            gamma: self.gamma.as_deref_mut(),
            beta: self.beta.as_deref_mut(),
            moving_mean: &mut self.moving_mean,
            moving_variance: &mut self.moving_variance,
        });
        self.refresh();
    }

    /// The per-channel `(scale, shift)` the layer applies: `y = x * scale + shift`. Folding
    /// these into a preceding convolution removes the layer at inference.
    #[must_use]
    pub fn affine(&self) -> (&[E], &[E]) {
        (&self.scale, &self.shift)
    }

    /// The same layer with another `epsilon` (Keras `BatchNormalization(epsilon=...)`).
    #[must_use]
    pub fn with_epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self.refresh();
        self
    }

    /// `epsilon`.
    #[must_use]
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// `gamma` (`None` for `scale=False`).
    #[must_use]
    pub fn gamma(&self) -> Option<&[E]> {
        self.gamma.as_deref()
    }

    /// `beta` (`None` for `center=False`).
    #[must_use]
    pub fn beta(&self) -> Option<&[E]> {
        self.beta.as_deref()
    }

    /// The moving mean learned in training.
    #[must_use]
    pub fn moving_mean(&self) -> &[E] {
        &self.moving_mean
    }

    /// The moving variance learned in training.
    #[must_use]
    pub fn moving_variance(&self) -> &[E] {
        &self.moving_variance
    }
}

/// Mutable views of a [`BatchNormalization`]'s variables, given by
/// [`BatchNormalization::update_variables`].
#[derive(Debug)]
pub struct BatchNormVariables<'a, E> {
    /// `gamma` (`None` for `scale=False`).
    pub gamma: Option<&'a mut [E]>,
    /// `beta` (`None` for `center=False`).
    pub beta: Option<&'a mut [E]>,
    /// The moving mean.
    pub moving_mean: &'a mut [E],
    /// The moving variance.
    pub moving_variance: &'a mut [E],
}

impl<E: Float, C: StaticDim, Fmt> Default for BatchNormalization<E, C, Fmt> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E, C: StaticDim, Fmt: DataFormat> LayerInfo for BatchNormalization<E, C, Fmt> {
    fn name(&self) -> String {
        match Fmt::KIND {
            DataFormatKind::ChannelsFirst => "BatchNormalization(axis=1)".to_string(),
            _ => "BatchNormalization".to_string(),
        }
    }
    fn param_count(&self) -> usize {
        self.gamma.as_ref().map_or(0, Vec::len)
            + self.beta.as_ref().map_or(0, Vec::len)
            + self.moving_mean.len()
            + self.moving_variance.len()
    }
}

impl<E, X, C> Layer<Tensor<E, X>> for BatchNormalization<E, C, ChannelsLast>
where
    E: Float,
    C: StaticDim,
    X: LastAxis,
    X::Last: NormalizedChannelsMatch<C>,
{
    type Output = Tensor<E, X>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Tensor<E, X> {
        let mut y = ws.copy_of(x);
        for row in y.as_mut_slice().chunks_exact_mut(C::USIZE.max(1)) {
            for ((v, &s), &b) in row.iter_mut().zip(&self.scale).zip(&self.shift) {
                *v = *v * s + b;
            }
        }
        y
    }
}

/// Channels-first: each channel's block of steps scaled and shifted.
impl<E, X, C> Layer<Tensor<E, X>> for BatchNormalization<E, C, ChannelsFirst>
where
    E: Float,
    C: StaticDim,
    X: SequenceBatch<ChannelsFirst>,
    <X as SequenceBatch<ChannelsFirst>>::Channels: NormalizedChannelsMatch<C>,
{
    type Output = Tensor<E, X>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Tensor<E, X> {
        let mut y = ws.copy_of(x);
        let steps = <<X as SequenceBatch<ChannelsFirst>>::Len as typenum::Unsigned>::USIZE.max(1);
        debug_assert_eq!(X::SAMPLE_DIMS.iter().product::<usize>(), C::USIZE * steps);
        for (k, block) in y.as_mut_slice().chunks_exact_mut(steps).enumerate() {
            let c = k % C::USIZE.max(1);
            let (s, b) = (self.scale[c], self.shift[c]);
            block.iter_mut().for_each(|v| *v = *v * s + b);
        }
        y
    }
}
