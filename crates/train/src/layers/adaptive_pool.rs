//! `AdaptiveAveragePooling1D` and `AdaptiveMaxPooling1D`: each bin's gradient goes back to
//! its steps (bins that overlap add up on the steps they share).

use shaped_layers::pool::{adaptive_bin, AdaptiveAveragePooling1D, AdaptiveMaxPooling1D};
use shaped_layers::{Float, Layer};
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<Out> for AdaptiveAveragePooling1D<Out>;
    impl<Out> for AdaptiveMaxPooling1D<Out>;
}

macro_rules! adaptive_backward {
    ($(#[$doc:meta])* $name:ident, $max:literal) => {
        $(#[$doc])*
        impl<E, B, L, C, Out, Y> Backward<E, Tensor<E, (B, L, C)>> for $name<Out>
        where
            Self: Layer<Tensor<E, (B, L, C)>, Output = Tensor<E, Y>>,
            E: Float,
            B: Dim,
            L: StaticDim,
            C: StaticDim,
            (B, L, C): Shape<Batch = B>,
            Out: StaticDim,
            Y: Shape,
        {
            type Tape = ();
            type InputGrad = Tensor<E, (B, L, C)>;

            fn forward_train(&mut self, x: &Tensor<E, (B, L, C)>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
                (self.forward_with(x, ctx.workspace()), ())
            }

            fn backward(
                &self,
                x: &Tensor<E, (B, L, C)>,
                y: &Tensor<E, Y>,
                _tape: (),
                dy: Tensor<E, Y>,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Tensor<E, (B, L, C)> {
                crate::backward::check_grads(stringify!($name), 0, grads.len());
                let (l, c, out) = (L::USIZE, C::USIZE, Out::USIZE);
                let (in_sample, out_sample) = ((l * c).max(1), (out * c).max(1));
                let mut dx: Tensor<E, (B, L, C)> = ctx.workspace().zeros_like(x);
                let samples = dx
                    .as_mut_slice()
                    .chunks_exact_mut(in_sample)
                    .zip(x.as_slice().chunks_exact(in_sample))
                    .zip(y.as_slice().chunks_exact(out_sample).zip(dy.as_slice().chunks_exact(out_sample)));
                for ((d, xs), (ys, gs)) in samples {
                    for i in 0..out {
                        let (start, end) = adaptive_bin(i, l, out);
                        for ch in 0..c {
                            let g = gs[i * c + ch];
                            if $max {
                                // The first step holding the bin's maximum (the forward pass keeps
                                // the first of equal values; a bin of NaN only has none).
                                let m = ys[i * c + ch];
                                if let Some(t) = (start..end).find(|&t| xs[t * c + ch] == m) {
                                    d[t * c + ch] = d[t * c + ch] + g;
                                }
                            } else {
                                let count = E::from((end - start).max(1)).unwrap_or_else(E::one);
                                let share = g / count;
                                for t in start..end {
                                    d[t * c + ch] = d[t * c + ch] + share;
                                }
                            }
                        }
                    }
                }
                ctx.workspace().give(dy);
                dx
            }
        }
    };
}

adaptive_backward! {
    /// Each bin's gradient divided evenly among its steps.
    AdaptiveAveragePooling1D, false
}

adaptive_backward! {
    /// Each bin's gradient to the step holding its maximum (the first, on ties).
    AdaptiveMaxPooling1D, true
}
