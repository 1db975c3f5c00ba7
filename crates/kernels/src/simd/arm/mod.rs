//! AArch64 vectors (NEON, also called Advanced SIMD) and the `#[target_feature]` entry points.

pub(crate) mod neon;
