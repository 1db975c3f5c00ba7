//! Masking: the layer that marks the padded time steps of a sequence.

use shaped_tensor::{Masked, StepShape, Tensor, Workspace};
use typenum::Unsigned;

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Masks the time steps whose every channel equals `mask_value`, and zeroes them: `(batch,
/// steps, channels)` becomes a [`Masked`] sequence of the same shape, with its `(batch, steps)`
/// mask.
///
/// **Keras equivalent:** `keras.layers.Masking(mask_value=0.0)`, with Keras 3's semantics
/// exactly: a step is kept when any of its channels differs from `mask_value` (so a NaN
/// `mask_value` keeps every step, and a step holding NaN is kept), and every value of a masked
/// step becomes `+0.0` (Keras's `where(mask, x, 0)`: infinities too, no NaN). **PyTorch equivalent:** none built in; `x.ne(v).any(-1)` as a padding mask.
///
/// ```
/// use shaped::layers::{Layer, Masking};
/// use shaped::shapes::{shape, Dyn};
/// use shaped::tensor::{Masked, Tensor};
/// let x = Tensor::<f32, shape![Dyn, 3, 2]>::from_vec(vec![1., 2., 0., 0., 3., 0.])?;
/// let y: Masked<f32, shape![Dyn, 3, 2]> = Masking::new(0.0).forward(&x);
/// assert_eq!(y.mask().as_slice(), &[true, false, true]);
/// assert_eq!(y.values().as_slice(), &[1., 2., 0., 0., 3., 0.]);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Masking<E> {
    mask_value: E,
}

impl<E: Float> Masking<E> {
    /// The layer masking steps equal to `mask_value` in every channel (Keras's default is
    /// `0.0`).
    #[must_use]
    pub fn new(mask_value: E) -> Self {
        Self { mask_value }
    }

    /// The value whose steps are masked.
    #[must_use]
    pub fn mask_value(&self) -> E {
        self.mask_value
    }
}

impl<E: Float> Default for Masking<E> {
    fn default() -> Self {
        Self::new(E::zero())
    }
}

impl<E: Float> LayerInfo for Masking<E> {
    fn name(&self) -> String {
        format!("Masking(mask_value={:?})", self.mask_value)
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl<E: Float> shaped_shapes::mask_rules::SupportsMasking for Masking<E> {
    type Answer = typenum::B1;
}

impl<E, S> Layer<Tensor<E, S>> for Masking<E>
where
    E: Float,
    S: StepShape + shaped_shapes::rules::SequenceBatch<shaped_shapes::ChannelsLast>,
{
    type Output = Masked<E, S>;

    fn forward_with(&self, x: &Tensor<E, S>, ws: &mut Workspace) -> Self::Output {
        let channels = <<S as StepShape>::Channels as Unsigned>::USIZE;
        let mut y = ws.tensor_like(x);
        let mut flags = Vec::with_capacity(x.len() / channels.max(1));
        let steps = x.as_slice().chunks_exact(channels.max(1));
        for (step, out) in steps.zip(y.as_mut_slice().chunks_exact_mut(channels.max(1))) {
            // Keras: any(not_equal(x, mask_value), axis=-1); NaN != v is true.
            let kept = step.iter().any(|&v| v != self.mask_value);
            // Keras: where(mask, x, 0).
            out.iter_mut().zip(step).for_each(|(o, &v)| *o = if kept { v } else { E::zero() });
            flags.push(kept);
        }
        Masked::with_flags(y, flags)
            .unwrap_or_else(|e| unreachable!("one flag per step of the values it was computed from: {e}"))
    }
}

/// A masked sequence through Masking again: Keras's Masking computes its mask from the values
/// alone, ignoring the mask that came in.
impl<E, S> crate::MaskedLayer<E, S> for Masking<E>
where
    E: Float,
    S: StepShape + shaped_shapes::rules::SequenceBatch<shaped_shapes::ChannelsLast>,
{
    type Output = Masked<E, S>;

    fn forward_masked_with(&self, x: &Masked<E, S>, ws: &mut Workspace) -> Self::Output {
        <Self as Layer<Tensor<E, S>>>::forward_with(self, x.values(), ws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::Dyn;
    use typenum::{U2, U3};

    #[test]
    fn masked_steps_become_positive_zeros_as_in_keras() {
        let x = Tensor::<f32, (Dyn, U3, U2)>::from_vec(vec![-1., -1., 1., -1., f32::NAN, -1.]).unwrap();
        let y = Masking::new(-1.0).forward(&x);
        assert_eq!(y.mask().as_slice(), &[false, true, true]);
        assert!(y.values().as_slice()[0].is_sign_positive() && y.values().as_slice()[0] == 0.0);
        assert!(y.values().as_slice()[4].is_nan());
    }

    #[test]
    fn a_nan_mask_value_keeps_every_step() {
        let x = Tensor::<f64, (Dyn, U3, U2)>::from_vec(vec![f64::NAN; 6]).unwrap();
        let y = Masking::new(f64::NAN).forward(&x);
        assert_eq!(y.mask().as_slice(), &[true; 3]);
    }

    #[test]
    fn infinite_masked_steps_become_zeros() {
        let x = Tensor::<f32, (Dyn, U3, U2)>::from_vec(vec![f32::INFINITY; 6]).unwrap();
        let y = Masking::new(f32::INFINITY).forward(&x);
        assert_eq!(y.mask().as_slice(), &[false; 3]);
        assert!(y.values().as_slice().iter().all(|&v| v == 0.0 && v.is_sign_positive()));
    }
}
