//! `PReLU`: a leaky ReLU whose slopes are learned.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::layer_rules::AlphaAxisFits;
use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{ShapeError, Tensor, Workspace};
use typenum::{Prod, Unsigned};

use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::Float;

/// `relu(x) - alpha * relu(-x)`, with a learned `alpha` of shape `(AL, AC)` for inputs
/// `(batch, steps, channels)`: `AL` is the number of steps, or 1 to share `alpha` over the time
/// axis (Keras `shared_axes=[1]`); `AC` the channels, or 1 to share it over the channels
/// (`shared_axes=[2]`). Both 1 is one slope for everything (`shared_axes=[1, 2]`).
///
/// **Keras equivalent:** `keras.layers.PReLU(alpha_initializer="zeros", shared_axes=None)`; its
/// `alpha` variable has shape `input_shape[1:]` with the shared axes set to 1, exactly `(AL, AC)`.
/// **PyTorch equivalent:** `nn.PReLU(num_parameters=C)` on channels-last data is
/// `PReLU<E, U![1], C>` (shared over time).
///
/// An `alpha` axis that is neither the input's size nor 1 is a compile error.
///
/// ```
/// use shaped::layers::{Layer, PReLU};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// // Keras: PReLU(shared_axes=[1]) on (None, 3, 2), alpha = [[0.1, 0.5]]
/// let prelu = PReLU::<f32, U![1], U![2]>::from_keras(&[0.1, 0.5])?;
/// let x = Tensor::<f32, shape![1, 3, 2]>::from_vec(vec![-1., -1., 2., 2., -4., 4.])?;
/// assert_eq!(prelu.forward(&x).as_slice(), &[-0.1, -0.5, 2., 2., -0.4, 4.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct PReLU<E, AL, AC> {
    alpha: Vec<E>,
    types: PhantomData<fn() -> (AL, AC)>,
}

impl<E: Clone, AL, AC> Clone for PReLU<E, AL, AC> {
    fn clone(&self) -> Self {
        Self { alpha: self.alpha.clone(), types: PhantomData }
    }
}

/// The shape of `alpha`, not its values.
impl<E, AL: StaticDim, AC: StaticDim> core::fmt::Debug for PReLU<E, AL, AC> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PReLU").field("alpha_shape", &(AL::USIZE, AC::USIZE)).finish()
    }
}

impl<E: Float, AL: StaticDim, AC: StaticDim> PReLU<E, AL, AC> {
    /// Keras's initial state: `alpha` zeros (the layer is a ReLU until trained).
    #[must_use]
    pub fn new() -> Self {
        Self { alpha: vec![E::zero(); AL::USIZE * AC::USIZE], types: PhantomData }
    }

    /// A layer from Keras's `alpha` variable, shape `(AL, AC)`, row-major.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Weight`] if `alpha` does not hold `AL * AC` values.
    pub fn from_keras(alpha: &[E]) -> Result<Self, ShapeError> {
        check_weight("p_re_lu.alpha", &[AL::USIZE, AC::USIZE], alpha.len())?;
        Ok(Self { alpha: alpha.to_vec(), types: PhantomData })
    }

    /// `alpha`, `(AL, AC)` row-major.
    #[must_use]
    pub fn alpha(&self) -> &[E] {
        &self.alpha
    }

    /// `alpha`, mutably (training).
    pub fn alpha_mut(&mut self) -> &mut [E] {
        &mut self.alpha
    }
}

impl<E: Float, AL: StaticDim, AC: StaticDim> Default for PReLU<E, AL, AC> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E, AL: StaticDim, AC: StaticDim> LayerInfo for PReLU<E, AL, AC> {
    fn name(&self) -> String {
        "PReLU".to_string()
    }
    fn param_count(&self) -> usize {
        AL::USIZE * AC::USIZE
    }
}

impl<E, AL, AC, B, L, C> Layer<Tensor<E, (B, L, C)>> for PReLU<E, AL, AC>
where
    E: Float,
    AL: StaticDim + AlphaAxisFits<L>,
    AC: StaticDim + AlphaAxisFits<C>,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim,
    Prod<L, C>: Unsigned,
{
    type Output = Tensor<E, (B, L, C)>;

    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let (l, c) = (L::USIZE, C::USIZE);
        let relu = |v: E| if v > E::zero() || v.is_nan() { v } else { E::zero() };
        let mut y = ws.copy_of(x);
        for sample in y.as_mut_slice().chunks_exact_mut((l * c).max(1)) {
            for (t, step) in sample.chunks_exact_mut(c.max(1)).enumerate() {
                let row = if AL::USIZE == 1 { 0 } else { t };
                for (ch, v) in step.iter_mut().enumerate() {
                    let a = self.alpha[row * AC::USIZE + if AC::USIZE == 1 { 0 } else { ch }];
                    // Keras: relu(x) + (-alpha * relu(-x)).
                    *v = relu(*v) + -a * relu(-*v);
                }
            }
        }
        y
    }
}
