//! Permute: reorders the non-batch axes.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned, U1, U2};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Reorders the axes of `(batch, steps, channels)`: `Permute<(U![2], U![1])>` swaps them,
/// giving `(batch, channels, steps)` (Keras's `dims` are 1-based and leave out the batch);
/// `Permute<(U![1], U![2])>` is the identity. The permutation is a type, so the output
/// shape is one too.
///
/// **Keras equivalent:** `keras.layers.Permute((2, 1))`. **PyTorch equivalent:**
/// `x.permute(0, 2, 1)`.
///
/// ```
/// use shaped::layers::{reshaping::Permute, Layer};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![1, 3, 2]>::from_vec(vec![1., 2., 3., 4., 5., 6.])?;
/// let y: Tensor<f32, shape![1, 2, 3]> = Permute::<(U![2], U![1])>::new().forward(&x);
/// assert_eq!(y.as_slice(), &[1., 3., 5., 2., 4., 6.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// Only permutations of `(1, 2)` exist for sequences:
///
/// ```compile_fail
/// use shaped::prelude::*;
/// use shaped::layers::reshaping::Permute;
/// let x = Tensor::<f32, shape![1, 3, 2]>::zeros();
/// let _ = Permute::<(U![2], U![2])>::new().forward(&x);
/// ```
pub struct Permute<Dims>(PhantomData<fn() -> Dims>);

super::marker_layer!(Permute<Dims>);

/// A permutation of the axes of `(steps, channels)`, in Keras's 1-based `dims`.
pub trait SequencePermutation {
    /// Keras's `dims`.
    const DIMS: (usize, usize);
}
impl SequencePermutation for (U1, U2) {
    const DIMS: (usize, usize) = (1, 2);
}
impl SequencePermutation for (U2, U1) {
    const DIMS: (usize, usize) = (2, 1);
}

impl<Dims: SequencePermutation> LayerInfo for Permute<Dims> {
    fn name(&self) -> String {
        format!("Permute({:?})", Dims::DIMS)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C> Layer<Tensor<E, (B, L, C)>> for Permute<(U2, U1)>
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim + Mul<L>,
    Prod<L, C>: Unsigned,
    Prod<C, L>: Unsigned,
{
    type Output = Tensor<E, (B, C, L)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let (l, c) = (L::USIZE, C::USIZE);
        let mut y: Tensor<E, (B, C, L)> = ws.tensor_like(x);
        let sample = (l * c).max(1);
        for (dst, src) in y.as_mut_slice().chunks_exact_mut(sample).zip(x.as_slice().chunks_exact(sample)) {
            for t in 0..l {
                for ch in 0..c {
                    dst[ch * l + t] = src[t * c + ch];
                }
            }
        }
        y
    }
}

impl<E, B, L, C> Layer<Tensor<E, (B, L, C)>> for Permute<(U1, U2)>
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim,
    Prod<L, C>: Unsigned,
{
    type Output = Tensor<E, (B, L, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        ws.copy_of(x)
    }
}
