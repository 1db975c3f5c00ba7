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
/// A tensor stored with another dtype is an error naming both, never a silent conversion;
/// the one exception is a half-precision tensor (`F16`, `BF16`), converted exactly (every
/// half-precision value, subnormals, infinities and NaN payloads included, is a float32 and a
/// float64 value).
pub trait WeightElement: Element + sealed::Sealed {
    /// The safetensors dtype name: `"F32"` or `"F64"`.
    const SAFETENSORS_DTYPE: &'static str;
    /// Bytes per element.
    const SIZE: usize;
    /// Decodes one little-endian element (`None` if `bytes` is not `SIZE` long).
    fn from_le_slice(bytes: &[u8]) -> Option<Self>;
    /// Appends the little-endian bytes of `self`.
    fn extend_le(self, out: &mut Vec<u8>);
    /// Widens a float32 value, exactly.
    fn from_f32(v: f32) -> Self;
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
    fn from_f32(v: f32) -> Self {
        v
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
    fn from_f32(v: f32) -> Self {
        f64::from(v)
    }
}

/// An IEEE half-precision value (`F16`, given by its bits) as the float32 of the same value.
///
/// Exact: normal numbers get their exponent rebiased (15 to 127), subnormals are normalised
/// (every one is a normal float32), infinities stay infinite and NaNs keep sign and payload.
pub(crate) fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits & 0x8000) << 16;
    let exponent = u32::from((bits >> 10) & 0x1F);
    let mantissa = u32::from(bits & 0x03FF);
    let out = match (exponent, mantissa) {
        (0, 0) => sign,
        (0, m) => {
            // value = m * 2^-24; shift the leading one up to bit 10.
            let shift = m.leading_zeros() - 21; // m < 2^10: leading zeros in 22..=31
            let m = (m << shift) & 0x03FF;
            let e = 127 - 15 + 1 - shift;
            sign | (e << 23) | (m << 13)
        }
        (0x1F, m) => sign | 0x7F80_0000 | (m << 13),
        (e, m) => sign | ((e + 127 - 15) << 23) | (m << 13),
    };
    f32::from_bits(out)
}

/// A bfloat16 value (given by its bits) as the float32 of the same value: its top 16 bits.
pub(crate) fn bf16_to_f32(bits: u16) -> f32 {
    f32::from_bits(u32::from(bits) << 16)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_conversion_is_exact_for_every_value() {
        for bits in 0..=u16::MAX {
            let got = f16_to_f32(bits);
            let sign = if bits & 0x8000 != 0 { -1.0f64 } else { 1.0 };
            let e = i32::from((bits >> 10) & 0x1F);
            let m = f64::from(bits & 0x3FF);
            let want = match e {
                0 => sign * m * 2f64.powi(-24),
                31 if m == 0.0 => sign * f64::INFINITY,
                31 => {
                    assert!(got.is_nan(), "{bits:#06x}");
                    assert_eq!(
                        got.to_bits() >> 13 & 0x3FF,
                        u32::from(bits & 0x3FF),
                        "payload of {bits:#06x}"
                    );
                    assert_eq!(got.is_sign_negative(), sign < 0.0);
                    continue;
                }
                _ => sign * (1024.0 + m) * 2f64.powi(e - 25),
            };
            assert_eq!(f64::from(got), want, "{bits:#06x}");
            assert_eq!(got.is_sign_negative(), sign < 0.0, "sign of {bits:#06x}");
        }
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7BFF), 65504.0);
    }

    #[test]
    fn bf16_conversion_is_the_top_half() {
        assert_eq!(bf16_to_f32(0x3F80), 1.0);
        assert_eq!(bf16_to_f32(0xC0A0), -5.0);
        assert_eq!(bf16_to_f32(0x0001), f32::from_bits(0x0001_0000));
        assert!(bf16_to_f32(0x7FC1).is_nan());
        for bits in 0..=u16::MAX {
            assert_eq!(bf16_to_f32(bits).to_bits() >> 16, u32::from(bits));
        }
    }
}
