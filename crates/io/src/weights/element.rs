//! Element types as stored in safetensors.

use safetensors::Dtype;
use shaped_tensor::Element;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// An element type stored in safetensors: `f32` as `F32`, `f64` as `F64`, little-endian.
///
/// A tensor stored with another dtype is an error naming both, never a silent conversion.
pub trait WeightElement: Element + sealed::Sealed {
    /// The safetensors dtype name: `"F32"` or `"F64"`.
    const SAFETENSORS_DTYPE: &'static str;
    /// Bytes per element.
    const SIZE: usize;
    /// Decodes one little-endian element (`None` if `bytes` is not `SIZE` long).
    fn from_le_slice(bytes: &[u8]) -> Option<Self>;
    /// Appends the little-endian bytes of `self`.
    fn extend_le(self, out: &mut Vec<u8>);
}

impl WeightElement for f32 {
    const SAFETENSORS_DTYPE: &'static str = "F32";
    const SIZE: usize = 4;
    fn from_le_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(f32::from_le_bytes)
    }
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl WeightElement for f64 {
    const SAFETENSORS_DTYPE: &'static str = "F64";
    const SIZE: usize = 8;
    fn from_le_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(f64::from_le_bytes)
    }
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

/// The safetensors dtype of `E`.
pub(crate) fn dtype_of<E: WeightElement>() -> Dtype {
    if E::SIZE == 8 {
        Dtype::F64
    } else {
        Dtype::F32
    }
}

/// A dtype's name as safetensors writes it, with numpy's name for the common ones.
pub(crate) fn dtype_name(dtype: Dtype) -> String {
    let numpy = match dtype {
        Dtype::F32 => "float32",
        Dtype::F64 => "float64",
        Dtype::F16 => "float16",
        Dtype::BF16 => "bfloat16",
        Dtype::I64 => "int64",
        Dtype::I32 => "int32",
        Dtype::I16 => "int16",
        Dtype::I8 => "int8",
        Dtype::U8 => "uint8",
        Dtype::BOOL => "bool",
        _ => "",
    };
    if numpy.is_empty() {
        format!("{dtype:?}")
    } else {
        format!("{dtype:?} ({numpy})")
    }
}
