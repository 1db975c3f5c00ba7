//! Graph combinators: a fork that feeds one input to several branches, the identity, and
//! residual blocks with an identity or a projection shortcut.
//!
//! With the merges of [`crate::merge`] and tuples (which chain), they build any
//! series-parallel graph as one type, nested without limit: every shape in it is checked by the
//! compiler, and `forward_with` runs it on buffers from a workspace.

use shaped_tensor::{Tensor, Workspace};

use crate::layer::{Layer, LayerInfo, SummaryRow, TypeShape};
use crate::merge::Add;
use crate::reshaping::marker_layer;
use crate::Float;
use shaped_shapes::Shape;

/// The identity layer: returns its input (a copy). The shortcut of an identity residual.
///
/// **Keras equivalent:** `keras.layers.Identity()`.
pub struct Identity(core::marker::PhantomData<()>);
marker_layer!(Identity);

impl LayerInfo for Identity {
    fn name(&self) -> String {
        "Identity".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float, S: Shape> Layer<Tensor<E, S>> for Identity {
    type Output = Tensor<E, S>;
    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Tensor<E, S> {
        ws.copy_of(x)
    }
}

/// Feeds one input to every branch of a tuple and yields their outputs together, as a tuple
/// (which a merge then takes).
///
/// **Keras equivalent:** calling several layers on the same tensor,
/// `[branch(x) for branch in branches]`; e.g. an Inception module's parallel convolutions.
///
/// ```
/// use shaped::layers::{graph::Fork, merge::Concatenate, Conv1D, Layer, Sequential};
/// use shaped::shapes::{shape, Dyn, Same, U};
/// use shaped::tensor::Tensor;
/// type X = Tensor<f32, shape![Dyn, 50, 4]>;
/// let inception = Sequential::<X, _>::new((
///     Fork::new((
///         Conv1D::<f32, U![4], U![8], U![9], U![1], Same>::new(0),
///         Conv1D::<f32, U![4], U![8], U![19], U![1], Same>::new(1),
///         Conv1D::<f32, U![4], U![8], U![39], U![1], Same>::new(2),
///     )),
///     Concatenate::new(),
/// ));
/// let y: Tensor<f32, shape![Dyn, 50, 24]> = inception.forward(&X::zeros_with_batch(2)?);
/// assert_eq!(inception.param_count(), 8 * 4 * (9 + 19 + 39) + 3 * 8);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Fork<Branches> {
    branches: Branches,
}

impl<Branches> Fork<Branches> {
    /// A fork over a tuple of two to eight branches (each a layer, a chain or a graph).
    pub fn new(branches: Branches) -> Self {
        Self { branches }
    }

    /// The branches.
    pub fn branches(&self) -> &Branches {
        &self.branches
    }

    /// The branches, mutably (to load weights).
    pub fn branches_mut(&mut self) -> &mut Branches {
        &mut self.branches
    }
}

macro_rules! fork_arity {
    ($($B:ident $b:ident),+) => {
        impl<$($B: LayerInfo),+> LayerInfo for Fork<($($B,)+)> {
            fn name(&self) -> String {
                let ($($b,)+) = &self.branches;
                let names: Vec<String> = vec![$($b.name()),+];
                format!("Fork({})", names.join(", "))
            }
            fn param_count(&self) -> usize {
                let ($($b,)+) = &self.branches;
                0 $(+ $b.param_count())+
            }
        }

        impl<X, $($B),+> Layer<X> for Fork<($($B,)+)>
        where
            $($B: Layer<X>, $B::Output: TypeShape,)+
        {
            type Output = ($($B::Output,)+);
            fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
                let ($($b,)+) = &self.branches;
                ($($b.forward_with(x, ws),)+)
            }
            fn summarize(&self, rows: &mut Vec<SummaryRow>) {
                let ($($b,)+) = &self.branches;
                $($b.summarize(rows);)+
            }
        }
    };
}

fork_arity!(B0 b0, B1 b1);
fork_arity!(B0 b0, B1 b1, B2 b2);
fork_arity!(B0 b0, B1 b1, B2 b2, B3 b3);
fork_arity!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4);
fork_arity!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5);
fork_arity!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5, B6 b6);
fork_arity!(B0 b0, B1 b1, B2 b2, B3 b3, B4 b4, B5 b5, B6 b6, B7 b7);

/// A residual block: `y = shortcut(x) + branch(x)`, with an identity shortcut
/// ([`Residual::new`]) or a projection ([`Residual::with_shortcut`], e.g. a 1x1 Conv1D and a
/// BatchNormalization when the branch changes the channels). The two must give the same
/// shape, so a branch that changes the length, or a projection to other channels than the
/// branch's, does not compile.
///
/// **Keras equivalent:** the functional-API pattern `y = Add()([shortcut(x), branch(x)])`.
///
/// ```
/// use shaped::layers::{graph::Residual, BatchNormalization, Conv1D, Layer};
/// use shaped::shapes::{shape, Same, U};
/// use shaped::tensor::Tensor;
/// // Identity shortcut: the branch keeps 8 channels.
/// let block = Residual::new(Conv1D::<f32, U![8], U![8], U![3], U![1], Same>::new(0));
/// let y: Tensor<f32, shape![2, 50, 8]> = block.forward(&Tensor::<f32, shape![2, 50, 8]>::zeros());
/// // Projection shortcut: 8 -> 16 channels on both paths.
/// let block = Residual::with_shortcut(
///     Conv1D::<f32, U![8], U![16], U![3], U![1], Same>::new(1),
///     (Conv1D::<f32, U![8], U![16], U![1], U![1], Same>::new(2), BatchNormalization::<f32, U![16]>::new()),
/// );
/// let y: Tensor<f32, shape![2, 50, 16]> = block.forward(&Tensor::<f32, shape![2, 50, 8]>::zeros());
/// ```
#[derive(Clone, Debug)]
pub struct Residual<Branch, Shortcut = Identity> {
    branch: Branch,
    shortcut: Shortcut,
}

impl<Branch> Residual<Branch> {
    /// A residual block with an identity shortcut: `y = x + branch(x)`.
    pub fn new(branch: Branch) -> Self {
        Self { branch, shortcut: Identity::new() }
    }
}

impl<Branch, Shortcut> Residual<Branch, Shortcut> {
    /// A residual block with a projection shortcut: `y = shortcut(x) + branch(x)`.
    pub fn with_shortcut(branch: Branch, shortcut: Shortcut) -> Self {
        Self { branch, shortcut }
    }

    /// The branch.
    pub fn branch(&self) -> &Branch {
        &self.branch
    }

    /// The shortcut.
    pub fn shortcut(&self) -> &Shortcut {
        &self.shortcut
    }

    /// Branch and shortcut, mutably (to load weights).
    pub fn parts_mut(&mut self) -> (&mut Branch, &mut Shortcut) {
        (&mut self.branch, &mut self.shortcut)
    }
}

impl<Branch: LayerInfo, Shortcut: LayerInfo> LayerInfo for Residual<Branch, Shortcut> {
    fn name(&self) -> String {
        format!("Residual({})", self.branch.name())
    }
    fn param_count(&self) -> usize {
        self.branch.param_count() + self.shortcut.param_count()
    }
}

impl<X, Branch, Shortcut> Layer<X> for Residual<Branch, Shortcut>
where
    Branch: Layer<X>,
    Shortcut: Layer<X>,
    Branch::Output: TypeShape,
    Shortcut::Output: TypeShape,
    Add: for<'a> Layer<(&'a Shortcut::Output, &'a Branch::Output), Output = Shortcut::Output>,
{
    type Output = Shortcut::Output;
    fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
        let s = self.shortcut.forward_with(x, ws);
        let b = self.branch.forward_with(x, ws);
        let y = Add::new().forward_with(&(&s, &b), ws);
        ws.give((s, b));
        y
    }
    fn summarize(&self, rows: &mut Vec<SummaryRow>) {
        self.branch.summarize(rows);
        self.shortcut.summarize(rows);
    }
}
