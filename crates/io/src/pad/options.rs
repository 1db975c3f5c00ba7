//! The arguments of `pad_sequences`.

use shaped_tensor::Element;

/// Which end of a sequence padding goes to, or truncation removes steps from (Keras's
/// `"pre"` / `"post"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Side {
    /// The start of the sequence (`"pre"`, Keras's default for both `padding` and
    /// `truncating`).
    #[default]
    Pre,
    /// The end of the sequence (`"post"`).
    Post,
}

impl Side {
    /// Keras's spelling: `"pre"` or `"post"`.
    #[must_use]
    pub fn as_keras(self) -> &'static str {
        match self {
            Side::Pre => "pre",
            Side::Post => "post",
        }
    }
}

/// The arguments of [`crate::pad_sequences`] apart from `maxlen` (which is the tensor's length
/// type) and `dtype` (which is the element type).
///
/// The defaults are Keras's: `padding="pre"`, `truncating="pre"`, `value=0.0`.
///
/// ```
/// use shaped::io::{PadOptions, Side};
/// let options = PadOptions::<f64>::new().padding(Side::Post).truncating(Side::Post).value(-1.0);
/// assert_eq!(options.padding_side(), Side::Post);
/// assert_eq!(options.pad_value(), -1.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PadOptions<E> {
    padding: Side,
    truncating: Side,
    value: E,
    require_longest: bool,
    forbid_truncation: bool,
}

impl<E: Element> Default for PadOptions<E> {
    fn default() -> Self {
        Self {
            padding: Side::Pre,
            truncating: Side::Pre,
            value: E::zero(),
            require_longest: false,
            forbid_truncation: false,
        }
    }
}

impl<E: Element> PadOptions<E> {
    /// Keras's defaults: pad and truncate at the start, pad with zeros.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Where padding goes (Keras `padding=`).
    #[must_use]
    pub fn padding(self, side: Side) -> Self {
        Self { padding: side, ..self }
    }

    /// Which end loses steps when a sequence is longer than the length (Keras `truncating=`).
    #[must_use]
    pub fn truncating(self, side: Side) -> Self {
        Self { truncating: side, ..self }
    }

    /// The padding value (Keras `value=`), in the element type.
    #[must_use]
    pub fn value(self, value: E) -> Self {
        Self { value, ..self }
    }

    /// Keras's `maxlen=None`: the length must be the longest sequence's, or the call fails
    /// with [`crate::PadError::Longest`] (nothing is truncated then).
    #[must_use]
    pub fn require_longest(self) -> Self {
        Self { require_longest: true, ..self }
    }

    /// Makes any truncation an error ([`crate::PadError::Truncation`]) instead of a number in
    /// the report.
    #[must_use]
    pub fn forbid_truncation(self) -> Self {
        Self { forbid_truncation: true, ..self }
    }

    /// Where padding goes.
    pub fn padding_side(&self) -> Side {
        self.padding
    }

    /// Which end truncation removes steps from.
    pub fn truncating_side(&self) -> Side {
        self.truncating
    }

    /// The padding value.
    pub fn pad_value(&self) -> E {
        self.value
    }

    /// Whether the length must equal the longest sequence's.
    pub fn requires_longest(&self) -> bool {
        self.require_longest
    }

    /// Whether truncation is an error.
    pub fn forbids_truncation(&self) -> bool {
        self.forbid_truncation
    }
}
