//! RepeatVector: a vector repeated into a sequence.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::layer_rules::RepeatsAtLeastOnce;
use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Repeats each `(batch, features)` vector `N` times: `(batch, N, features)`.
///
/// **Keras equivalent:** `keras.layers.RepeatVector(n)` (Keras raises a ValueError for
/// `n <= 0`; here `N = 0` does not compile). **PyTorch equivalent:**
/// `x.unsqueeze(1).repeat(1, n, 1)`.
///
/// ```
/// use shaped::layers::{reshaping::RepeatVector, Layer};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![2, 2]>::from_vec(vec![1., 2., 3., 4.])?;
/// let y: Tensor<f32, shape![2, 3, 2]> = RepeatVector::<U![3]>::new().forward(&x);
/// assert_eq!(y.as_slice(), &[1., 2., 1., 2., 1., 2., 3., 4., 3., 4., 3., 4.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct RepeatVector<N>(PhantomData<fn() -> N>);

impl<N> RepeatVector<N> {
    /// The layer (it has no weights).
    #[must_use]
    pub fn new() -> Self
    where
        N: RepeatsAtLeastOnce,
    {
        Self(PhantomData)
    }
}

impl<N: RepeatsAtLeastOnce> Default for RepeatVector<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<N> Clone for RepeatVector<N> {
    fn clone(&self) -> Self {
        Self(PhantomData)
    }
}

impl<N: Unsigned> core::fmt::Debug for RepeatVector<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.name())
    }
}

impl<N: Unsigned> LayerInfo for RepeatVector<N> {
    fn name(&self) -> String {
        format!("RepeatVector({})", N::USIZE)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, F, N> Layer<Tensor<E, (B, F)>> for RepeatVector<N>
where
    E: Float,
    B: Dim,
    F: StaticDim,
    N: StaticDim + RepeatsAtLeastOnce + Mul<F>,
    Prod<N, F>: Unsigned,
{
    type Output = Tensor<E, (B, N, F)>;
    fn forward_with(&self, x: &Tensor<E, (B, F)>, ws: &mut Workspace) -> Self::Output {
        let f = F::USIZE.max(1);
        let mut y: Tensor<E, (B, N, F)> = ws.tensor_like(x);
        for (dst, src) in y
            .as_mut_slice()
            .chunks_exact_mut(f)
            .zip(x.as_slice().chunks_exact(f).flat_map(|v| core::iter::repeat_n(v, N::USIZE)))
        {
            dst.copy_from_slice(src);
        }
        y
    }
}
