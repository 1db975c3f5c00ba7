//! ZeroPadding1D and Cropping1D.

use core::marker::PhantomData;
use core::ops::{Add, Mul};

use shaped_shapes::layer_rules::CroppingLeavesSteps;
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Sum, Unsigned};

use super::marker_layer;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Adds `Left` zero steps before and `Right` after each sequence: `(B, L, C)` becomes
/// `(B, Left + L + Right, C)`.
///
/// **Keras equivalent:** `keras.layers.ZeroPadding1D(padding=(left, right))`.
///
/// ```
/// use shaped::layers::{Layer, reshaping::ZeroPadding1D};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::{Tensor, Workspace};
/// let x = Tensor::<f32, shape![1, 2, 1]>::from_vec(vec![1.0, 2.0])?;
/// let y: Tensor<f32, shape![1, 5, 1]> = ZeroPadding1D::<U![1], U![2]>::new().forward(&x);
/// assert_eq!(y.as_slice(), &[0.0, 1.0, 2.0, 0.0, 0.0]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct ZeroPadding1D<Left, Right = Left>(PhantomData<fn() -> (Left, Right)>);
marker_layer!(ZeroPadding1D<Left, Right>);

impl<Left: Unsigned, Right: Unsigned> LayerInfo for ZeroPadding1D<Left, Right> {
    fn name(&self) -> String {
        format!("ZeroPadding1D(({}, {}))", Left::USIZE, Right::USIZE)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C, Left, Right> Layer<Tensor<E, (B, L, C)>> for ZeroPadding1D<Left, Right>
where
    E: Float,
    B: Dim,
    L: StaticDim + Add<Left>,
    C: StaticDim,
    Left: Unsigned,
    Right: Unsigned,
    Sum<L, Left>: Add<Right>,
    Sum<Sum<L, Left>, Right>: StaticDim + Mul<C>,
    Prod<Sum<Sum<L, Left>, Right>, C>: Unsigned,
    (B, L, C): Shape<Batch = B>,
{
    type Output = Tensor<E, (B, Sum<Sum<L, Left>, Right>, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let mut y = ws.zeros_like(x);
        let c = C::USIZE;
        let (inner, outer) = (L::USIZE * c, <Sum<Sum<L, Left>, Right> as Unsigned>::USIZE * c);
        for (src, dst) in
            x.as_slice().chunks_exact(inner.max(1)).zip(y.as_mut_slice().chunks_exact_mut(outer.max(1)))
        {
            dst[Left::USIZE * c..Left::USIZE * c + inner].copy_from_slice(src);
        }
        y
    }
}

/// Removes `Left` steps from the start and `Right` from the end of each sequence:
/// `(B, L, C)` becomes `(B, L - Left - Right, C)`; at least one step must remain.
///
/// **Keras equivalent:** `keras.layers.Cropping1D(cropping=(left, right))`.
///
/// ```
/// use shaped::layers::{Layer, reshaping::Cropping1D};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::{Tensor, Workspace};
/// let x = Tensor::<f32, shape![1, 5, 1]>::from_vec(vec![1., 2., 3., 4., 5.])?;
/// let y: Tensor<f32, shape![1, 2, 1]> = Cropping1D::<U![2], U![1]>::new().forward(&x);
/// assert_eq!(y.as_slice(), &[3., 4.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Cropping1D<Left, Right = Left>(PhantomData<fn() -> (Left, Right)>);

/// The length `L` leaves after cropping `Left` and `Right` steps (the rule
/// [`CroppingLeavesSteps`] computes it).
type Cropped<L, Left, Right> = <L as CroppingLeavesSteps<Sum<Left, Right>>>::Output;
marker_layer!(Cropping1D<Left, Right>);

impl<Left: Unsigned, Right: Unsigned> LayerInfo for Cropping1D<Left, Right> {
    fn name(&self) -> String {
        format!("Cropping1D(({}, {}))", Left::USIZE, Right::USIZE)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C, Left, Right> Layer<Tensor<E, (B, L, C)>> for Cropping1D<Left, Right>
where
    E: Float,
    B: Dim,
    L: StaticDim + CroppingLeavesSteps<Sum<Left, Right>>,
    C: StaticDim,
    Left: Unsigned + Add<Right>,
    Right: Unsigned,
    Cropped<L, Left, Right>: StaticDim + Mul<C>,
    Prod<Cropped<L, Left, Right>, C>: Unsigned,
    (B, L, C): Shape<Batch = B>,
{
    type Output = Tensor<E, (B, Cropped<L, Left, Right>, C)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let mut y = ws.zeros_like(x);
        let c = C::USIZE;
        let (inner, outer) = (<Cropped<L, Left, Right> as Unsigned>::USIZE * c, L::USIZE * c);
        for (src, dst) in
            x.as_slice().chunks_exact(outer.max(1)).zip(y.as_mut_slice().chunks_exact_mut(inner.max(1)))
        {
            dst.copy_from_slice(&src[Left::USIZE * c..Left::USIZE * c + inner]);
        }
        y
    }
}
