//! Flatten and Reshape.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::rules::SameElementCount;
use shaped_shapes::{ChannelsFirstShape, Dim, Shape, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned};

use super::marker_layer;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Flattens each sample in row-major order: `(batch, length, channels)` becomes
/// `(batch, length * channels)`.
///
/// **Keras equivalent:** `keras.layers.Flatten()` on channels-last data (the same order as
/// numpy's `reshape`). **PyTorch equivalent:** `nn.Flatten()`, which on channels-first data
/// gives a different order: flatten a channels-first tensor only after swapping its axes.
///
/// ```
/// use shaped::layers::{Layer, reshaping::Flatten};
/// use shaped::shapes::shape;
/// use shaped::tensor::{Tensor, Workspace};
/// let x = Tensor::<f32, shape![2, 37, 32]>::zeros();
/// let y: Tensor<f32, shape![2, 1184]> = Flatten::new().forward(&x);
/// ```
pub struct Flatten(PhantomData<()>);
marker_layer!(Flatten);

impl LayerInfo for Flatten {
    fn name(&self) -> String {
        "Flatten".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, L, C> Layer<Tensor<E, (B, L, C)>> for Flatten
where
    E: Float,
    B: Dim,
    L: StaticDim + Mul<C>,
    C: StaticDim,
    Prod<L, C>: StaticDim,
    (B, L, C): Shape,
{
    type Output = Tensor<E, (B, Prod<L, C>)>;
    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        ws.copy_of(x).flatten()
    }
}

/// Channels-first data flattens in memory order, `(batch, channels * steps)`, as PyTorch's
/// `nn.Flatten()` does.
impl<E, B, C, L> Layer<Tensor<E, ChannelsFirstShape<B, C, L>>> for Flatten
where
    E: Float,
    B: Dim,
    C: StaticDim + Mul<L>,
    L: StaticDim,
    Prod<C, L>: StaticDim,
    ChannelsFirstShape<B, C, L>: Shape,
{
    type Output = Tensor<E, (B, Prod<C, L>)>;
    fn forward_with(&self, x: &Tensor<E, ChannelsFirstShape<B, C, L>>, ws: &mut Workspace) -> Self::Output {
        ws.copy_of(x).flatten()
    }
}

/// Reinterprets each sample with the target sample shape `T`, a tuple without the batch:
/// `Reshape<(U![4], U![6])>` is Keras's `Reshape((4, 6))`.
///
/// **Keras equivalent:** `keras.layers.Reshape(target_shape)`. The number of elements per
/// sample must stay the same, checked at compile time.
///
/// ```
/// use shaped::layers::{Layer, reshaping::Reshape};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::{Tensor, Workspace};
/// let x = Tensor::<f32, shape![3, 24]>::zeros();
/// let y: Tensor<f32, shape![3, 4, 6]> = Reshape::<(U![4], U![6])>::new().forward(&x);
/// ```
pub struct Reshape<T>(PhantomData<fn() -> T>);
marker_layer!(Reshape<T>);

/// A target sample shape: `(N,)` or `(L, C)`.
pub trait TargetShape {
    /// The full shape with batch `B`.
    type With<B: Dim>: Shape<Batch = B>;
    /// Dimensions, for the summary.
    const DIMS: &'static [usize];
}

impl<N: StaticDim> TargetShape for (N,) {
    type With<B: Dim> = (B, N);
    const DIMS: &'static [usize] = &[N::USIZE];
}

impl<L: StaticDim + Mul<C>, C: StaticDim> TargetShape for (L, C)
where
    Prod<L, C>: Unsigned,
{
    type With<B: Dim> = (B, L, C);
    const DIMS: &'static [usize] = &[L::USIZE, C::USIZE];
}

impl<T: TargetShape> LayerInfo for Reshape<T> {
    fn name(&self) -> String {
        format!("Reshape({:?})", T::DIMS)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, X, T> Layer<Tensor<E, X>> for Reshape<T>
where
    E: Float,
    X: Shape,
    T: TargetShape,
    X::Sample: SameElementCount<<T::With<X::Batch> as Shape>::Sample>,
{
    type Output = Tensor<E, T::With<X::Batch>>;
    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        ws.copy_of(x).reshape()
    }
}
