//! The two weight layouts.

use core::fmt;

/// How a layer's weights are named and laid out in a file. Always given explicitly: a
/// layout is never guessed from a tensor's shape.
///
/// | layout | Conv1D kernel name | Conv1D kernel shape |
/// | --- | --- | --- |
/// | [`WeightLayout::Keras`] | `<layer>.kernel` | `(kernel_size, in_channels/groups, filters)` |
/// | [`WeightLayout::PyTorch`] | `<layer>.weight` | `(filters, in_channels/groups, kernel_size)` |
///
/// Both name the bias `<layer>.bias`, shape `(filters,)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeightLayout {
    /// Keras: `layer.get_weights()`, `model.save_weights`, the names in a `.weights.h5`.
    Keras,
    /// PyTorch: `module.state_dict()` (and ONNX initialisers).
    PyTorch,
}

impl WeightLayout {
    /// The name written in a file's `layout` metadata: `"keras"` or `"pytorch"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            WeightLayout::Keras => "keras",
            WeightLayout::PyTorch => "pytorch",
        }
    }

    /// The name of a convolution's kernel variable: `kernel` (Keras) or `weight` (PyTorch).
    #[must_use]
    pub fn kernel_name(self) -> &'static str {
        match self {
            WeightLayout::Keras => "kernel",
            WeightLayout::PyTorch => "weight",
        }
    }

    /// The other layout.
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            WeightLayout::Keras => WeightLayout::PyTorch,
            WeightLayout::PyTorch => WeightLayout::Keras,
        }
    }

    /// The axes of a Conv1D kernel in this layout.
    pub(crate) fn conv1d_axes(self) -> &'static str {
        match self {
            WeightLayout::Keras => "(kernel_size, in_channels/groups, filters)",
            WeightLayout::PyTorch => "(filters, in_channels/groups, kernel_size)",
        }
    }
}

impl fmt::Display for WeightLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightLayout::Keras => write!(f, "Keras layout"),
            WeightLayout::PyTorch => write!(f, "PyTorch layout"),
        }
    }
}
