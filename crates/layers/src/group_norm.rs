//! `GroupNormalization` on the last axis.

use core::marker::PhantomData;

use shaped_shapes::layer_rules::{NormGroupsDivideChannels, NormalizedFeaturesMatch};
use shaped_shapes::StaticDim;
use shaped_tensor::{ShapeError, Tensor, Workspace};

use crate::features::LastAxis;
use crate::layer::{Layer, LayerInfo};
use crate::layer_norm::moments;
use crate::weights::check_weight;
use crate::Float;

/// Splits the `C` channels into `G` groups of `C / G` and normalises each group of each
/// sample over all its steps and channels together (a sequence `(B, L, C)`: `L * C / G`
/// values per group), then scales by `gamma` and shifts by `beta` per channel, in Keras's
/// order: `inv = rsqrt(var + epsilon) * gamma`, `y = x * inv + (beta - mean * inv)`.
/// `G = C` is instance normalization (Keras's `groups=-1`); `G = 1` normalises each sample
/// as a whole. Groups that do not divide the channels do not compile.
///
/// **Keras equivalent:** `keras.layers.GroupNormalization(groups=G, axis=-1, epsilon=1e-3,
/// center=True, scale=True)`. **PyTorch equivalent:** `nn.GroupNorm(G, C, eps=1e-3)` on
/// channels-first data.
///
/// ```
/// use shaped::layers::{GroupNormalization, Layer};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// // Two groups of one channel over 2 steps: each channel is normalised over its steps.
/// let gn = GroupNormalization::<f64, U![2], U![2]>::new().with_epsilon(0.0);
/// let x = Tensor::<f64, shape![1, 2, 2]>::from_vec(vec![1., 10., 3., 30.])?;
/// assert_eq!(gn.forward(&x).as_slice(), &[-1., -1., 1., 1.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// ```compile_fail
/// use shaped::prelude::*;
/// let gn = GroupNormalization::<f32, U![6], U![4]>::new(); // 6 channels, 4 groups
/// ```
pub struct GroupNormalization<E, C, G> {
    gamma: Option<Vec<E>>,
    beta: Option<Vec<E>>,
    epsilon: f64,
    types: PhantomData<fn() -> (C, G)>,
}

impl<E: Clone, C, G> Clone for GroupNormalization<E, C, G> {
    fn clone(&self) -> Self {
        Self { gamma: self.gamma.clone(), beta: self.beta.clone(), epsilon: self.epsilon, types: PhantomData }
    }
}

/// The configuration, not the variables.
impl<E, C: StaticDim, G: StaticDim> core::fmt::Debug for GroupNormalization<E, C, G> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("GroupNormalization")
            .field("channels", &C::USIZE)
            .field("groups", &G::USIZE)
            .field("epsilon", &self.epsilon)
            .field("scale", &self.gamma.is_some())
            .field("center", &self.beta.is_some())
            .finish()
    }
}

impl<E: Float, C: StaticDim, G: StaticDim> GroupNormalization<E, C, G> {
    /// Keras's initial state: gamma 1, beta 0, epsilon 1e-3.
    #[must_use]
    pub fn new() -> Self
    where
        C: NormGroupsDivideChannels<G>,
    {
        Self {
            gamma: Some(vec![E::one(); C::USIZE]),
            beta: Some(vec![E::zero(); C::USIZE]),
            epsilon: 1e-3,
            types: PhantomData,
        }
    }

    /// A layer from Keras's `gamma` and `beta` (each `(C,)`; `None` for `scale=False` /
    /// `center=False`) and `epsilon`.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Weight`] naming the variable whose length is not `C`.
    pub fn from_keras(gamma: Option<&[E]>, beta: Option<&[E]>, epsilon: f64) -> Result<Self, ShapeError>
    where
        C: NormGroupsDivideChannels<G>,
    {
        if let Some(g) = gamma {
            check_weight("group_normalization.gamma", &[C::USIZE], g.len())?;
        }
        if let Some(b) = beta {
            check_weight("group_normalization.beta", &[C::USIZE], b.len())?;
        }
        Ok(Self {
            gamma: gamma.map(<[E]>::to_vec),
            beta: beta.map(<[E]>::to_vec),
            epsilon,
            types: PhantomData,
        })
    }

    /// The same layer with another `epsilon`.
    #[must_use]
    pub fn with_epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }
}

impl<E, C, G> GroupNormalization<E, C, G> {
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

    /// `gamma` and `beta`, mutably (training; each `None` when the layer has no such variable).
    pub fn gamma_beta_mut(&mut self) -> (Option<&mut [E]>, Option<&mut [E]>) {
        (self.gamma.as_deref_mut(), self.beta.as_deref_mut())
    }
}

impl<E: Float, C: StaticDim + NormGroupsDivideChannels<G>, G: StaticDim> Default
    for GroupNormalization<E, C, G>
{
    fn default() -> Self {
        Self::new()
    }
}

impl<E, C: StaticDim, G: StaticDim> LayerInfo for GroupNormalization<E, C, G> {
    fn name(&self) -> String {
        format!("GroupNormalization({})", G::USIZE)
    }
    fn param_count(&self) -> usize {
        self.gamma.as_ref().map_or(0, Vec::len) + self.beta.as_ref().map_or(0, Vec::len)
    }
}

impl<E, X, C, G> Layer<Tensor<E, X>> for GroupNormalization<E, C, G>
where
    E: Float,
    C: StaticDim + NormGroupsDivideChannels<G>,
    G: StaticDim,
    X: LastAxis,
    X::Last: NormalizedFeaturesMatch<C>,
{
    type Output = Tensor<E, X>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Tensor<E, X> {
        let (c, g) = (C::USIZE, G::USIZE.max(1));
        let per_group = c / g;
        let steps = X::SAMPLE_LEN / c.max(1);
        let eps: E = num_traits::cast(self.epsilon).unwrap_or_else(E::zero);
        let mut y = ws.copy_of(x);
        for sample in y.as_mut_slice().chunks_exact_mut(X::SAMPLE_LEN.max(1)) {
            for group in 0..g {
                let lanes = group * per_group..(group + 1) * per_group;
                let values = (0..steps).flat_map(|t| lanes.clone().map(move |ch| t * c + ch));
                let (mean, var) = moments(values.clone().map(|i| sample[i]), steps * per_group);
                let rsqrt = E::one() / (var + eps).sqrt();
                for i in values {
                    let ch = i % c;
                    let inv = self.gamma.as_ref().map_or(rsqrt, |gm| rsqrt * gm[ch]);
                    let res = -mean * inv;
                    let res = self.beta.as_ref().map_or(res, |b| res + b[ch]);
                    sample[i] = sample[i] * inv + res;
                }
            }
        }
        y
    }
}
