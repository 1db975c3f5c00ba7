//! Pooling over time: the gradient goes to each window's maximum, or is spread over the
//! window for an average.

use shaped_layers::pool::{AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D};
use shaped_layers::{Float, Layer};
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{DataFormat, DataFormatKind, Padding, Shape, StaticDim};
use shaped_tensor::Tensor;
use typenum::Unsigned;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<Pool, S, P, Fmt> for MaxPooling1D<Pool, S, P, Fmt>;
    impl<Pool, S, P, Fmt> for AveragePooling1D<Pool, S, P, Fmt>;
    impl<Fmt> for GlobalAveragePooling1D<Fmt>;
    impl<Fmt> for GlobalMaxPooling1D<Fmt>;
}

/// Where `(sample, step, channel)` lies in a slice of either layout.
#[derive(Clone, Copy)]
struct At {
    length: usize,
    channels: usize,
    channels_first: bool,
}

impl At {
    fn new<Fmt: DataFormat>(length: usize, channels: usize) -> Self {
        Self { length, channels, channels_first: Fmt::KIND == DataFormatKind::ChannelsFirst }
    }
    fn at(&self, n: usize, t: usize, c: usize) -> usize {
        if self.channels_first {
            (n * self.channels + c) * self.length + t
        } else {
            (n * self.length + t) * self.channels + c
        }
    }
}

/// Whether `v` is the value the max took (NaN wins over everything, as in the forward pass).
fn is_max<E: Float>(v: E, max: E) -> bool {
    v == max || (max.is_nan() && v.is_nan())
}

/// The sizes of a pooling call: input length and channels, output length.
fn sizes<Fmt: DataFormat, X: SequenceBatch<Fmt>>(out_len: usize, batch: usize) -> (usize, usize, usize) {
    let length = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
    let channels = <<X as SequenceBatch<Fmt>>::Channels as Unsigned>::USIZE;
    (length, channels, out_len / (batch * channels).max(1))
}

macro_rules! window_backward {
    ($name:ident, $max:literal) => {
        impl<E, X, Y, Pool, S, P, Fmt> Backward<E, Tensor<E, X>> for $name<Pool, S, P, Fmt>
        where
            Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
            E: Float,
            X: SequenceBatch<Fmt>,
            Y: Shape<Batch = X::Batch>,
            Pool: StaticDim,
            S: StaticDim,
            P: Padding,
            Fmt: DataFormat,
        {
            type Tape = ();
            type InputGrad = Tensor<E, X>;

            fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
                (self.forward_with(x, ctx.workspace()), ())
            }

            fn backward(
                &self,
                x: &Tensor<E, X>,
                y: &Tensor<E, Y>,
                _tape: (),
                dy: Tensor<E, Y>,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Tensor<E, X> {
                crate::backward::check_grads(stringify!($name), 0, grads.len());
                let batch = x.batch();
                let (length, channels, lout) = sizes::<Fmt, X>(y.len(), batch);
                let (size, stride) = (Pool::USIZE, S::USIZE);
                let (pad_left, _) = P::pads(length, size, stride, 1);
                let (ia, oa) = (At::new::<Fmt>(length, channels), At::new::<Fmt>(lout, channels));
                let mut dx: Tensor<E, X> = ctx.workspace().zeros_like(x);
                let (xs, ys, gs) = (x.as_slice(), y.as_slice(), dy.as_slice());
                let d = dx.as_mut_slice();
                for n in 0..batch {
                    for t in 0..lout {
                        let start = (t * stride) as isize - pad_left as isize;
                        let lo = start.max(0) as usize;
                        let hi = ((start + size as isize).max(0) as usize).min(length);
                        for c in 0..channels {
                            let g = gs[oa.at(n, t, c)];
                            if $max {
                                let m = ys[oa.at(n, t, c)];
                                if let Some(i) = (lo..hi).find(|&i| is_max(xs[ia.at(n, i, c)], m)) {
                                    let j = ia.at(n, i, c);
                                    d[j] = d[j] + g;
                                }
                            } else {
                                let count =
                                    if self.includes_padding() { size } else { hi.saturating_sub(lo) };
                                let share = g / E::from(count.max(1)).unwrap_or_else(E::one);
                                for i in lo..hi {
                                    let j = ia.at(n, i, c);
                                    d[j] = d[j] + share;
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

window_backward!(MaxPooling1D, true);
window_backward!(AveragePooling1D, false);

macro_rules! global_backward {
    ($name:ident, $max:literal) => {
        impl<E, X, Y, Fmt> Backward<E, Tensor<E, X>> for $name<Fmt>
        where
            Self: Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
            E: Float,
            X: SequenceBatch<Fmt>,
            Y: Shape<Batch = X::Batch>,
            Fmt: DataFormat,
        {
            type Tape = ();
            type InputGrad = Tensor<E, X>;

            fn forward_train(&mut self, x: &Tensor<E, X>, ctx: &mut TrainContext) -> (Tensor<E, Y>, ()) {
                (self.forward_with(x, ctx.workspace()), ())
            }

            fn backward(
                &self,
                x: &Tensor<E, X>,
                y: &Tensor<E, Y>,
                _tape: (),
                dy: Tensor<E, Y>,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Tensor<E, X> {
                crate::backward::check_grads(stringify!($name), 0, grads.len());
                let batch = x.batch();
                let length = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
                let channels = <<X as SequenceBatch<Fmt>>::Channels as Unsigned>::USIZE;
                let ia = At::new::<Fmt>(length, channels);
                let mut dx: Tensor<E, X> = ctx.workspace().zeros_like(x);
                let (xs, ys, gs) = (x.as_slice(), y.as_slice(), dy.as_slice());
                let d = dx.as_mut_slice();
                let scale = E::from(length.max(1)).unwrap_or_else(E::one);
                for n in 0..batch {
                    for c in 0..channels {
                        let g = gs[n * channels + c];
                        if $max {
                            let m = ys[n * channels + c];
                            if let Some(i) = (0..length).find(|&i| is_max(xs[ia.at(n, i, c)], m)) {
                                d[ia.at(n, i, c)] = g;
                            }
                        } else {
                            let share = g / scale;
                            for i in 0..length {
                                d[ia.at(n, i, c)] = share;
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

global_backward!(GlobalAveragePooling1D, false);
global_backward!(GlobalMaxPooling1D, true);
