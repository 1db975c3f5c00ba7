//! Plain parameters of a Conv1D: the layer's arguments and the input's geometry.

use crate::KernelError;

/// Axis order of the input and output slices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// `(batch, length, channels)`, Keras's default.
    ChannelsLast,
    /// `(batch, channels, length)`, PyTorch's and ONNX's.
    ChannelsFirst,
}

/// The activation applied after the bias.
///
/// Element-wise activations are fused into the kernels' epilogue: the output tile is still in
/// registers when the bias and then the activation are applied, and it is stored once.
/// [`Activation::Softmax`] needs whole rows, so [`Conv1dWeights`](crate::Conv1dWeights) runs it
/// as a separate pass over the output's last axis (the filters for channels-last data, the
/// time steps for channels-first data, as Keras's `axis=-1`).
///
/// **NaN policy (TensorFlow's):** NaN in gives NaN out for every activation; `relu(NaN)` is
/// NaN (not 0), and a NaN anywhere in a softmax row makes the whole row NaN. `relu(-0.0)` is
/// `-0.0`, as TensorFlow's `x < 0 ? 0 : x`.
///
/// The parameters are `f64` (rounded to the element type when applied); two activations are
/// equal when their parameters have the same bits.
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub enum Activation {
    /// The identity (Keras `activation=None` / `"linear"`).
    #[default]
    Linear,
    /// `max(x, 0)` (Keras `"relu"`), NaN kept.
    Relu,
    /// `x` for `x > 0`, `negative_slope * x` otherwise (Keras `"leaky_relu"`, slope 0.2, or
    /// `LeakyReLU(negative_slope)`).
    LeakyRelu(f64),
    /// `x` for `x >= 0`, `alpha * (exp(x) - 1)` otherwise (Keras `"elu"`, alpha 1).
    Elu(f64),
    /// `x * Phi(x)` with the exact normal CDF (Keras `"gelu"`, `approximate=False`).
    Gelu,
    /// `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` (`gelu(approximate=True)`).
    GeluTanh,
    /// `1 / (1 + exp(-x))` (Keras `"sigmoid"`).
    Sigmoid,
    /// `tanh(x)` (Keras `"tanh"`).
    Tanh,
    /// `x * sigmoid(x)` (Keras `"silu"` / `"swish"`).
    Silu,
    /// `exp(x - max) / sum(exp(x - max))` over rows (Keras `"softmax"`, `axis=-1`); not
    /// element-wise.
    Softmax,
}

impl Activation {
    /// Whether the activation acts on each element alone (everything but softmax), so that it
    /// can be fused into a kernel's epilogue.
    #[must_use]
    pub fn is_elementwise(self) -> bool {
        !matches!(self, Activation::Softmax)
    }

    /// The variant and the bits of its parameter, for equality and hashing.
    fn key(self) -> (u8, u64) {
        match self {
            Activation::Linear => (0, 0),
            Activation::Relu => (1, 0),
            Activation::LeakyRelu(s) => (2, s.to_bits()),
            Activation::Elu(a) => (3, a.to_bits()),
            Activation::Gelu => (4, 0),
            Activation::GeluTanh => (5, 0),
            Activation::Sigmoid => (6, 0),
            Activation::Tanh => (7, 0),
            Activation::Silu => (8, 0),
            Activation::Softmax => (9, 0),
        }
    }

    /// Applies the activation to one value, with the portable path's arithmetic (a softmax of
    /// a single value is 1, or NaN). For slices use [`activation::apply`](crate::activation::apply).
    pub fn apply<T: crate::Scalar>(self, x: T) -> T {
        let mut v = [x];
        crate::activation::apply_with_isa(crate::Isa::Portable, self, &mut v, 1);
        v[0]
    }
}

impl PartialEq for Activation {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Activation {}

impl core::hash::Hash for Activation {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// A Conv1D layer's arguments, independent of the input's length and batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Conv1dSpec {
    /// Input channels.
    pub in_channels: usize,
    /// Output channels (Keras `filters`, PyTorch `out_channels`).
    pub filters: usize,
    /// Taps of the kernel.
    pub kernel_size: usize,
    /// Step between output positions.
    pub stride: usize,
    /// Spacing between taps (Keras `dilation_rate`).
    pub dilation: usize,
    /// Channel groups; `groups == in_channels` is a depthwise convolution.
    pub groups: usize,
    /// Activation fused after the bias.
    pub activation: Activation,
}

impl Conv1dSpec {
    /// Checks that every count is at least 1 and that `groups` divides both channel counts.
    ///
    /// # Errors
    ///
    /// [`KernelError`] naming the first zero size, or groups that do not divide the channels or
    /// the filters.
    pub fn validate(&self) -> Result<(), KernelError> {
        for (name, v) in [
            ("in_channels", self.in_channels),
            ("filters", self.filters),
            ("kernel_size", self.kernel_size),
            ("stride", self.stride),
            ("dilation", self.dilation),
            ("groups", self.groups),
        ] {
            if v == 0 {
                return Err(KernelError::InvalidSpec(format!("{name} must be at least 1, got 0")));
            }
        }
        if !self.in_channels.is_multiple_of(self.groups) {
            return Err(KernelError::InvalidSpec(format!(
                "groups {} does not divide in_channels {}",
                self.groups, self.in_channels
            )));
        }
        if !self.filters.is_multiple_of(self.groups) {
            return Err(KernelError::InvalidSpec(format!(
                "groups {} does not divide filters {}",
                self.groups, self.filters
            )));
        }
        Ok(())
    }

    /// `dilation * (kernel_size - 1) + 1`: the span the kernel covers.
    #[must_use]
    pub fn effective_kernel(&self) -> usize {
        self.dilation * (self.kernel_size.max(1) - 1) + 1
    }

    /// Input channels per group.
    #[must_use]
    pub fn channels_per_group(&self) -> usize {
        self.in_channels / self.groups
    }

    /// Filters per group.
    #[must_use]
    pub fn filters_per_group(&self) -> usize {
        self.filters / self.groups
    }

    /// Elements of the kernel: `kernel_size * in_channels/groups * filters`.
    #[must_use]
    pub fn kernel_len(&self) -> usize {
        self.kernel_size * self.channels_per_group() * self.filters
    }
}

/// The input a Conv1D runs on: batch, length, padding and layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Conv1dGeometry {
    /// Samples in the batch.
    pub batch: usize,
    /// Time steps per sample.
    pub length: usize,
    /// Zeros before each sequence.
    pub pad_left: usize,
    /// Zeros after each sequence.
    pub pad_right: usize,
    /// Axis order of the input and output.
    pub layout: Layout,
}

impl Conv1dGeometry {
    /// Output time steps: `floor((length + pads - eff) / stride) + 1`, or 0 when the kernel
    /// does not fit.
    #[must_use]
    pub fn output_length(&self, spec: &Conv1dSpec) -> usize {
        let padded = self.length + self.pad_left + self.pad_right;
        let eff = spec.effective_kernel();
        if padded < eff || spec.stride == 0 {
            0
        } else {
            (padded - eff) / spec.stride + 1
        }
    }

    /// Elements of the input slice.
    #[must_use]
    pub fn input_len(&self, spec: &Conv1dSpec) -> usize {
        self.batch * self.length * spec.in_channels
    }

    /// Elements of the output slice.
    #[must_use]
    pub fn output_len(&self, spec: &Conv1dSpec) -> usize {
        self.batch * self.output_length(spec) * spec.filters
    }

    /// Floating-point operations of one forward pass: `2 * B * Lout * filters * Cin/groups * K`.
    #[must_use]
    pub fn flops(&self, spec: &Conv1dSpec) -> u64 {
        2 * (self.batch * self.output_length(spec) * spec.filters) as u64
            * (spec.channels_per_group() * spec.kernel_size) as u64
    }
}
