//! UpSampling1D.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::layer_rules::SizeAtLeastOne;
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Repeats each time step `Size` times: `(B, L, C)` becomes `(B, L * Size, C)`.
///
/// **Keras equivalent:** `keras.layers.UpSampling1D(size)`.
///
/// ```
/// use shaped::layers::{Layer, reshaping::UpSampling1D};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::{Tensor, Workspace};
/// let x = Tensor::<f32, shape![1, 2, 1]>::from_vec(vec![1.0, 2.0])?;
/// let y: Tensor<f32, shape![1, 6, 1]> = UpSampling1D::<U![3]>::new().forward(&x);
/// assert_eq!(y.as_slice(), &[1., 1., 1., 2., 2., 2.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct UpSampling1D<Size>(PhantomData<fn() -> Size>);

impl<Size> UpSampling1D<Size> {
    /// The layer (it has no weights).
    #[must_use]
    pub fn new() -> Self
    where
        Size: SizeAtLeastOne,
    {
        Self(PhantomData)
    }
}

impl<Size: SizeAtLeastOne> Default for UpSampling1D<Size> {
    fn default() -> Self {
        Self::new()
    }
}

impl<Size> Clone for UpSampling1D<Size> {
    fn clone(&self) -> Self {
        Self(PhantomData)
    }
}

impl<Size: Unsigned> core::fmt::Debug for UpSampling1D<Size> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.name())
    }
}

impl<Size: Unsigned> LayerInfo for UpSampling1D<Size> {
    fn name(&self) -> String {
        format!("UpSampling1D({})", Size::USIZE)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C, Size> Layer<Tensor<E, (B, L, C)>> for UpSampling1D<Size>
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<Size>,
    C: StaticDim,
    Size: Unsigned + SizeAtLeastOne,
    Prod<L, Size>: StaticDim + Mul<C>,
    Prod<Prod<L, Size>, C>: Unsigned,
    (B, L, C): Shape<Batch = B>,
{
    type Output = Tensor<E, (B, Prod<L, Size>, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let mut y = ws.zeros_like(x);
        let c = C::USIZE.max(1);
        for (dst, src) in y
            .as_mut_slice()
            .chunks_exact_mut(c)
            .zip(x.as_slice().chunks_exact(c).flat_map(|step| core::iter::repeat_n(step, Size::USIZE)))
        {
            dst.copy_from_slice(src);
        }
        y
    }
}
