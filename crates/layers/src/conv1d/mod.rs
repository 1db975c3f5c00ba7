//! `Conv1D`: a 1-D convolution over the time axis.
//!
//! **Keras equivalent:** `keras.layers.Conv1D(filters, kernel_size, strides, padding,
//! data_format, dilation_rate, groups, activation, use_bias)`; with `groups == in_channels` it
//! computes `DepthwiseConv1D` ([`DepthwiseConv1D`](crate::DepthwiseConv1D) is a layer of its own
//! around such a Conv1D, with Keras's depthwise rules and words). **PyTorch equivalent:** `torch.nn.Conv1d(in_channels, out_channels,
//! kernel_size, stride, padding, dilation, groups, bias)` with [`ChannelsFirst`] and
//! [`Explicit`] padding.
//!
//! [`ChannelsFirst`]: shaped_shapes::ChannelsFirst
//! [`Explicit`]: shaped_shapes::Explicit

mod args;
mod forward;

pub use args::{Conv1dArgs, ValidConv1dArgs};
pub use forward::Conv1dOutput;

use core::marker::PhantomData;

use shaped_kernels::{Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{ChannelsLast, DataFormat, DataFormatKind, Padding, StaticDim, Valid};
use shaped_tensor::ShapeError;
use typenum::U1;

use crate::init::glorot_uniform;
use crate::weights::check_weight;
use crate::{Activation, Float};

/// A 1-D convolution layer whose arguments are types.
///
/// | type parameter | Keras argument | default |
/// | --- | --- | --- |
/// | `E` | dtype (`f32`/`f64`) | |
/// | `Cin` | input channels (Keras infers them from the input) | |
/// | `F` | `filters` | |
/// | `K` | `kernel_size` | |
/// | `S` | `strides` | `U1` |
/// | `P` | `padding`: [`Valid`], [`Same`], [`Causal`], or [`Explicit<L, R>`] | [`Valid`] |
/// | `D` | `dilation_rate` | `U1` |
/// | `G` | `groups` | `U1` |
/// | `Fmt` | `data_format`: [`ChannelsLast`] or [`ChannelsFirst`] | [`ChannelsLast`] |
///
/// `activation` (any [`Activation`]: linear, relu, leaky_relu, elu, gelu, sigmoid, tanh fused
/// into the kernel; softmax as a pass over the last axis, as Keras) and `use_bias` are run-time
/// settings.
/// Strides and dilation may both exceed 1 (PyTorch allows it; Keras does not).
///
/// The output length is computed from the types ([`ConvOutLen`]); a kernel that does not fit,
/// groups that do not divide the channels or filters, or an input with the wrong rank or
/// channel count do not compile.
///
/// # Example: the seed article's Example 3
///
/// ```
/// use shaped::layers::{Activation, Conv1D};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
///
/// // Keras: Conv1D(filters=32, kernel_size=5, activation="relu", input_shape=(10, 1))
/// let x = Tensor::<f32, shape![100, 10, 1]>::zeros();
/// let conv: Conv1D<f32, U![1], U![32], U![5]> = Conv1D::new(0).activation(Activation::Relu);
/// let y: Tensor<f32, shape![100, 6, 32]> = conv.forward(&x);
/// ```
///
/// A kernel of 15 does not fit in 10 steps with `padding="valid"`: Keras raises a `ValueError`
/// at run time, here it does not compile.
///
/// ```compile_fail
/// use shaped::layers::{Activation, Conv1D};
/// use shaped::shapes::{shape, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![100, 10, 1]>::zeros();
/// let conv: Conv1D<f32, U![1], U![32], U![15]> = Conv1D::new(0).activation(Activation::Relu);
/// let y = conv.forward(&x);
/// ```
///
/// **Masks.** Keras's Conv1D does not support masking (`supports_masking = False`). Measured
/// with Keras 3.15.1 (`tools/gen_mask_cases.py`): a masked sequence into Conv1D is not refused;
/// Keras emits a `UserWarning` ("... this layer does not support masking and will therefore
/// destroy the mask information. Downstream layers will not see the mask."), convolves the
/// values as they are (after `Masking` the masked steps are zeros) and drops the mask. shaped
/// does not drop a mask silently: [`MaskedLayer::forward_masked`](crate::MaskedLayer) on a
/// Conv1D is a compile error in those words (the `TakesMask` rule), and `forward(&masked)` a type
/// mismatch; `.without_mask()` is the explicit way to get Keras's result, which
/// `tests/golden_masks.rs` checks against Keras.
///
/// ```
/// use shaped::layers::{Conv1D, Layer, Masking};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![Dyn, 10, 1]>::zeros_with_batch(2)?;
/// let masked = Masking::new(0.0).forward(&x);
/// let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
/// let y: Tensor<f32, shape![Dyn, 8, 4]> = conv.forward(&masked.without_mask()); // as Keras: mask gone
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// ```compile_fail
/// use shaped::layers::{Conv1D, Layer, MaskedLayer, Masking};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
/// let x = Tensor::<f32, shape![Dyn, 10, 1]>::zeros_with_batch(2).unwrap();
/// let masked = Masking::new(0.0).forward(&x);
/// let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
/// let y = conv.forward_masked(&masked); // this layer does not support masking
/// ```
///
/// [`Valid`]: shaped_shapes::Valid
/// [`Same`]: shaped_shapes::Same
/// [`Causal`]: shaped_shapes::Causal
/// [`Explicit<L, R>`]: shaped_shapes::Explicit
/// [`ChannelsFirst`]: shaped_shapes::ChannelsFirst
/// [`ConvOutLen`]: shaped_shapes::ConvOutLen
pub struct Conv1D<E, Cin, F, K, S = U1, P = Valid, D = U1, G = U1, Fmt = ChannelsLast> {
    weights: Conv1dWeights<E>,
    activation: Activation,
    types: PhantomData<fn() -> (Cin, F, K, S, P, D, G, Fmt)>,
}

impl<E: Clone, Cin, F, K, S, P, D, G, Fmt> Clone for Conv1D<E, Cin, F, K, S, P, D, G, Fmt> {
    fn clone(&self) -> Self {
        Self { weights: self.weights.clone(), activation: self.activation, types: PhantomData }
    }
}

// The rules are on each method, not on the impl: a layer built with an argument Keras refuses
// is reported once, at the constructor, with the rule's words (E0277), not as an E0599 that
// restates the impl's bounds in typenum form; `activation` and `use_bias` on the refused value
// then add nothing.
impl<E: Float, Cin, F, K, S, P, D, G, Fmt> Conv1D<E, Cin, F, K, S, P, D, G, Fmt> {
    /// The layer's arguments as plain numbers, for the kernels.
    #[must_use]
    pub fn spec() -> Conv1dSpec
    where
        Self: ValidConv1dArgs,
    {
        <Self as Conv1dArgs>::SPEC
    }

    /// The kernel's shape in Keras layout, `(kernel_size, in_channels/groups, filters)`.
    #[must_use]
    pub fn keras_kernel_shape() -> [usize; 3]
    where
        Self: ValidConv1dArgs,
    {
        let s = Self::spec();
        [s.kernel_size, s.in_channels / s.groups, s.filters]
    }

    /// The kernel's shape in PyTorch layout, `(filters, in_channels/groups, kernel_size)`.
    #[must_use]
    pub fn pytorch_kernel_shape() -> [usize; 3]
    where
        Self: ValidConv1dArgs,
    {
        let s = Self::spec();
        [s.filters, s.in_channels / s.groups, s.kernel_size]
    }

    /// A layer with Keras's default initialisation: a `glorot_uniform` kernel drawn from
    /// `seed`, a zero bias, linear activation.
    #[must_use]
    pub fn new(seed: u64) -> Self
    where
        Self: ValidConv1dArgs,
    {
        Self::init_with_spec(Self::spec(), seed)
    }

    /// A layer from weights in Keras layout: `kernel` of shape `(kernel_size,
    /// in_channels/groups, filters)` (what `layer.get_weights()[0]` returns), `bias` of shape
    /// `(filters,)` or `None` for `use_bias=False`.
    ///
    /// The layout is part of the call: a PyTorch-layout weight goes through
    /// [`Conv1D::from_pytorch`], never guessed from its size.
    ///
    /// ```
    /// use shaped::layers::Conv1D;
    /// use shaped::shapes::U;
    /// type Conv = Conv1D<f32, U![1], U![32], U![3]>;
    /// let err = Conv::from_keras(&[0.0; 95], None).err().unwrap();
    /// assert_eq!(err.to_string(), "weight conv1d.kernel: expected shape (3, 1, 32) (96 elements), got 95 elements");
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the kernel or the bias if its length is not the one the types
    /// give.
    pub fn from_keras(kernel: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        Self: ValidConv1dArgs,
    {
        Self::from_keras_with_spec(Self::spec(), "conv1d.kernel", kernel, bias)
    }

    /// A layer from weights in PyTorch layout: `weight` of shape `(filters,
    /// in_channels/groups, kernel_size)` (`torch.nn.Conv1d.weight`, ONNX `W`), `bias` of shape
    /// `(filters,)` or `None`.
    ///
    /// # Errors
    ///
    /// As [`Conv1D::from_keras`].
    pub fn from_pytorch(weight: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        Self: ValidConv1dArgs,
    {
        Self::from_pytorch_with_spec(Self::spec(), "conv.weight", weight, bias)
    }

    /// [`Conv1D::new`] for a `spec` whose arguments a caller has checked: the layers built on
    /// Conv1D (DepthwiseConv1D, SeparableConv1D) check Keras's rules in their own words, so
    /// their constructors do not require [`ValidConv1dArgs`] (which would report a zero
    /// `depth_multiplier` a second time, as `filters`). `spec` is the one the types give.
    pub(crate) fn init_with_spec(spec: Conv1dSpec, seed: u64) -> Self {
        let receptive = spec.kernel_size;
        let kernel = glorot_uniform::<E>(
            spec.kernel_len(),
            receptive * spec.channels_per_group(),
            receptive * spec.filters,
            seed,
        );
        let bias = vec![E::zero(); spec.filters];
        Self::from_keras_with_spec(spec, "conv1d.kernel", &kernel, Some(&bias))
            .unwrap_or_else(|_| unreachable!("sizes come from the types"))
    }

    /// [`Conv1D::from_keras`] for a checked `spec`, its errors naming the kernel `name`.
    pub(crate) fn from_keras_with_spec(
        spec: Conv1dSpec,
        name: &str,
        kernel: &[E],
        bias: Option<&[E]>,
    ) -> Result<Self, ShapeError> {
        let shape = [spec.kernel_size, spec.in_channels / spec.groups, spec.filters];
        Self::check_weights(&spec, name, shape, kernel.len(), bias)?;
        let weights =
            Conv1dWeights::from_keras(spec, kernel, bias).unwrap_or_else(|e| unreachable_kernel_error(&e));
        Ok(Self { weights, activation: Activation::Linear, types: PhantomData })
    }

    /// [`Conv1D::from_pytorch`] for a checked `spec`, its errors naming the weight `name`.
    pub(crate) fn from_pytorch_with_spec(
        spec: Conv1dSpec,
        name: &str,
        weight: &[E],
        bias: Option<&[E]>,
    ) -> Result<Self, ShapeError> {
        let shape = [spec.filters, spec.in_channels / spec.groups, spec.kernel_size];
        Self::check_weights(&spec, name, shape, weight.len(), bias)?;
        let weights =
            Conv1dWeights::from_pytorch(spec, weight, bias).unwrap_or_else(|e| unreachable_kernel_error(&e));
        Ok(Self { weights, activation: Activation::Linear, types: PhantomData })
    }

    fn check_weights(
        spec: &Conv1dSpec,
        name: &str,
        shape: [usize; 3],
        len: usize,
        bias: Option<&[E]>,
    ) -> Result<(), ShapeError> {
        check_weight(name, &shape, len)?;
        match bias {
            Some(b) => check_weight(
                &name.replace("kernel", "bias").replace("weight", "bias"),
                &[spec.filters],
                b.len(),
            ),
            None => Ok(()),
        }
    }

    /// Sets the activation applied after the bias (Keras `activation=`); every element-wise
    /// activation is fused into the kernel; softmax runs over the last axis after it.
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        let fused = activation.fused().unwrap_or(shaped_kernels::Activation::Linear);
        Self { weights: self.weights.with_activation(fused), activation, types: PhantomData }
    }

    /// Keeps or drops the bias (Keras `use_bias=`); keeping it after dropping it restores a
    /// zero bias.
    #[must_use]
    pub fn use_bias(self, use_bias: bool) -> Self {
        let filters = self.weights.spec().filters;
        let zeros;
        let bias = match (use_bias, self.weights.bias()) {
            (false, _) => None,
            (true, Some(b)) => Some(b),
            (true, None) => {
                zeros = vec![E::zero(); filters];
                Some(zeros.as_slice())
            }
        };
        let weights = Conv1dWeights::from_keras(*self.weights.spec(), self.weights.keras_kernel(), bias)
            .unwrap_or_else(|e| unreachable_kernel_error(&e));
        Self { weights, activation: self.activation, types: PhantomData }
    }

    /// The kernel in PyTorch layout `(filters, in_channels/groups, kernel_size)`.
    pub fn pytorch_kernel(&self) -> Vec<E> {
        let spec = self.weights.spec();
        let [k, cig, f] = [spec.kernel_size, spec.channels_per_group(), spec.filters];
        let keras = self.weights.keras_kernel();
        let mut out = vec![E::zero(); keras.len()];
        for o in 0..f {
            for c in 0..cig {
                for t in 0..k {
                    out[(o * cig + c) * k + t] = keras[(t * cig + c) * f + o];
                }
            }
        }
        out
    }

    /// Folds an inference-mode BatchNormalization that follows this layer into its kernel and
    /// bias: `bn(conv(x)) = conv'(x)` with `kernel'[.., o] = kernel[.., o] * scale[o]` and
    /// `bias'[o] = bias[o] * scale[o] + shift[o]`. The standard inference optimisation: one pass
    /// over the data instead of two. Exact up to float rounding; the activation must come after
    /// the normalization, so the layer's own activation must be linear.
    ///
    /// Returns `None` when this layer has a non-linear activation (folding would change the
    /// result).
    pub fn fold_batch_norm(&self, bn: &crate::BatchNormalization<E, F>) -> Option<Self>
    where
        Self: ValidConv1dArgs,
        F: StaticDim,
    {
        if self.activation != Activation::Linear {
            return None;
        }
        let (scale, shift) = bn.affine();
        let f = Self::spec().filters;
        let kernel: Vec<E> =
            self.weights.keras_kernel().iter().enumerate().map(|(i, &w)| w * scale[i % f]).collect();
        let bias: Vec<E> =
            (0..f).map(|o| self.weights.bias().map_or(E::zero(), |b| b[o]) * scale[o] + shift[o]).collect();
        Self::from_keras(&kernel, Some(&bias)).ok()
    }

    /// Trainable parameters: kernel plus bias, as Keras's `count_params()`.
    pub fn param_count(&self) -> usize {
        self.weights.keras_kernel().len() + self.weights.bias().map_or(0, <[E]>::len)
    }
}

impl<E: Float, Cin, F, K, S, P, D, G, Fmt> core::fmt::Debug for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    P: Padding,
    Fmt: DataFormat,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = self.weights.spec();
        write!(
            f,
            "Conv1D(filters={}, kernel_size={}, strides={}, padding=\"{}\", data_format=\"{}\", dilation_rate={}, groups={}, activation={:?}, use_bias={}, in_channels={})",
            s.filters,
            s.kernel_size,
            s.stride,
            P::NAME,
            Fmt::KERAS_NAME,
            s.dilation,
            s.groups,
            self.activation,
            self.weights.bias().is_some(),
            s.in_channels
        )
    }
}

/// Accessors that hold for any arguments.
impl<E: Float, Cin, F, K, S, P, D, G, Fmt> Conv1D<E, Cin, F, K, S, P, D, G, Fmt> {
    /// The bias, or `None` when the layer has none.
    pub fn bias(&self) -> Option<&[E]> {
        self.weights.bias()
    }

    /// The activation.
    pub fn activation_kind(&self) -> Activation {
        self.activation
    }

    /// The prepared kernel weights, for callers that drive the slice-level kernels directly.
    pub fn kernel_weights(&self) -> &Conv1dWeights<E> {
        &self.weights
    }

    /// The kernel in Keras layout `(kernel_size, in_channels/groups, filters)`.
    pub fn keras_kernel(&self) -> &[E] {
        self.weights.keras_kernel()
    }

    /// Changes the kernel (Keras layout `(kernel_size, in_channels/groups, filters)`) and the
    /// bias in place, then repacks them for the kernels: how an optimizer step updates the
    /// layer. The closure gets the bias only if the layer has one.
    ///
    /// ```
    /// use shaped::layers::Conv1D;
    /// use shaped::shapes::U;
    /// let mut conv: Conv1D<f32, U![1], U![2], U![3]> = Conv1D::new(0);
    /// conv.update_weights(|kernel, bias| {
    ///     kernel.fill(0.5);
    ///     bias.unwrap().fill(1.0);
    /// });
    /// assert_eq!(conv.keras_kernel(), &[0.5; 6]);
    /// ```
    pub fn update_weights(&mut self, f: impl FnOnce(&mut [E], Option<&mut [E]>)) {
        self.weights.update(f);
    }
}

impl<E, Cin, F, K, S, P, D, G, Fmt> Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Self: Conv1dArgs,
{
    /// The kernels' geometry of a call on `batch` samples of input shape `X`: length, padding
    /// and layout, as [`Layer::forward`](crate::Layer::forward) computes them.
    pub fn geometry<X: SequenceBatch<Fmt>>(batch: usize) -> Conv1dGeometry {
        let length = <<X as SequenceBatch<Fmt>>::Len as typenum::Unsigned>::USIZE;
        let spec = <Self as Conv1dArgs>::SPEC;
        let (pad_left, pad_right) = <<Self as Conv1dArgs>::Padding as Padding>::pads(
            length,
            spec.kernel_size,
            spec.stride,
            spec.dilation,
        );
        let layout = match <<Self as Conv1dArgs>::Format as DataFormat>::KIND {
            DataFormatKind::ChannelsLast => Layout::ChannelsLast,
            DataFormatKind::ChannelsFirst => Layout::ChannelsFirst,
        };
        Conv1dGeometry { batch, length, pad_left, pad_right, layout }
    }
}

/// The kernels re-check what the types already guarantee; a failure there is a bug here.
fn unreachable_kernel_error(e: &shaped_kernels::KernelError) -> ! {
    unreachable!("Conv1D arguments are checked by the types, the kernel disagreed: {e}")
}

#[cfg(test)]
mod tests;
