//! Merging branches: Add, Multiply, Concatenate, and the residual connection.

use core::marker::PhantomData;
use core::ops::{Add as AddOp, Mul};

use shaped_shapes::layer_rules::{DimsAgree, SameShape};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::{ShapeError, Tensor};
use typenum::{Prod, Sum, Unsigned};

use crate::layer::{Layer, LayerInfo, TypeShape};
use crate::reshaping::marker_layer;
use crate::Float;

/// Checks that two branches to be merged hold the same number of samples. Their other
/// dimensions agree by type; only a run-time ([`shaped_shapes::Dyn`]) batch can differ, when the
/// two tensors did not come from the same input.
///
/// ```
/// use shaped_layers::merge::check_batches;
/// use shaped_shapes::{shape, Dyn};
/// use shaped_tensor::{ShapeError, Tensor};
/// let a = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(3)?;
/// let b = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(2)?;
/// assert_eq!(check_batches(&a, &b).unwrap_err().to_string(), "expected a batch of 3 samples, got 2");
/// # Ok::<(), shaped_tensor::ShapeError>(())
/// ```
pub fn check_batches<E: Float, S: Shape, S2: Shape>(
    a: &Tensor<E, S>,
    b: &Tensor<E, S2>,
) -> Result<(), ShapeError> {
    if a.batch() == b.batch() {
        Ok(())
    } else {
        Err(ShapeError::Batch { expected: a.batch(), actual: b.batch() })
    }
}

fn assert_batches(a: usize, b: usize) {
    assert!(a == b, "merging branches of {a} and {b} samples: both inputs must hold the same batch");
}

macro_rules! elementwise_merge {
    ($(#[$doc:meta])* $name:ident, $keras:literal, $op:expr) => {
        $(#[$doc])*
        pub struct $name(PhantomData<()>);
        marker_layer!($name<>);

        impl LayerInfo for $name {
            fn name(&self) -> String {
                $keras.to_string()
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl<E: Float, S: Shape, S2: Shape> Layer<(Tensor<E, S>, Tensor<E, S2>)> for $name
        where
            S2: SameShape<S>,
        {
            type Output = Tensor<E, S>;
            /// # Panics
            ///
            /// When the two inputs have run-time batches of different sizes (their other
            /// dimensions agree by type); [`check_batches`] tells before.
            fn forward(&self, (a, b): &(Tensor<E, S>, Tensor<E, S2>)) -> Tensor<E, S> {
                assert_batches(a.batch(), b.batch());
                let mut y = a.clone();
                let op = $op;
                // Same shapes (by the bound above); a run-time batch could still differ.
                for (v, &w) in y.as_mut_slice().iter_mut().zip(b.as_slice()) {
                    *v = op(*v, w);
                }
                y
            }
        }
    };
}

elementwise_merge! {
    /// Elementwise sum of two branches of the same shape.
    ///
    /// **Keras equivalent:** `keras.layers.Add()([a, b])`. Branches of different shapes do not
    /// compile (Keras raises "Inputs have incompatible shapes").
    Add, "Add", |a: E, b: E| a + b
}

elementwise_merge! {
    /// Elementwise product of two branches of the same shape.
    ///
    /// **Keras equivalent:** `keras.layers.Multiply()([a, b])`.
    Multiply, "Multiply", |a: E, b: E| a * b
}

/// The channel axis (Keras `axis=-1` on channels-last data).
#[derive(Clone, Copy, Debug, Default)]
pub struct ChannelAxis;
/// The time axis (Keras `axis=1` on channels-last data).
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeAxis;

/// Joins two branches along an axis: [`ChannelAxis`] (default) or [`TimeAxis`]; the other axes
/// must agree at compile time.
///
/// **Keras equivalent:** `keras.layers.Concatenate(axis=-1)` / `axis=1`.
///
/// ```
/// use shaped_layers::{merge::Concatenate, Layer};
/// use shaped_shapes::shape;
/// use shaped_tensor::{ShapeError, Tensor};
/// let a = Tensor::<f32, shape![2, 10, 3]>::zeros();
/// let b = Tensor::<f32, shape![2, 10, 5]>::zeros();
/// let y: Tensor<f32, shape![2, 10, 8]> = Concatenate::new().forward(&(a, b));
/// ```
pub struct Concatenate<Axis = ChannelAxis>(PhantomData<fn() -> Axis>);
marker_layer!(Concatenate<Axis>);

impl LayerInfo for Concatenate<ChannelAxis> {
    fn name(&self) -> String {
        "Concatenate(axis=-1)".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl LayerInfo for Concatenate<TimeAxis> {
    fn name(&self) -> String {
        "Concatenate(axis=1)".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E, B, B2, L, L2, C1, C2> Layer<(Tensor<E, (B, L, C1)>, Tensor<E, (B2, L2, C2)>)>
    for Concatenate<ChannelAxis>
where
    E: Float,
    B: Dim,
    B2: Dim + SameShape<B>,
    L: StaticDim + Mul<C1> + Mul<C2> + Mul<Sum<C1, C2>>,
    L2: StaticDim + DimsAgree<L> + Mul<C2>,
    C1: StaticDim + AddOp<C2>,
    C2: StaticDim,
    Sum<C1, C2>: StaticDim,
    Prod<L, C1>: Unsigned,
    Prod<L, C2>: Unsigned,
    Prod<L2, C2>: Unsigned,
    Prod<L, Sum<C1, C2>>: Unsigned,
{
    type Output = Tensor<E, (B, L, Sum<C1, C2>)>;
    fn forward(&self, (a, b): &(Tensor<E, (B, L, C1)>, Tensor<E, (B2, L2, C2)>)) -> Self::Output {
        assert_batches(a.batch(), b.batch());
        let mut y = Tensor::zeros_batch_like(a);
        let (c1, c2) = (C1::USIZE, C2::USIZE);
        let rows = y.as_mut_slice().chunks_exact_mut((c1 + c2).max(1));
        for ((dst, x1), x2) in
            rows.zip(a.as_slice().chunks_exact(c1.max(1))).zip(b.as_slice().chunks_exact(c2.max(1)))
        {
            dst[..c1].copy_from_slice(x1);
            dst[c1..].copy_from_slice(x2);
        }
        y
    }
}

impl<E, B, B2, L1, L2, C, C2> Layer<(Tensor<E, (B, L1, C)>, Tensor<E, (B2, L2, C2)>)>
    for Concatenate<TimeAxis>
where
    E: Float,
    B: Dim,
    B2: Dim + SameShape<B>,
    L1: StaticDim + Mul<C> + AddOp<L2>,
    L2: StaticDim + Mul<C>,
    C: StaticDim,
    C2: StaticDim + DimsAgree<C>,
    Sum<L1, L2>: StaticDim + Mul<C>,
    Prod<L1, C>: Unsigned,
    Prod<L2, C>: Unsigned,
    Prod<L2, C2>: Unsigned,
    L2: Mul<C2>,
    Prod<Sum<L1, L2>, C>: Unsigned,
{
    type Output = Tensor<E, (B, Sum<L1, L2>, C)>;
    fn forward(&self, (a, b): &(Tensor<E, (B, L1, C)>, Tensor<E, (B2, L2, C2)>)) -> Self::Output {
        assert_batches(a.batch(), b.batch());
        let mut y = Tensor::zeros_batch_like(a);
        let (n1, n2) = (L1::USIZE * C::USIZE, L2::USIZE * C::USIZE);
        let rows = y.as_mut_slice().chunks_exact_mut((n1 + n2).max(1));
        for ((dst, x1), x2) in
            rows.zip(a.as_slice().chunks_exact(n1.max(1))).zip(b.as_slice().chunks_exact(n2.max(1)))
        {
            dst[..n1].copy_from_slice(x1);
            dst[n1..].copy_from_slice(x2);
        }
        y
    }
}

/// A residual connection: `y = x + branch(x)`. The branch must give back the input's shape,
/// so a branch that changes the length or the channels does not compile.
///
/// **Keras equivalent:** the functional-API pattern `y = Add()([x, branch(x)])`.
///
/// ```
/// use shaped_layers::{merge::Residual, Conv1D, Layer};
/// use shaped_shapes::{shape, Same, U};
/// use shaped_tensor::{ShapeError, Tensor};
/// let block = Residual::new(Conv1D::<f32, U![8], U![8], U![3], U![1], Same>::new(0));
/// let x = Tensor::<f32, shape![2, 50, 8]>::zeros();
/// let y: Tensor<f32, shape![2, 50, 8]> = block.forward(&x);
/// ```
#[derive(Clone, Debug)]
pub struct Residual<Branch> {
    branch: Branch,
}

impl<Branch> Residual<Branch> {
    /// Wraps the branch.
    pub fn new(branch: Branch) -> Self {
        Self { branch }
    }
}

impl<Branch: LayerInfo> LayerInfo for Residual<Branch> {
    fn name(&self) -> String {
        format!("Residual({})", self.branch.name())
    }
    fn param_count(&self) -> usize {
        self.branch.param_count()
    }
}

impl<E, S, S2, Branch> Layer<Tensor<E, S>> for Residual<Branch>
where
    E: Float,
    S: Shape,
    S2: Shape + SameShape<S>,
    Branch: Layer<Tensor<E, S>, Output = Tensor<E, S2>>,
    Tensor<E, S2>: TypeShape,
{
    type Output = Tensor<E, S>;
    fn forward(&self, x: &Tensor<E, S>) -> Tensor<E, S> {
        let b = self.branch.forward(x);
        Add::new().forward(&(x.clone(), b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{shape, Dyn};
    #[test]
    #[should_panic(expected = "merging branches of 3 and 2 samples")]
    fn merging_run_time_batches_of_different_sizes_panics_with_a_message() {
        let a = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(3).unwrap();
        let b = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(2).unwrap();
        let _ = Add::new().forward(&(a, b));
    }
}
