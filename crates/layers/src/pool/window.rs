//! MaxPooling1D and AveragePooling1D.

use core::marker::PhantomData;

use shaped_shapes::pool_rules::{PoolArgAtLeastOne, PoolPadding};
use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{
    ChannelsLast, DataFormat, DataFormatKind, Padding, PoolLength, PoolOutLen, SequenceShape, Shape,
    StaticDim, Valid,
};
use shaped_tensor::{Tensor, Workspace};
use typenum::Unsigned;

use super::Indexer;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// The output shape of a pooling layer on input `X`.
pub type PoolOutput<Fmt, X, P, Pool, S> = <Fmt as SequenceShape<
    <X as Shape>::Batch,
    PoolOutLen<P, <X as SequenceBatch<Fmt>>::Len, Pool, S>,
    <X as SequenceBatch<Fmt>>::Channels,
>>::Output;

macro_rules! pooling_layer {
    ($(#[$doc:meta])* $name:ident, $keras:literal) => {
        $(#[$doc])*
        pub struct $name<Pool, S = Pool, P = Valid, Fmt = ChannelsLast> {
            count_include_pad: bool,
            types: PhantomData<fn() -> (Pool, S, P, Fmt)>,
        }

        impl<Pool, S, P, Fmt> Clone for $name<Pool, S, P, Fmt> {
            fn clone(&self) -> Self {
                Self { count_include_pad: self.count_include_pad, types: PhantomData }
            }
        }

        impl<Pool, S, P, Fmt> $name<Pool, S, P, Fmt> {
            /// Whether padded steps count in an average's divisor (PyTorch's
            /// `count_include_pad`; Keras's behaviour is `false`). Max pooling never counts them.
            pub fn includes_padding(&self) -> bool {
                self.count_include_pad
            }
        }

        impl<Pool, S, P, Fmt> Default for $name<Pool, S, P, Fmt> {
            fn default() -> Self {
                Self { count_include_pad: false, types: PhantomData }
            }
        }

        impl<Pool, S, P, Fmt> core::fmt::Debug for $name<Pool, S, P, Fmt>
        where
            Pool: Unsigned,
            S: Unsigned,
            P: Padding,
            Fmt: DataFormat,
        {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl<Pool, S, P, Fmt> LayerInfo for $name<Pool, S, P, Fmt>
        where
            Pool: Unsigned,
            S: Unsigned,
            P: Padding,
            Fmt: DataFormat,
        {
            fn name(&self) -> String {
                format!(
                    "{}(pool_size={}, strides={}, padding=\"{}\")",
                    $keras,
                    Pool::USIZE,
                    S::USIZE,
                    P::NAME
                )
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl<E, X, Pool, S, P, Fmt> Layer<Tensor<E, X>> for $name<Pool, S, P, Fmt>
        where
            E: Float,
            X: SequenceBatch<Fmt>,
            Pool: StaticDim + PoolArgAtLeastOne,
            S: StaticDim + PoolArgAtLeastOne,
            P: Padding + PoolLength<<X as SequenceBatch<Fmt>>::Len, Pool, S>,
            Fmt: DataFormat
                + SequenceShape<
                    <X as Shape>::Batch,
                    PoolOutLen<P, <X as SequenceBatch<Fmt>>::Len, Pool, S>,
                    <X as SequenceBatch<Fmt>>::Channels,
                >,
        {
            type Output = Tensor<E, PoolOutput<Fmt, X, P, Pool, S>>;

            fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
                let mut out = ws.zeros_like(x);
                let length = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
                let channels = <<X as SequenceBatch<Fmt>>::Channels as Unsigned>::USIZE;
                let lout = <PoolOutLen<P, <X as SequenceBatch<Fmt>>::Len, Pool, S> as Unsigned>::USIZE;
                let (pad_left, _) = P::pads(length, Pool::USIZE, S::USIZE, 1);
                let channels_first = Fmt::KIND == DataFormatKind::ChannelsFirst;
                let input = Indexer { length, channels, channels_first };
                let output = Indexer { length: lout, channels, channels_first };
                pool::<E>(
                    Self::MAX,
                    self.count_include_pad,
                    x.as_slice(),
                    out.as_mut_slice(),
                    x.batch(),
                    (Pool::USIZE, S::USIZE, pad_left),
                    input,
                    output,
                );
                out
            }
        }
    };
}

pooling_layer! {
    /// Max over a window of `Pool` steps moved by `S` (default `Pool`) along the time axis.
    ///
    /// **Keras equivalent:** `keras.layers.MaxPooling1D(pool_size, strides, padding,
    /// data_format)`. Padding never wins the max. **PyTorch equivalent:** `nn.MaxPool1d` with
    /// [`ChannelsFirst`](shaped_shapes::ChannelsFirst) and [`Explicit`](shaped_shapes::Explicit)
    /// padding.
    ///
    /// **NaN and infinity, as TensorFlow 2.21's CPU `MaxPool` (`tf.nn.max_pool1d`, what
    /// `MaxPooling1D` runs), measured by `tools/gen_nan_cases.py`:** NaN is skipped, and the
    /// max starts from the lowest finite value of the element type (`f32::MIN`,
    /// -3.4028235e38): `[nan, 1]` gives 1, `[nan, inf]` inf, and a window of only NaN and
    /// `-inf` gives `f32::MIN`, not NaN nor `-inf`. The same in both data formats. (PyTorch's
    /// `MaxPool1d` propagates NaN instead; [`GlobalMaxPooling1D`](super::GlobalMaxPooling1D)
    /// propagates it, as TensorFlow's `reduce_max` does.)
    ///
    /// ```
    /// use shaped::layers::{Layer, pool::MaxPooling1D};
    /// use shaped::shapes::{shape, Same, U};
    /// use shaped::tensor::{Tensor, Workspace};
    /// let x = Tensor::<f32, shape![1, 5, 1]>::from_vec(vec![1., 3., 2., 5., 4.])?;
    /// let y: Tensor<f32, shape![1, 2, 1]> = MaxPooling1D::<U![2]>::new().forward(&x);
    /// assert_eq!(y.as_slice(), &[3., 5.]);
    /// let z: Tensor<f32, shape![1, 3, 1]> = MaxPooling1D::<U![2], U![2], Same>::new().forward(&x);
    /// assert_eq!(z.as_slice(), &[3., 5., 4.]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    MaxPooling1D, "MaxPooling1D"
}

pooling_layer! {
    /// Average over a window of `Pool` steps moved by `S` (default `Pool`) along the time axis.
    ///
    /// **Keras equivalent:** `keras.layers.AveragePooling1D(pool_size, strides, padding,
    /// data_format)`: at `padding="same"` borders it divides by the number of real steps in the
    /// window. **PyTorch equivalent:** `nn.AvgPool1d`, whose default `count_include_pad=True`
    /// divides by `pool_size`: see [`AveragePooling1D::count_include_pad`].
    ///
    /// **NaN and infinity:** a sum, as in TensorFlow: a window with NaN, or with both `inf` and
    /// `-inf`, gives NaN; one with `inf` (`-inf`) and finite values gives `inf` (`-inf`).
    ///
    /// ```
    /// use shaped::layers::{Layer, pool::AveragePooling1D};
    /// use shaped::shapes::{shape, Same, U};
    /// use shaped::tensor::{Tensor, Workspace};
    /// let x = Tensor::<f32, shape![1, 5, 1]>::from_vec(vec![1., 3., 2., 5., 4.])?;
    /// let y: Tensor<f32, shape![1, 3, 1]> = AveragePooling1D::<U![2], U![2], Same>::new().forward(&x);
    /// assert_eq!(y.as_slice(), &[2., 3.5, 4.]); // the last window holds one real step
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    AveragePooling1D, "AveragePooling1D"
}

impl<Pool, S, P, Fmt> MaxPooling1D<Pool, S, P, Fmt> {
    const MAX: bool = true;

    /// The layer (it has no weights).
    #[must_use]
    pub fn new() -> Self
    where
        Pool: PoolArgAtLeastOne,
        S: PoolArgAtLeastOne,
        P: PoolPadding,
    {
        Self::default()
    }
}

impl<Pool, S, P, Fmt> AveragePooling1D<Pool, S, P, Fmt> {
    const MAX: bool = false;

    /// The layer with Keras's rule: padded steps are not counted.
    #[must_use]
    pub fn new() -> Self
    where
        Pool: PoolArgAtLeastOne,
        S: PoolArgAtLeastOne,
        P: PoolPadding,
    {
        Self::default()
    }

    /// Whether padded zeros count in the average (`true`: divide by `pool_size`, PyTorch's
    /// `AvgPool1d` default; `false`: Keras's rule).
    #[must_use]
    pub fn count_include_pad(self, include: bool) -> Self {
        Self { count_include_pad: include, types: PhantomData }
    }
}

/// One step of TensorFlow's CPU `MaxPool`: NaN never wins (`v > m` is false for it), and the
/// max starts from the lowest finite value ([`num_traits::Float::min_value`]), so a window of
/// NaN and `-inf` only gives that value.
#[inline]
fn tf_max<E: Float>(m: E, v: E) -> E {
    if v > m {
        v
    } else {
        m
    }
}

/// Windowed max or average over the time axis.
#[allow(clippy::too_many_arguments)]
fn pool<E: Float>(
    max: bool,
    count_include_pad: bool,
    x: &[E],
    y: &mut [E],
    batch: usize,
    (size, stride, pad_left): (usize, usize, usize),
    input: Indexer,
    output: Indexer,
) {
    let window = |t: usize| {
        let start = (t * stride) as isize - pad_left as isize;
        let lo = start.max(0) as usize;
        let hi = ((start + size as isize).max(0) as usize).min(input.length);
        (lo, hi)
    };
    let divisor = |lo: usize, hi: usize| -> E {
        let count = if count_include_pad { size } else { hi.saturating_sub(lo) };
        num_traits::cast(count.max(1)).unwrap_or_else(E::one)
    };
    let c = input.channels;
    if !input.channels_first {
        // Channels-last: a window is a run of whole rows; combine rows lane by lane.
        let (in_len, out_len) = (input.length * c, output.length * c);
        for n in 0..batch {
            let xs = &x[n * in_len..(n + 1) * in_len];
            let ys = &mut y[n * out_len..(n + 1) * out_len];
            for (t, out) in ys.chunks_exact_mut(c.max(1)).enumerate() {
                let (lo, hi) = window(t);
                if hi <= lo {
                    out.fill(if max { <E as num_traits::Float>::min_value() } else { E::zero() });
                    continue;
                }
                if max {
                    out.fill(<E as num_traits::Float>::min_value());
                } else {
                    out.fill(E::zero());
                }
                for row in xs[lo * c..hi * c].chunks_exact(c) {
                    if max {
                        out.iter_mut().zip(row).for_each(|(o, &v)| *o = tf_max(*o, v));
                    } else {
                        out.iter_mut().zip(row).for_each(|(o, &v)| *o = *o + v);
                    }
                }
                if !max {
                    let d = divisor(lo, hi);
                    out.iter_mut().for_each(|o| *o = *o / d);
                }
            }
        }
        return;
    }
    for n in 0..batch {
        for t in 0..output.length {
            let (lo, hi) = window(t);
            for ch in 0..c {
                let v = if max {
                    (lo..hi)
                        .map(|i| x[input.at(n, i, ch)])
                        .fold(<E as num_traits::Float>::min_value(), tf_max)
                } else {
                    (lo..hi).fold(E::zero(), |acc, i| acc + x[input.at(n, i, ch)]) / divisor(lo, hi)
                };
                y[output.at(n, t, ch)] = v;
            }
        }
    }
}
