//! The rules Conv1D's type arguments obey, named once: the two bound bundles that the layer's
//! constructors, its forward pass, the weight readers and the training code share.

use shaped_kernels::Conv1dSpec;
use shaped_shapes::rules::{AtLeastOne, GroupsDivideChannels, GroupsDivideFilters};
use shaped_shapes::{DataFormat, Padding, StaticDim};

use super::Conv1D;

/// Conv1D's type arguments read as what they stand for: `Cin`, `F`, `K`, `S`, `D` and `G`
/// numbers known at compile time (`U![n]`), `P` a padding and `Fmt` a data format. What the
/// forward pass and the summary need; it says nothing about their values (see
/// [`ValidConv1dArgs`]).
///
/// ```
/// use shaped::layers::{Conv1D, Conv1dArgs};
/// use shaped::shapes::{Same, U};
/// type Conv = Conv1D<f32, U![4], U![8], U![3], U![2], Same>;
/// assert_eq!((<Conv as Conv1dArgs>::SPEC.kernel_size, <Conv as Conv1dArgs>::SPEC.stride), (3, 2));
/// ```
pub trait Conv1dArgs {
    /// The arguments as plain numbers, for the kernels (with a linear activation).
    const SPEC: Conv1dSpec;
    /// The padding, `P`.
    type Padding: Padding;
    /// The data format, `Fmt`.
    type Format: DataFormat;
}

impl<E, Cin, F, K, S, P, D, G, Fmt> Conv1dArgs for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    Cin: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    G: StaticDim,
    P: Padding,
    Fmt: DataFormat,
{
    const SPEC: Conv1dSpec = Conv1dSpec {
        in_channels: Cin::USIZE,
        filters: F::USIZE,
        kernel_size: K::USIZE,
        stride: S::USIZE,
        dilation: D::USIZE,
        groups: G::USIZE,
        activation: shaped_kernels::Activation::Linear,
    };
    type Padding = P;
    type Format = Fmt;
}

/// Every rule Keras checks when it builds a `Conv1D`: `filters`, `kernel_size`, `strides`,
/// `dilation_rate` and `groups` at least 1, and `groups` dividing both the input channels and
/// the filters. The constructors require it, so a layer with such an argument is refused where
/// it is built, with the rule's own message, and nowhere else.
///
/// ```compile_fail
/// use shaped::layers::Conv1D;
/// use shaped::shapes::U;
/// // groups=3 does not divide 16 input channels: refused here, at `new`.
/// let conv: Conv1D<f32, U![16], U![12], U![3], U![1], shaped::shapes::Valid, U![1], U![3]> = Conv1D::new(0);
/// ```
pub trait ValidConv1dArgs: Conv1dArgs {}

impl<E, Cin, F, K, S, P, D, G, Fmt> ValidConv1dArgs for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    Self: Conv1dArgs,
    Cin: GroupsDivideChannels<G>,
    F: AtLeastOne + GroupsDivideFilters<G>,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    G: AtLeastOne,
{
}
