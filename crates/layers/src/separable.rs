//! Depthwise and separable convolutions, built on [`Conv1D`] with groups.

use core::ops::Mul;

use shaped_shapes::rules::{AtLeastOne, GroupsDivideChannels, GroupsDivideFilters};
use shaped_shapes::{ChannelsLast, Padding, StaticDim, Valid};
use shaped_tensor::{ShapeError, Workspace};
use typenum::{Prod, U1};

use crate::layer::{Layer, LayerInfo};
use crate::{Activation, Conv1D, Float};

/// A depthwise convolution: each of the `C` channels convolved with its own `Mult` filters,
/// giving `C * Mult` channels in the order `c * Mult + m`.
///
/// **Keras equivalent:** `keras.layers.DepthwiseConv1D(kernel_size, strides, padding,
/// depth_multiplier, dilation_rate)`. It is a [`Conv1D`] with `groups = C`, and Keras's kernel
/// `(kernel_size, C, Mult)` has the same memory layout as that Conv1D's
/// `(kernel_size, 1, C * Mult)`, so [`Conv1D::from_keras`] loads it as is.
///
/// ```
/// use shaped::layers::{Conv1D, DepthwiseConv1D, Layer};
/// use shaped::shapes::{shape, Same, U};
/// use shaped::tensor::Tensor;
/// let dw: DepthwiseConv1D<f32, U![4], U![5], U![2], U![1], Same> = Conv1D::new(0);
/// let y: Tensor<f32, shape![2, 11, 8]> = dw.forward(&Tensor::<f32, shape![2, 11, 4]>::zeros());
/// ```
pub type DepthwiseConv1D<E, C, K, Mult = U1, S = U1, P = Valid, D = U1> =
    Conv1D<E, C, Prod<C, Mult>, K, S, P, D, C, ChannelsLast>;

/// A depthwise convolution followed by a pointwise (kernel 1) convolution to `F` filters, the
/// bias and activation applied after the pointwise step.
///
/// **Keras equivalent:** `keras.layers.SeparableConv1D(filters, kernel_size, strides, padding,
/// dilation_rate, depth_multiplier, activation, use_bias)`.
pub struct SeparableConv1D<E, Cin, F, K, Mult = U1, S = U1, P = Valid, D = U1>
where
    Cin: Mul<Mult>,
{
    depthwise: Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin>,
    pointwise: Conv1D<E, Prod<Cin, Mult>, F, U1>,
}

impl<E: Clone, Cin: Mul<Mult>, F, K, Mult, S, P, D> Clone for SeparableConv1D<E, Cin, F, K, Mult, S, P, D> {
    fn clone(&self) -> Self {
        Self { depthwise: self.depthwise.clone(), pointwise: self.pointwise.clone() }
    }
}

/// Its two convolutions' configurations.
impl<E: Float, Cin: Mul<Mult>, F, K, Mult, S, P: Padding, D> core::fmt::Debug
    for SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SeparableConv1D")
            .field("depthwise", &self.depthwise)
            .field("pointwise", &self.pointwise)
            .finish()
    }
}

impl<E, Cin, F, K, Mult, S, P, D> SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
where
    E: Float,
    Cin: StaticDim + Mul<Mult> + GroupsDivideChannels<Cin> + AtLeastOne,
    Prod<Cin, Mult>: StaticDim + AtLeastOne + GroupsDivideFilters<Cin> + GroupsDivideChannels<U1>,
    F: StaticDim + AtLeastOne + GroupsDivideFilters<U1>,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    P: Padding,
{
    /// Keras's default initialisation from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { depthwise: Conv1D::new(seed).use_bias(false), pointwise: Conv1D::new(seed.wrapping_add(1)) }
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
    ) -> Result<Self, ShapeError> {
        Ok(Self {
            depthwise: Conv1D::from_keras(depthwise_kernel, None)?,
            pointwise: Conv1D::from_keras(pointwise_kernel, bias)?,
        })
    }

    /// Sets the activation applied after the pointwise step.
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        Self { depthwise: self.depthwise, pointwise: self.pointwise.activation(activation) }
    }
}

impl<E, Cin, F, K, Mult, S, P, D> LayerInfo for SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
where
    E: Float,
    Cin: StaticDim + Mul<Mult>,
    Prod<Cin, Mult>: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    P: Padding,
{
    fn name(&self) -> String {
        format!("SeparableConv1D({}, {})", F::USIZE, K::USIZE)
    }
    fn param_count(&self) -> usize {
        self.depthwise.param_count() + self.pointwise.param_count()
    }
}

impl<E, Cin, F, K, Mult, S, P, D, X> Layer<X> for SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
where
    E: Float,
    Cin: StaticDim + Mul<Mult>,
    Prod<Cin, Mult>: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    P: Padding,
    Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin>: Layer<X>,
    Conv1D<E, Prod<Cin, Mult>, F, U1>:
        Layer<<Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin> as Layer<X>>::Output>,
{
    type Output = <Conv1D<E, Prod<Cin, Mult>, F, U1> as Layer<
        <Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin> as Layer<X>>::Output,
    >>::Output;

    fn forward_with(&self, x: &X, ws: &mut Workspace) -> Self::Output {
        let h = self.depthwise.forward_with(x, ws);
        let y = self.pointwise.forward_with(&h, ws);
        ws.give(h);
        y
    }
}

impl<E, Cin: Mul<Mult>, F, K, Mult, S, P, D> SeparableConv1D<E, Cin, F, K, Mult, S, P, D> {
    /// The depthwise and the pointwise convolution the layer applies in turn.
    pub fn parts(
        &self,
    ) -> (&Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin>, &Conv1D<E, Prod<Cin, Mult>, F, U1>) {
        (&self.depthwise, &self.pointwise)
    }

    /// The two convolutions, mutably (to train them).
    pub fn parts_mut(
        &mut self,
    ) -> (&mut Conv1D<E, Cin, Prod<Cin, Mult>, K, S, P, D, Cin>, &mut Conv1D<E, Prod<Cin, Mult>, F, U1>) {
        (&mut self.depthwise, &mut self.pointwise)
    }
}

impl<E, Cin, F, K, Mult, S, P, D> crate::Init for SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
where
    E: Float,
    Cin: StaticDim + Mul<Mult> + GroupsDivideChannels<Cin> + AtLeastOne,
    Prod<Cin, Mult>: StaticDim + AtLeastOne + GroupsDivideFilters<Cin> + GroupsDivideChannels<U1>,
    F: StaticDim + AtLeastOne + GroupsDivideFilters<U1>,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    P: Padding,
{
    fn init(seed: u64) -> Self {
        Self::new(seed)
    }
}

/// Keras's variables: `depthwise_kernel` `(kernel_size, Cin, Mult)`, `pointwise_kernel`
/// `(1, Cin * Mult, F)`, `bias` `(F,)`.
impl<E, Cin, F, K, Mult, S, P, D> crate::KerasVariables<E> for SeparableConv1D<E, Cin, F, K, Mult, S, P, D>
where
    E: Float,
    Mult: StaticDim,
    Cin: StaticDim + Mul<Mult> + GroupsDivideChannels<Cin> + AtLeastOne,
    Prod<Cin, Mult>: StaticDim + AtLeastOne + GroupsDivideFilters<Cin> + GroupsDivideChannels<U1>,
    F: StaticDim + AtLeastOne + GroupsDivideFilters<U1>,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    P: Padding,
{
    fn load_variables<Src: crate::WeightSource<E>>(
        &mut self,
        layer: &str,
        src: &mut Src,
    ) -> Result<(), Src::Error> {
        let depthwise =
            src.take(&format!("{layer}.depthwise_kernel"), &[K::USIZE, Cin::USIZE, Mult::USIZE])?;
        let cm = <Prod<Cin, Mult> as typenum::Unsigned>::USIZE;
        let pointwise = src.take(&format!("{layer}.pointwise_kernel"), &[1, cm, F::USIZE])?;
        let bias_name = format!("{layer}.bias");
        let bias = if src.has(&bias_name) { Some(src.take(&bias_name, &[F::USIZE])?) } else { None };
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
        let cm = <Prod<Cin, Mult> as typenum::Unsigned>::USIZE;
        dst.put(
            &format!("{layer}.depthwise_kernel"),
            &[K::USIZE, Cin::USIZE, Mult::USIZE],
            self.depthwise.keras_kernel(),
        )?;
        dst.put(&format!("{layer}.pointwise_kernel"), &[1, cm, F::USIZE], self.pointwise.keras_kernel())?;
        match self.pointwise.bias() {
            Some(b) => dst.put(&format!("{layer}.bias"), &[F::USIZE], b),
            None => Ok(()),
        }
    }
}
