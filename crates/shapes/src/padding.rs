//! Padding markers: Keras's `padding="valid" | "same" | "causal"` and PyTorch/ONNX explicit pads.

use core::marker::PhantomData;
use typenum::Unsigned;

/// How a convolution or pooling window pads the sequence, as a type.
///
/// The type decides the output length at compile time (see [`crate::ConvOutLen`]); [`Padding::pads`]
/// gives the zeros actually added, for the kernels.
pub trait Padding: Copy + Default + Send + Sync + 'static {
    /// Keras's name (`"valid"`, `"same"`, `"causal"`) or `"explicit"`.
    const NAME: &'static str;

    /// The padding as a run-time value.
    fn kind() -> PaddingKind;

    /// Zeros added `(before, after)` the sequence for a window of `kernel_size` taps spaced by
    /// `dilation`, moved by `stride`, over `length` steps.
    #[must_use]
    fn pads(length: usize, kernel_size: usize, stride: usize, dilation: usize) -> (usize, usize) {
        Self::kind().pads(length, kernel_size, stride, dilation)
    }
}

/// No padding: the window only visits positions where it fits entirely (`padding="valid"`).
///
/// Output length: `floor((L - eff) / strides) + 1`, with `eff = dilation_rate*(kernel_size-1)+1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Valid;

/// Keras's `padding="same"`: output length `ceil(L / strides)`.
///
/// The zeros needed are split with the odd one on the right, as Keras and TensorFlow do (and
/// PyTorch's `padding="same"` and ONNX's `SAME_UPPER`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Same;

/// Keras's `padding="causal"`: `dilation_rate*(kernel_size-1)` zeros on the left only, so that
/// output `t` sees no input after `t`. Output length `ceil(L / strides)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Causal;

/// Explicit zero padding `(Left, Right)` as type-level numbers: PyTorch's `padding=p` is
/// `Explicit<p, p>`, ONNX's `pads=[l, r]` is `Explicit<l, r>`.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct Explicit<Left, Right>(PhantomData<(Left, Right)>);

impl<Left, Right> Clone for Explicit<Left, Right> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Left, Right> Copy for Explicit<Left, Right> {}

/// A padding as a run-time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaddingKind {
    /// `padding="valid"`.
    Valid,
    /// `padding="same"` (Keras's asymmetric split).
    Same,
    /// `padding="causal"`.
    Causal,
    /// Explicit `(left, right)` zeros.
    Explicit {
        /// Zeros before the sequence.
        left: usize,
        /// Zeros after the sequence.
        right: usize,
    },
}

impl PaddingKind {
    /// Zeros `(before, after)` for a window over `length` steps, by Keras's rules.
    ///
    /// ```
    /// use shaped::shapes::PaddingKind;
    /// // Keras "same" with an even kernel puts the extra zero on the right.
    /// assert_eq!(PaddingKind::Same.pads(20, 4, 1, 1), (1, 2));
    /// // ... and with strides > 1 the total depends on the length.
    /// assert_eq!(PaddingKind::Same.pads(32, 3, 2, 1), (0, 1));
    /// assert_eq!(PaddingKind::Same.pads(33, 3, 2, 1), (1, 1));
    /// assert_eq!(PaddingKind::Causal.pads(20, 3, 1, 2), (4, 0));
    /// ```
    #[must_use]
    pub fn pads(self, length: usize, kernel_size: usize, stride: usize, dilation: usize) -> (usize, usize) {
        let eff = dilation * kernel_size.saturating_sub(1) + 1;
        match self {
            PaddingKind::Valid => (0, 0),
            PaddingKind::Same => {
                let out = length.div_ceil(stride.max(1));
                let total = (out.saturating_sub(1) * stride + eff).saturating_sub(length);
                (total / 2, total - total / 2)
            }
            PaddingKind::Causal => (eff - 1, 0),
            PaddingKind::Explicit { left, right } => (left, right),
        }
    }

    /// Keras's name of the padding.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            PaddingKind::Valid => "valid",
            PaddingKind::Same => "same",
            PaddingKind::Causal => "causal",
            PaddingKind::Explicit { .. } => "explicit",
        }
    }
}

impl Padding for Valid {
    const NAME: &'static str = "valid";
    fn kind() -> PaddingKind {
        PaddingKind::Valid
    }
}
impl Padding for Same {
    const NAME: &'static str = "same";
    fn kind() -> PaddingKind {
        PaddingKind::Same
    }
}
impl Padding for Causal {
    const NAME: &'static str = "causal";
    fn kind() -> PaddingKind {
        PaddingKind::Causal
    }
}
impl<Left, Right> Padding for Explicit<Left, Right>
where
    Left: Unsigned + Default + Send + Sync + 'static,
    Right: Unsigned + Default + Send + Sync + 'static,
{
    const NAME: &'static str = "explicit";
    fn kind() -> PaddingKind {
        PaddingKind::Explicit { left: Left::USIZE, right: Right::USIZE }
    }
}
