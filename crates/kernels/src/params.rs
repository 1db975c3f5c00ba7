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

/// The activation applied after the bias, fused into the kernel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Activation {
    /// The identity (Keras `activation=None` / `"linear"`).
    #[default]
    Linear,
    /// `max(x, 0)` (Keras `activation="relu"`).
    Relu,
}

impl Activation {
    /// Applies the activation to one value.
    #[inline(always)]
    pub fn apply<T: num_traits::Float>(self, x: T) -> T {
        match self {
            Activation::Linear => x,
            Activation::Relu => {
                if x > T::zero() {
                    x
                } else {
                    T::zero()
                }
            }
        }
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
    pub fn effective_kernel(&self) -> usize {
        self.dilation * (self.kernel_size.max(1) - 1) + 1
    }

    /// Input channels per group.
    pub fn channels_per_group(&self) -> usize {
        self.in_channels / self.groups
    }

    /// Filters per group.
    pub fn filters_per_group(&self) -> usize {
        self.filters / self.groups
    }

    /// Elements of the kernel: `kernel_size * in_channels/groups * filters`.
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
    pub fn input_len(&self, spec: &Conv1dSpec) -> usize {
        self.batch * self.length * spec.in_channels
    }

    /// Elements of the output slice.
    pub fn output_len(&self, spec: &Conv1dSpec) -> usize {
        self.batch * self.output_length(spec) * spec.filters
    }

    /// Floating-point operations of one forward pass: `2 * B * Lout * filters * Cin/groups * K`.
    pub fn flops(&self, spec: &Conv1dSpec) -> u64 {
        2 * (self.batch * self.output_length(spec) * spec.filters) as u64
            * (spec.channels_per_group() * spec.kernel_size) as u64
    }
}
