//! `keepdims=True` for the global poolings: the pooled time axis kept, of length 1.

use core::ops::Mul;

use shaped_shapes::{ChannelsLast, Dim, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned, U1};

use super::{GlobalAveragePooling1D, GlobalMaxPooling1D};
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// A global pooling that keeps the time axis, of length 1: `(batch, length, channels)`
/// becomes `(batch, 1, channels)` (channels-last). Made by
/// [`GlobalAveragePooling1D::keepdims`] or [`GlobalMaxPooling1D::keepdims`]; the values are the
/// pooling's own.
///
/// **Keras equivalent:** `keras.layers.GlobalAveragePooling1D(keepdims=True)`,
/// `GlobalMaxPooling1D(keepdims=True)`. **PyTorch equivalent:** `x.mean(dim=1, keepdim=True)`,
/// `x.amax(dim=1, keepdim=True)`.
///
/// ```
/// use shaped::layers::{pool::GlobalAveragePooling1D, Layer};
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![1, 4, 2]>::from_vec(vec![1., 10., 2., 20., 3., 30., 4., 40.])?;
/// let y: Tensor<f32, shape![1, 1, 2]> = GlobalAveragePooling1D::new().keepdims().forward(&x);
/// assert_eq!(y.as_slice(), &[2.5, 25.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct KeepDims<P>(P);

impl GlobalAveragePooling1D<ChannelsLast> {
    /// The same pooling with `keepdims=True`: output `(batch, 1, channels)`.
    #[must_use]
    pub fn keepdims(self) -> KeepDims<Self> {
        KeepDims(self)
    }
}

impl GlobalMaxPooling1D<ChannelsLast> {
    /// The same pooling with `keepdims=True`: output `(batch, 1, channels)`.
    #[must_use]
    pub fn keepdims(self) -> KeepDims<Self> {
        KeepDims(self)
    }
}

impl<P> KeepDims<P> {
    /// The pooling without `keepdims`.
    pub fn inner(&self) -> &P {
        &self.0
    }
}

impl<P: LayerInfo> LayerInfo for KeepDims<P> {
    fn name(&self) -> String {
        format!("{}(keepdims=True)", self.0.name())
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C, P> Layer<Tensor<E, (B, L, C)>> for KeepDims<P>
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim + Mul<U1>,
    U1: Mul<C>,
    Prod<L, C>: Unsigned,
    Prod<U1, C>: Unsigned,
    P: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, (B, C)>>,
{
    type Output = Tensor<E, (B, U1, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        with_time_axis(self.0.forward_with(x, ws))
    }
}

/// `(batch, C)` as `(batch, 1, C)`: the same elements in the same order, only the type gains
/// the axis of length 1.
pub(super) fn with_time_axis<E, B, C>(pooled: Tensor<E, (B, C)>) -> Tensor<E, (B, U1, C)>
where
    E: Float,
    B: Dim,
    C: StaticDim + Mul<U1>,
    U1: Mul<C>,
    Prod<U1, C>: Unsigned,
{
    let batch = pooled.batch();
    Tensor::from_vec(pooled.into_vec())
        .unwrap_or_else(|e| unreachable!("(batch, 1, C) holds (batch, C)'s {batch} samples: {e}"))
}
