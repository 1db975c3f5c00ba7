//! Depthwise and separable convolutions, built on [`Conv1D`] with groups, in either data format.
//!
//! Both layers check Keras's rules in their own words (the [`ValidDepthwiseArgs`] and
//! [`ValidSeparableArgs`] bundles on their constructors, [`DepthwiseChannelsMatch`] and
//! [`SeparableChannelsMatch`] on their forward pass) rather than through Conv1D's: a zero
//! `depth_multiplier` is reported as `depth_multiplier`, not as a Conv1D with zero `filters`, and
//! an input with the wrong channels names the layer that refused it.
//!
//! [`DepthwiseChannelsMatch`]: shaped_shapes::layer_rules::DepthwiseChannelsMatch
//! [`SeparableChannelsMatch`]: shaped_shapes::layer_rules::SeparableChannelsMatch

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_kernels::Conv1dSpec;
use shaped_shapes::layer_rules::{DepthMultiplierAtLeastOne, DepthwiseChannelsMatch, SeparableChannelsMatch};
use shaped_shapes::rules::{AtLeastOne, SequenceBatch};
use shaped_shapes::{
    ChannelsLast, ConvOutLen, DataFormat, Padding, SequenceShape, Shape, Valid, WindowLength,
};
use shaped_tensor::{ShapeError, Tensor, Workspace};
use typenum::{Prod, U1};

use crate::conv1d::Conv1dOutput;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::{Activation, Conv1D, Conv1dArgs, Float};

/// The depthwise step of a DepthwiseConv1D or SeparableConv1D: a Conv1D with `groups = Cin`
/// and `Cin * Mult` filters.
type DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt> = Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt>;

/// The pointwise step of a SeparableConv1D: a kernel-1 Conv1D from `Cin * Mult` channels to `F`.
type PointwisePart<E, Cin, Mult, F, Fmt> = Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt>;

/// A depthwise convolution: each of the `C` channels convolved with its own `Mult` filters,
/// giving `C * Mult` channels in the order `c * Mult + m`.
///
/// | type parameter | Keras argument | default |
/// | --- | --- | --- |
/// | `E` | dtype (`f32`/`f64`) | |
/// | `C` | input channels (Keras infers them from the input) | |
/// | `K` | `kernel_size` | |
/// | `Mult` | `depth_multiplier` | `U1` |
/// | `S` | `strides` | `U1` |
/// | `P` | `padding`: `Valid`, `Same`, `Causal` or `Explicit<L, R>` | `Valid` |
/// | `D` | `dilation_rate` | `U1` |
/// | `Fmt` | `data_format`: `ChannelsLast` or `ChannelsFirst` | `ChannelsLast` |
///
/// **Keras equivalent:** `keras.layers.DepthwiseConv1D(kernel_size, strides, padding,
/// depth_multiplier, data_format, dilation_rate, activation, use_bias)`; its kernel
/// `(kernel_size, C, Mult)` is what [`DepthwiseConv1D::from_keras`] takes.
///
/// **PyTorch equivalent:** `torch.nn.Conv1d(C, C * Mult, kernel_size, stride, padding,
/// dilation, groups=C)` on channels-first data (`Fmt = ChannelsFirst`); its weight
/// `(C * Mult, 1, kernel_size)` is what [`DepthwiseConv1D::from_pytorch`] takes. PyTorch's
/// output channel `c * Mult + m` is Keras's, so the two agree channel for channel.
///
/// It is a [`Conv1D`] with `groups = C` inside ([`DepthwiseConv1D::conv1d`]), with its own
/// rules: `depth_multiplier = 0` is refused in Keras's words, and an input with other than `C`
/// channels is refused as a DepthwiseConv1D's.
///
/// ```
/// use shaped::layers::{DepthwiseConv1D, Layer};
/// use shaped::shapes::{shape, ChannelsFirst, Same, U};
/// use shaped::tensor::Tensor;
///
/// // Keras: DepthwiseConv1D(5, padding="same", depth_multiplier=2)
/// let dw: DepthwiseConv1D<f32, U![4], U![5], U![2], U![1], Same> = DepthwiseConv1D::new(0);
/// let y: Tensor<f32, shape![2, 11, 8]> = dw.forward(&Tensor::<f32, shape![2, 11, 4]>::zeros());
///
/// // Keras: DepthwiseConv1D(3, depth_multiplier=2, data_format="channels_first");
/// // PyTorch: nn.Conv1d(4, 8, 3, groups=4)
/// type Dw = DepthwiseConv1D<f32, U![4], U![3], U![2], U![1], shaped::shapes::Valid, U![1], ChannelsFirst>;
/// let weight = vec![0.5_f32; 8 * 3]; // (C * Mult, 1, kernel_size)
/// let dw = Dw::from_pytorch(&weight, Some(&[0.0; 8]))?;
/// let y: Tensor<f32, shape![2, 8, 8; ChannelsFirst]> =
///     dw.forward(&Tensor::<f32, shape![2, 4, 10; ChannelsFirst]>::zeros());
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// A zero `depth_multiplier` does not compile (Keras: "Invalid value for argument
/// `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0."):
///
/// ```compile_fail
/// use shaped::layers::DepthwiseConv1D;
/// use shaped::shapes::U;
/// let dw: DepthwiseConv1D<f32, U![4], U![3], U![0]> = DepthwiseConv1D::new(0);
/// ```
pub struct DepthwiseConv1D<E, C, K, Mult = U1, S = U1, P = Valid, D = U1, Fmt = ChannelsLast>
where
    C: Mul<Mult>,
{
    conv: DepthwisePart<E, C, K, Mult, S, P, D, Fmt>,
    multiplier: PhantomData<fn() -> Mult>,
}

/// Every rule Keras checks when it creates a `DepthwiseConv1D`: `depth_multiplier`,
/// `kernel_size`, `strides` and `dilation_rate` at least 1 (and at least one input channel).
/// The constructors require it, so such a layer is refused where it is built, once, in the
/// rule's words.
///
/// **Keras equivalent:** the `ValueError`s of `keras.layers.DepthwiseConv1D(...)`.
/// **PyTorch equivalent:** the `ValueError`s of `torch.nn.Conv1d(C, C * Mult, K, groups=C)`.
///
/// ```
/// use shaped::layers::{DepthwiseConv1D, ValidDepthwiseArgs};
/// use shaped::shapes::U;
/// type Dw = DepthwiseConv1D<f32, U![3], U![5], U![2]>;
/// let spec = <Dw as ValidDepthwiseArgs>::SPEC;
/// assert_eq!((spec.in_channels, spec.filters, spec.groups, spec.kernel_size), (3, 6, 3, 5));
/// ```
pub trait ValidDepthwiseArgs {
    /// The inner Conv1D's arguments as numbers: `groups = in_channels`, `filters = in_channels
    /// * depth_multiplier`.
    const SPEC: Conv1dSpec;
}

impl<E, C, K, Mult, S, P, D, Fmt> ValidDepthwiseArgs for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    C: Mul<Mult> + AtLeastOne,
    Mult: DepthMultiplierAtLeastOne,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    DepthwisePart<E, C, K, Mult, S, P, D, Fmt>: Conv1dArgs,
{
    const SPEC: Conv1dSpec = <DepthwisePart<E, C, K, Mult, S, P, D, Fmt> as Conv1dArgs>::SPEC;
}

impl<E: Clone, C: Mul<Mult>, K, Mult, S, P, D, Fmt> Clone for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt> {
    fn clone(&self) -> Self {
        Self { conv: self.conv.clone(), multiplier: PhantomData }
    }
}

impl<E: Float, C: Mul<Mult>, K, Mult, S, P, D, Fmt> DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt> {
    /// A layer with the default initialisation from `seed` (the inner Conv1D's
    /// `glorot_uniform` kernel, a zero bias, linear activation).
    #[must_use]
    pub fn new(seed: u64) -> Self
    where
        Self: ValidDepthwiseArgs,
    {
        Self::wrap(Conv1D::init_with_spec(<Self as ValidDepthwiseArgs>::SPEC, seed))
    }

    /// A layer from Keras weights: `kernel` of shape `(kernel_size, C, Mult)` (Keras's
    /// `layer.kernel`), `bias` of shape `(C * Mult,)` or `None` for `use_bias=False`.
    ///
    /// ```
    /// use shaped::layers::DepthwiseConv1D;
    /// use shaped::shapes::U;
    /// type Dw = DepthwiseConv1D<f32, U![4], U![3], U![2]>;
    /// let err = Dw::from_keras(&[0.0; 23], None).err().unwrap();
    /// assert_eq!(err.to_string(), "weight depthwise_conv1d.kernel: expected shape (3, 4, 2) (24 elements), got 23 elements");
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the kernel or the bias if its length is not the one the types
    /// give.
    pub fn from_keras(kernel: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        Self: ValidDepthwiseArgs,
    {
        let spec = <Self as ValidDepthwiseArgs>::SPEC;
        check_weight("depthwise_conv1d.kernel", &Self::keras_kernel_shape(), kernel.len())?;
        // (kernel_size, C, Mult) row-major is (kernel_size, 1, C * Mult) row-major: the same
        // numbers in the same order, output channel c * Mult + m.
        Conv1D::from_keras_with_spec(spec, "depthwise_conv1d.kernel", kernel, bias).map(Self::wrap)
    }

    /// A layer from PyTorch weights: `weight` of shape `(C * Mult, 1, kernel_size)` (the
    /// `weight` of `torch.nn.Conv1d(C, C * Mult, kernel_size, groups=C)`, ONNX `W`), `bias` of
    /// shape `(C * Mult,)` or `None` for `bias=False`.
    ///
    /// ```
    /// use shaped::layers::DepthwiseConv1D;
    /// use shaped::shapes::{ChannelsFirst, Valid, U};
    /// type Dw = DepthwiseConv1D<f32, U![2], U![3], U![2], U![1], Valid, U![1], ChannelsFirst>;
    /// // PyTorch weight[o][0][t] = o * 10 + t, o = c * Mult + m
    /// let weight: Vec<f32> = (0..4).flat_map(|o| (0..3).map(move |t| (o * 10 + t) as f32)).collect();
    /// let dw = Dw::from_pytorch(&weight, None)?;
    /// assert_eq!(dw.pytorch_kernel(), weight);
    /// // Keras's kernel (kernel_size, C, Mult): kernel[t][c][m] = weight[c * Mult + m][0][t]
    /// assert_eq!(&dw.keras_kernel()[..4], &[0.0, 10.0, 20.0, 30.0]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`DepthwiseConv1D::from_keras`].
    pub fn from_pytorch(weight: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        Self: ValidDepthwiseArgs,
    {
        let spec = <Self as ValidDepthwiseArgs>::SPEC;
        Conv1D::from_pytorch_with_spec(spec, "depthwise_conv.weight", weight, bias).map(Self::wrap)
    }

    /// The kernel's shape in Keras layout, `(kernel_size, C, Mult)`.
    #[must_use]
    pub fn keras_kernel_shape() -> [usize; 3]
    where
        Self: ValidDepthwiseArgs,
    {
        let s = <Self as ValidDepthwiseArgs>::SPEC;
        [s.kernel_size, s.in_channels, s.filters / s.in_channels]
    }

    /// The weight's shape in PyTorch layout, `(C * Mult, 1, kernel_size)`.
    #[must_use]
    pub fn pytorch_kernel_shape() -> [usize; 3]
    where
        Self: ValidDepthwiseArgs,
    {
        let s = <Self as ValidDepthwiseArgs>::SPEC;
        [s.filters, 1, s.kernel_size]
    }

    fn wrap(conv: DepthwisePart<E, C, K, Mult, S, P, D, Fmt>) -> Self {
        Self { conv, multiplier: PhantomData }
    }

    /// Sets the activation applied after the bias (Keras `activation=`).
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        Self::wrap(self.conv.activation(activation))
    }

    /// Keeps or drops the bias (Keras `use_bias=`, PyTorch `bias=`).
    #[must_use]
    pub fn use_bias(self, use_bias: bool) -> Self {
        Self::wrap(self.conv.use_bias(use_bias))
    }

    /// The kernel in Keras layout `(kernel_size, C, Mult)`.
    pub fn keras_kernel(&self) -> &[E] {
        self.conv.keras_kernel()
    }

    /// The kernel in PyTorch layout `(C * Mult, 1, kernel_size)`.
    pub fn pytorch_kernel(&self) -> Vec<E> {
        self.conv.pytorch_kernel()
    }

    /// The bias `(C * Mult,)`, or `None` when the layer has none.
    pub fn bias(&self) -> Option<&[E]> {
        self.conv.bias()
    }

    /// The activation.
    pub fn activation_kind(&self) -> Activation {
        self.conv.activation_kind()
    }

    /// The Conv1D (`groups = C`, `C * Mult` filters) that computes the layer.
    pub fn conv1d(&self) -> &Conv1D<E, C, Prod<C, Mult>, K, S, P, D, C, Fmt> {
        &self.conv
    }

    /// The Conv1D, mutably (to train it).
    pub fn conv1d_mut(&mut self) -> &mut Conv1D<E, C, Prod<C, Mult>, K, S, P, D, C, Fmt> {
        &mut self.conv
    }

    /// Trainable parameters: kernel plus bias, as Keras's `count_params()`.
    pub fn param_count(&self) -> usize {
        self.conv.param_count()
    }
}

/// Its Keras arguments.
impl<E: Float, C: Mul<Mult>, K, Mult, S, P: Padding, D, Fmt: DataFormat> core::fmt::Debug
    for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = self.conv.kernel_weights().spec();
        write!(
            f,
            "DepthwiseConv1D(kernel_size={}, strides={}, padding=\"{}\", depth_multiplier={}, data_format=\"{}\", dilation_rate={}, activation={:?}, use_bias={}, in_channels={})",
            s.kernel_size,
            s.stride,
            P::NAME,
            s.filters / s.in_channels.max(1),
            Fmt::KERAS_NAME,
            s.dilation,
            self.conv.activation_kind(),
            self.conv.bias().is_some(),
            s.in_channels
        )
    }
}

impl<E, C, K, Mult, S, P, D, Fmt> LayerInfo for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    E: Float,
    C: Mul<Mult>,
    DepthwisePart<E, C, K, Mult, S, P, D, Fmt>: Conv1dArgs,
{
    fn name(&self) -> String {
        let spec = <DepthwisePart<E, C, K, Mult, S, P, D, Fmt> as Conv1dArgs>::SPEC;
        let padding = <<DepthwisePart<E, C, K, Mult, S, P, D, Fmt> as Conv1dArgs>::Padding as Padding>::NAME;
        let mut s = format!("DepthwiseConv1D({}", spec.kernel_size);
        let multiplier = spec.filters / spec.in_channels.max(1);
        if multiplier != 1 {
            s += &format!(", depth_multiplier={multiplier}");
        }
        if spec.stride != 1 {
            s += &format!(", strides={}", spec.stride);
        }
        if padding != "valid" {
            s += &format!(", padding={padding}");
        }
        if spec.dilation != 1 {
            s += &format!(", dilation_rate={}", spec.dilation);
        }
        if self.conv.activation_kind() != Activation::Linear {
            s += &format!(", activation={}", self.conv.activation_kind().keras_name());
        }
        s + ")"
    }
    fn param_count(&self) -> usize {
        self.conv.param_count()
    }
}

// The channel rule is the layer's own (`DepthwiseChannelsMatch`), not Conv1D's, and the inner
// Conv1D runs without its `Layer` bounds, so an input with the wrong channels gets one error
// naming DepthwiseConv1D.
impl<E, C, K, Mult, S, P, D, Fmt, X> Layer<Tensor<E, X>> for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    E: Float,
    C: Mul<Mult>,
    DepthwisePart<E, C, K, Mult, S, P, D, Fmt>: Conv1dArgs,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    X: SequenceBatch<Fmt>,
    <X as SequenceBatch<Fmt>>::Channels: DepthwiseChannelsMatch<C>,
    P: WindowLength<<X as SequenceBatch<Fmt>>::Len, K, S, D>,
    Fmt: SequenceShape<
        <X as Shape>::Batch,
        ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>,
        Prod<C, Mult>,
    >,
    Conv1dOutput<Fmt, X, P, K, S, D, Prod<C, Mult>>: Shape<Batch = X::Batch>,
{
    type Output = Tensor<E, Conv1dOutput<Fmt, X, P, K, S, D, Prod<C, Mult>>>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        let mut out = ws.tensor_like(x);
        self.conv.run::<X, _>(x, &mut out, Some(ws));
        out
    }
}

impl<E: Float, C: Mul<Mult>, K, Mult, S, P, D, Fmt> crate::Init
    for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    Self: ValidDepthwiseArgs,
{
    fn init(seed: u64) -> Self {
        Self::new(seed)
    }
}

/// Keras's variables: `kernel` `(kernel_size, C, Mult)`, `bias` `(C * Mult,)`.
impl<E: Float, C: Mul<Mult>, K, Mult, S, P, D, Fmt> crate::KerasVariables<E>
    for DepthwiseConv1D<E, C, K, Mult, S, P, D, Fmt>
where
    Self: ValidDepthwiseArgs,
{
    fn load_variables<Src: crate::WeightSource<E>>(
        &mut self,
        layer: &str,
        src: &mut Src,
    ) -> Result<(), Src::Error> {
        let kernel = src.take(&format!("{layer}.kernel"), &Self::keras_kernel_shape())?;
        let bias_name = format!("{layer}.bias");
        let filters = <Self as ValidDepthwiseArgs>::SPEC.filters;
        let bias = if src.has(&bias_name) { Some(src.take(&bias_name, &[filters])?) } else { None };
        let activation = self.activation_kind();
        *self = Self::from_keras(&kernel, bias.as_deref())
            .unwrap_or_else(|e| unreachable!("the weight source checked the shapes: {e}"))
            .activation(activation);
        Ok(())
    }
    fn save_variables<Dst: crate::WeightSink<E>>(
        &self,
        layer: &str,
        dst: &mut Dst,
    ) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.kernel"), &Self::keras_kernel_shape(), self.keras_kernel())?;
        match self.bias() {
            Some(b) => dst.put(&format!("{layer}.bias"), &[<Self as ValidDepthwiseArgs>::SPEC.filters], b),
            None => Ok(()),
        }
    }
}

/// A depthwise convolution followed by a pointwise (kernel 1) convolution to `F` filters, the
/// bias and activation applied after the pointwise step.
///
/// Type parameters as [`DepthwiseConv1D`]'s, with `F` (`filters`) after `Cin`:
/// `SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>`; both steps use the data format `Fmt`.
///
/// **Keras equivalent:** `keras.layers.SeparableConv1D(filters, kernel_size, strides, padding,
/// data_format, dilation_rate, depth_multiplier, activation, use_bias)`.
///
/// **PyTorch equivalent:** `nn.Sequential(nn.Conv1d(Cin, Cin * Mult, kernel_size, stride,
/// padding, dilation, groups=Cin, bias=False), nn.Conv1d(Cin * Mult, F, 1))` on channels-first
/// data; [`SeparableConv1D::from_pytorch`] takes the two weights and the pointwise bias.
///
/// ```
/// use shaped::layers::{Layer, SeparableConv1D};
/// use shaped::shapes::{shape, ChannelsFirst, Same, U};
/// use shaped::tensor::Tensor;
///
/// // Keras: SeparableConv1D(6, 3, padding="same", depth_multiplier=2, data_format="channels_first")
/// type Sep = SeparableConv1D<f32, U![4], U![6], U![3], U![2], U![1], Same, U![1], ChannelsFirst>;
/// let sep = Sep::new(0);
/// let y: Tensor<f32, shape![2, 6, 10; ChannelsFirst]> =
///     sep.forward(&Tensor::<f32, shape![2, 4, 10; ChannelsFirst]>::zeros());
/// ```
pub struct SeparableConv1D<E, Cin, F, K, Mult = U1, S = U1, P = Valid, D = U1, Fmt = ChannelsLast>
where
    Cin: Mul<Mult>,
{
    depthwise: DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt>,
    pointwise: PointwisePart<E, Cin, Mult, F, Fmt>,
}

/// Every rule Keras checks when it creates a `SeparableConv1D`: `filters`, `depth_multiplier`,
/// `kernel_size`, `strides` and `dilation_rate` at least 1 (and at least one input channel).
/// The constructors require it, so such a layer is refused where it is built, once.
///
/// **Keras equivalent:** the `ValueError`s of `keras.layers.SeparableConv1D(...)`.
/// **PyTorch equivalent:** those of its two `torch.nn.Conv1d`s.
///
/// ```
/// use shaped::layers::{SeparableConv1D, ValidSeparableArgs};
/// use shaped::shapes::U;
/// type Sep = SeparableConv1D<f32, U![3], U![8], U![5], U![2]>;
/// let (dw, pw) = (<Sep as ValidSeparableArgs>::DEPTHWISE, <Sep as ValidSeparableArgs>::POINTWISE);
/// assert_eq!((dw.filters, dw.groups, pw.in_channels, pw.filters, pw.kernel_size), (6, 3, 6, 8, 1));
/// ```
pub trait ValidSeparableArgs {
    /// The depthwise step's arguments as numbers.
    const DEPTHWISE: Conv1dSpec;
    /// The pointwise step's arguments as numbers.
    const POINTWISE: Conv1dSpec;
}

impl<E, Cin, F, K, Mult, S, P, D, Fmt> ValidSeparableArgs
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Cin: Mul<Mult> + AtLeastOne,
    Mult: DepthMultiplierAtLeastOne,
    F: AtLeastOne,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt>: Conv1dArgs,
    PointwisePart<E, Cin, Mult, F, Fmt>: Conv1dArgs,
{
    const DEPTHWISE: Conv1dSpec = <DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt> as Conv1dArgs>::SPEC;
    const POINTWISE: Conv1dSpec = <PointwisePart<E, Cin, Mult, F, Fmt> as Conv1dArgs>::SPEC;
}

impl<E: Clone, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> Clone
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
{
    fn clone(&self) -> Self {
        Self { depthwise: self.depthwise.clone(), pointwise: self.pointwise.clone() }
    }
}

/// Its two convolutions' configurations.
impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P: Padding, D, Fmt: DataFormat> core::fmt::Debug
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SeparableConv1D")
            .field("depthwise", &self.depthwise)
            .field("pointwise", &self.pointwise)
            .finish()
    }
}

impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt> {
    /// The default initialisation from `seed` (each step's `glorot_uniform` kernel, a zero
    /// bias after the pointwise step, linear activation).
    #[must_use]
    pub fn new(seed: u64) -> Self
    where
        Self: ValidSeparableArgs,
    {
        Self {
            depthwise: Conv1D::init_with_spec(<Self as ValidSeparableArgs>::DEPTHWISE, seed).use_bias(false),
            pointwise: Conv1D::init_with_spec(<Self as ValidSeparableArgs>::POINTWISE, seed.wrapping_add(1)),
        }
    }

    /// From Keras weights: `depthwise_kernel` `(kernel_size, Cin, Mult)`, `pointwise_kernel`
    /// `(1, Cin * Mult, F)`, `bias` `(F,)` or `None`.
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the kernel or the bias if its length is not the one the types
    /// give.
    pub fn from_keras(
        depthwise_kernel: &[E],
        pointwise_kernel: &[E],
        bias: Option<&[E]>,
    ) -> Result<Self, ShapeError>
    where
        Self: ValidSeparableArgs,
    {
        let (dw, pw) = (<Self as ValidSeparableArgs>::DEPTHWISE, <Self as ValidSeparableArgs>::POINTWISE);
        let shape = [dw.kernel_size, dw.in_channels, dw.filters / dw.in_channels];
        check_weight("separable_conv1d.depthwise_kernel", &shape, depthwise_kernel.len())?;
        Ok(Self {
            depthwise: Conv1D::from_keras_with_spec(
                dw,
                "separable_conv1d.depthwise_kernel",
                depthwise_kernel,
                None,
            )?,
            pointwise: Conv1D::from_keras_with_spec(
                pw,
                "separable_conv1d.pointwise_kernel",
                pointwise_kernel,
                bias,
            )?,
        })
    }

    /// From the PyTorch weights of `nn.Conv1d(Cin, Cin * Mult, kernel_size, groups=Cin,
    /// bias=False)` followed by `nn.Conv1d(Cin * Mult, F, 1)`: `depthwise_weight`
    /// `(Cin * Mult, 1, kernel_size)`, `pointwise_weight` `(F, Cin * Mult, 1)`, and the pointwise
    /// `bias` `(F,)` or `None`.
    ///
    /// A depthwise step with a bias of its own is not this layer (Keras has none there); fold
    /// it into the pointwise bias first: `bias + pointwise_weight @ depthwise_bias`.
    ///
    /// ```
    /// use shaped::layers::SeparableConv1D;
    /// use shaped::shapes::{ChannelsFirst, Valid, U};
    /// type Sep = SeparableConv1D<f32, U![2], U![3], U![3], U![1], U![1], Valid, U![1], ChannelsFirst>;
    /// let sep = Sep::from_pytorch(&[0.1; 2 * 3], &[0.2; 3 * 2], Some(&[0.0; 3]))?;
    /// let err = Sep::from_pytorch(&[0.1; 5], &[0.2; 6], None).err().unwrap();
    /// assert_eq!(err.to_string(), "weight depthwise.weight: expected shape (2, 1, 3) (6 elements), got 5 elements");
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the weight or the bias if its length is not the one the types
    /// give.
    pub fn from_pytorch(
        depthwise_weight: &[E],
        pointwise_weight: &[E],
        bias: Option<&[E]>,
    ) -> Result<Self, ShapeError>
    where
        Self: ValidSeparableArgs,
    {
        let (dw, pw) = (<Self as ValidSeparableArgs>::DEPTHWISE, <Self as ValidSeparableArgs>::POINTWISE);
        Ok(Self {
            depthwise: Conv1D::from_pytorch_with_spec(dw, "depthwise.weight", depthwise_weight, None)?,
            pointwise: Conv1D::from_pytorch_with_spec(pw, "pointwise.weight", pointwise_weight, bias)?,
        })
    }

    /// Sets the activation applied after the pointwise step.
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        Self { depthwise: self.depthwise, pointwise: self.pointwise.activation(activation) }
    }

    /// The depthwise step's kernel in PyTorch layout `(Cin * Mult, 1, kernel_size)`.
    pub fn pytorch_depthwise_kernel(&self) -> Vec<E> {
        self.depthwise.pytorch_kernel()
    }

    /// The pointwise step's kernel in PyTorch layout `(F, Cin * Mult, 1)`.
    pub fn pytorch_pointwise_kernel(&self) -> Vec<E> {
        self.pointwise.pytorch_kernel()
    }
}

impl<E, Cin, F, K, Mult, S, P, D, Fmt> LayerInfo for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    E: Float,
    Cin: Mul<Mult>,
    DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt>: Conv1dArgs,
    PointwisePart<E, Cin, Mult, F, Fmt>: Conv1dArgs,
{
    fn name(&self) -> String {
        let (dw, pw) = (
            <DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt> as Conv1dArgs>::SPEC,
            <PointwisePart<E, Cin, Mult, F, Fmt> as Conv1dArgs>::SPEC,
        );
        format!("SeparableConv1D({}, {})", pw.filters, dw.kernel_size)
    }
    fn param_count(&self) -> usize {
        self.depthwise.param_count() + self.pointwise.param_count()
    }
}

/// The depthwise step's output shape on input shape `X`: `(B, Lout, Cin * Mult)` channels-last,
/// `(B, Cin * Mult, Lout)` channels-first.
type Hidden<Fmt, X, P, K, S, D, Cin, Mult> = Conv1dOutput<Fmt, X, P, K, S, D, Prod<Cin, Mult>>;

// As DepthwiseConv1D's: the channel rule is the layer's own, and the two steps run without
// their `Layer` bounds, so a wrong input is one error naming SeparableConv1D.
impl<E, Cin, F, K, Mult, S, P, D, Fmt, X> Layer<Tensor<E, X>>
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    E: Float,
    Cin: Mul<Mult>,
    DepthwisePart<E, Cin, K, Mult, S, P, D, Fmt>: Conv1dArgs,
    PointwisePart<E, Cin, Mult, F, Fmt>: Conv1dArgs,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    X: SequenceBatch<Fmt>,
    <X as SequenceBatch<Fmt>>::Channels: SeparableChannelsMatch<Cin>,
    P: WindowLength<<X as SequenceBatch<Fmt>>::Len, K, S, D>,
    Fmt: SequenceShape<
        <X as Shape>::Batch,
        ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>,
        Prod<Cin, Mult>,
    >,
    Fmt: SequenceShape<<X as Shape>::Batch, ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>, F>,
    Hidden<Fmt, X, P, K, S, D, Cin, Mult>: Shape<Batch = X::Batch> + SequenceBatch<Fmt>,
    Conv1dOutput<Fmt, X, P, K, S, D, F>: Shape<Batch = X::Batch>,
{
    type Output = Tensor<E, Conv1dOutput<Fmt, X, P, K, S, D, F>>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        let mut h: Tensor<E, Hidden<Fmt, X, P, K, S, D, Cin, Mult>> = ws.tensor_like(x);
        self.depthwise.run::<X, _>(x, &mut h, Some(ws));
        let mut y = ws.tensor_like(x);
        self.pointwise.run::<Hidden<Fmt, X, P, K, S, D, Cin, Mult>, _>(&h, &mut y, Some(ws));
        ws.give(h);
        y
    }
}

impl<E, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt> {
    /// The depthwise and the pointwise convolution the layer applies in turn.
    #[allow(clippy::type_complexity)]
    pub fn parts(
        &self,
    ) -> (
        &Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt>,
        &Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt>,
    ) {
        (&self.depthwise, &self.pointwise)
    }

    /// The two convolutions, mutably (to train them).
    #[allow(clippy::type_complexity)]
    pub fn parts_mut(
        &mut self,
    ) -> (
        &mut Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin, Fmt>,
        &mut Conv1D<E, Prod<Cin, Mult>, F, U1, U1, Valid, U1, U1, Fmt>,
    ) {
        (&mut self.depthwise, &mut self.pointwise)
    }
}

impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> crate::Init
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Self: ValidSeparableArgs,
{
    fn init(seed: u64) -> Self {
        Self::new(seed)
    }
}

/// Keras's variables: `depthwise_kernel` `(kernel_size, Cin, Mult)`, `pointwise_kernel`
/// `(1, Cin * Mult, F)`, `bias` `(F,)` (the same in both data formats).
impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> crate::KerasVariables<E>
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Self: ValidSeparableArgs,
{
    fn load_variables<Src: crate::WeightSource<E>>(
        &mut self,
        layer: &str,
        src: &mut Src,
    ) -> Result<(), Src::Error> {
        let [dk, pk] = Self::variable_shapes();
        let depthwise = src.take(&format!("{layer}.depthwise_kernel"), &dk)?;
        let pointwise = src.take(&format!("{layer}.pointwise_kernel"), &pk)?;
        let bias_name = format!("{layer}.bias");
        let filters = <Self as ValidSeparableArgs>::POINTWISE.filters;
        let bias = if src.has(&bias_name) { Some(src.take(&bias_name, &[filters])?) } else { None };
        let activation = self.pointwise.activation_kind();
        *self = Self::from_keras(&depthwise, &pointwise, bias.as_deref())
            .unwrap_or_else(|e| unreachable!("the weight source checked the shapes: {e}"))
            .activation(activation);
        Ok(())
    }
    fn save_variables<Dst: crate::WeightSink<E>>(
        &self,
        layer: &str,
        dst: &mut Dst,
    ) -> Result<(), Dst::Error> {
        let [dk, pk] = Self::variable_shapes();
        dst.put(&format!("{layer}.depthwise_kernel"), &dk, self.depthwise.keras_kernel())?;
        dst.put(&format!("{layer}.pointwise_kernel"), &pk, self.pointwise.keras_kernel())?;
        match self.pointwise.bias() {
            Some(b) => {
                dst.put(&format!("{layer}.bias"), &[<Self as ValidSeparableArgs>::POINTWISE.filters], b)
            }
            None => Ok(()),
        }
    }
}

impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P, D, Fmt> SeparableConv1D<E, Cin, F, K, Mult, S, P, D, Fmt>
where
    Self: ValidSeparableArgs,
{
    /// Keras's `depthwise_kernel` and `pointwise_kernel` shapes.
    fn variable_shapes() -> [[usize; 3]; 2] {
        let (dw, pw) = (<Self as ValidSeparableArgs>::DEPTHWISE, <Self as ValidSeparableArgs>::POINTWISE);
        [[dw.kernel_size, dw.in_channels, dw.filters / dw.in_channels], [1, pw.in_channels, pw.filters]]
    }
}
