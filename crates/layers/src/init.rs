//! Deterministic weight initialisation (Keras's `glorot_uniform`).

use crate::Float;

/// SplitMix64: a small, well-mixed generator; enough for reproducible initial weights.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` values uniform in `[-limit, limit)` with `limit = sqrt(6 / (fan_in + fan_out))`,
/// Keras's default kernel initialiser.
pub(crate) fn glorot_uniform<E: Float>(n: usize, fan_in: usize, fan_out: usize, seed: u64) -> Vec<E> {
    let limit = (6.0 / (fan_in + fan_out).max(1) as f64).sqrt();
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| num_traits::cast((rng.next_f64() * 2.0 - 1.0) * limit).unwrap_or_else(E::zero)).collect()
}

/// `n` values uniform in `[low, high)`, Keras's `RandomUniform(minval, maxval)` (Embedding's
/// default `"uniform"` is `[-0.05, 0.05)`).
pub(crate) fn random_uniform<E: Float>(n: usize, low: f64, high: f64, seed: u64) -> Vec<E> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| num_traits::cast(low + rng.next_f64() * (high - low)).unwrap_or_else(E::zero)).collect()
}
