//! The sizes of one forward call, flattened for the kernels, and the padding arithmetic.

use crate::{Activation, Conv1dGeometry, Conv1dSpec};

/// Everything a kernel needs to know about one call, as plain numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dims {
    /// Input time steps per sample.
    pub len: usize,
    /// Input channels.
    pub cin: usize,
    /// Output channels.
    pub f: usize,
    /// Input channels per group.
    pub cig: usize,
    /// Filters per group.
    pub fog: usize,
    /// Channel groups.
    pub groups: usize,
    /// Kernel taps.
    pub k: usize,
    /// Stride.
    pub s: usize,
    /// Dilation.
    pub d: usize,
    /// Zeros before the sequence.
    pub pl: usize,
    /// Output time steps per sample.
    pub lout: usize,
    /// The element-wise activation after the bias (softmax runs as a separate pass: linear
    /// here).
    pub act: Activation,
}

impl Dims {
    pub(crate) fn new(spec: &Conv1dSpec, geo: &Conv1dGeometry) -> Self {
        Dims {
            len: geo.length,
            cin: spec.in_channels,
            f: spec.filters,
            cig: spec.channels_per_group(),
            fog: spec.filters_per_group(),
            groups: spec.groups,
            k: spec.kernel_size,
            s: spec.stride,
            d: spec.dilation,
            pl: geo.pad_left,
            lout: geo.output_length(spec),
            act: if spec.activation.is_elementwise() { spec.activation } else { Activation::Linear },
        }
    }

    /// Whether the taps of one output position read one contiguous run of the channels-last
    /// input (no dilation gaps, no other groups' channels in between).
    pub(crate) fn merged_taps(&self) -> bool {
        self.groups == 1 && (self.d == 1 || self.k == 1)
    }

    /// The output positions `[lo, hi)` whose taps all fall inside the input (no padding read);
    /// `lo <= hi <= lout`.
    pub(crate) fn interior(&self) -> (usize, usize) {
        let eff = self.d * (self.k - 1) + 1;
        let hi = if self.len + self.pl >= eff { (self.len + self.pl - eff) / self.s + 1 } else { 0 };
        let hi = hi.min(self.lout);
        let lo = self.pl.div_ceil(self.s).min(hi);
        (lo, hi)
    }

    /// The taps `[k0, k1)` of output position `t` that read the input rather than padding
    /// (`k0 >= k1` when none does).
    pub(crate) fn taps(&self, t: usize) -> (usize, usize) {
        let pos = t * self.s;
        let end = self.pl + self.len;
        if pos >= end {
            return (0, 0);
        }
        let k0 = if pos >= self.pl { 0 } else { (self.pl - pos).div_ceil(self.d) };
        let k1 = (end - pos).div_ceil(self.d).min(self.k);
        (k0, k1)
    }

    /// Input offset (channels-last, one sample) of tap `k` of output position `t` in group
    /// `g`; only for taps inside the input.
    #[inline(always)]
    pub(crate) fn input_offset(&self, t: usize, k: usize, g: usize) -> usize {
        (t * self.s + k * self.d - self.pl) * self.cin + g * self.cig
    }
}
