//! x86-64 vectors (AVX-512F, AVX2+FMA) and the `#[target_feature]` entry points.

pub(crate) mod avx2;
pub(crate) mod avx512;
