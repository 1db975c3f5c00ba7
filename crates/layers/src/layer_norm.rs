//! `LayerNormalization` on the last axis.

use core::marker::PhantomData;

use shaped_shapes::layer_rules::NormalizedFeaturesMatch;
use shaped_shapes::StaticDim;
use shaped_tensor::{ShapeError, Tensor, Workspace};

use crate::features::LastAxis;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::Float;

/// Normalises each step's `C` features by their own mean and variance, then scales by
/// `gamma` and shifts by `beta` (per feature), in Keras's order of operations:
/// `inv = rsqrt(var + epsilon) * gamma`, `y = x * inv + (beta - mean * inv)`, with `mean` and
/// the biased `var` over the last axis (`tf.nn.moments`).
///
/// **Keras equivalent:** `keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True,
/// scale=True)` (`center=False`/`scale=False`: `beta`/`gamma` given as `None`). **PyTorch
/// equivalent:** `nn.LayerNorm(C, eps=1e-3)` (PyTorch's default epsilon is 1e-5).
///
/// ```
/// use shaped::layers::{Layer, LayerNormalization};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// // Keras's own test: LayerNormalization(beta_initializer="ones", gamma_initializer="ones")
/// // on [[0, 1, 2, 3, 4]] gives [[-0.41386, 0.29307, 1.0, 1.70693, 2.41386]].
/// let ln = LayerNormalization::<f32, U![5]>::from_keras(Some(&[1.0; 5]), Some(&[1.0; 5]), 1e-3)?;
/// let x = Tensor::<f32, shape![1, 5]>::from_vec(vec![0., 1., 2., 3., 4.])?;
/// let y = ln.forward(&x);
/// for (a, b) in y.as_slice().iter().zip([-0.41386, 0.29307, 1.0, 1.70693, 2.41386]) {
///     assert!((a - b).abs() < 1e-5);
/// }
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct LayerNormalization<E, C> {
    gamma: Option<Vec<E>>,
    beta: Option<Vec<E>>,
    epsilon: f64,
    types: PhantomData<fn() -> C>,
}

impl<E: Clone, C> Clone for LayerNormalization<E, C> {
    fn clone(&self) -> Self {
        Self { gamma: self.gamma.clone(), beta: self.beta.clone(), epsilon: self.epsilon, types: PhantomData }
    }
}

/// The configuration, not the variables.
impl<E, C: StaticDim> core::fmt::Debug for LayerNormalization<E, C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LayerNormalization")
            .field("features", &C::USIZE)
            .field("epsilon", &self.epsilon)
            .field("scale", &self.gamma.is_some())
            .field("center", &self.beta.is_some())
            .finish()
    }
}

impl<E: Float, C: StaticDim> LayerNormalization<E, C> {
    /// Keras's initial state: gamma 1, beta 0, epsilon 1e-3.
    #[must_use]
    pub fn new() -> Self {
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
    pub fn from_keras(gamma: Option<&[E]>, beta: Option<&[E]>, epsilon: f64) -> Result<Self, ShapeError> {
        if let Some(g) = gamma {
            check_weight("layer_normalization.gamma", &[C::USIZE], g.len())?;
        }
        if let Some(b) = beta {
            check_weight("layer_normalization.beta", &[C::USIZE], b.len())?;
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

impl<E: Float, C: StaticDim> Default for LayerNormalization<E, C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E, C: StaticDim> LayerInfo for LayerNormalization<E, C> {
    fn name(&self) -> String {
        "LayerNormalization".to_string()
    }
    fn param_count(&self) -> usize {
        self.gamma.as_ref().map_or(0, Vec::len) + self.beta.as_ref().map_or(0, Vec::len)
    }
}

/// Mean and biased variance of `values` (`tf.nn.moments`: the mean, then the mean of the
/// squared differences from it).
pub(crate) fn moments<E: Float>(values: impl Iterator<Item = E> + Clone, n: usize) -> (E, E) {
    let count: E = num_traits::cast(n.max(1)).unwrap_or_else(E::one);
    let mean = values.clone().fold(E::zero(), |a, v| a + v) / count;
    let var = values.fold(E::zero(), |a, v| a + (v - mean) * (v - mean)) / count;
    (mean, var)
}

impl<E, X, C> Layer<Tensor<E, X>> for LayerNormalization<E, C>
where
    E: Float,
    C: StaticDim,
    X: LastAxis,
    X::Last: NormalizedFeaturesMatch<C>,
{
    type Output = Tensor<E, X>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Tensor<E, X> {
        let c = C::USIZE;
        let eps: E = num_traits::cast(self.epsilon).unwrap_or_else(E::zero);
        let mut y = ws.copy_of(x);
        for row in y.as_mut_slice().chunks_exact_mut(c.max(1)) {
            let (mean, var) = moments(row.iter().copied(), c);
            let rsqrt = E::one() / (var + eps).sqrt();
            for (i, v) in row.iter_mut().enumerate() {
                let inv = self.gamma.as_ref().map_or(rsqrt, |g| rsqrt * g[i]);
                let res = -mean * inv;
                let res = self.beta.as_ref().map_or(res, |b| res + b[i]);
                *v = *v * inv + res;
            }
        }
        y
    }
}
