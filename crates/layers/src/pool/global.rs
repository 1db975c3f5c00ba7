//! GlobalAveragePooling1D and GlobalMaxPooling1D.

use core::marker::PhantomData;

use shaped_shapes::rules::SequenceBatch;
use shaped_shapes::{ChannelsFirst, ChannelsLast, DataFormat, DataFormatKind, Shape};
use shaped_tensor::{Tensor, Workspace};
use typenum::Unsigned;

use super::Indexer;
use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// The max that propagates NaN, as TensorFlow's `reduce_max` (what Keras's
/// `GlobalMaxPooling1D` runs).
#[inline]
fn nan_max<E: Float>(m: E, v: E) -> E {
    if m.is_nan() || v.is_nan() {
        E::nan()
    } else {
        m.max(v)
    }
}

macro_rules! global_pool {
    ($(#[$doc:meta])* $name:ident, $keras:literal, $max:literal) => {
        $(#[$doc])*
        pub struct $name<Fmt = ChannelsLast>(PhantomData<fn() -> Fmt>);

        impl $name<ChannelsLast> {
            /// The layer for channels-last data (Keras's default; it has no weights).
            pub fn new() -> Self {
                Self(PhantomData)
            }
        }

        impl $name<ChannelsFirst> {
            /// The layer for channels-first data (`data_format="channels_first"`).
            pub fn channels_first() -> Self {
                Self(PhantomData)
            }
        }

        impl<Fmt> Default for $name<Fmt> {
            fn default() -> Self {
                Self(PhantomData)
            }
        }

        impl<Fmt> Clone for $name<Fmt> {
            fn clone(&self) -> Self {
                Self(PhantomData)
            }
        }

        impl<Fmt> core::fmt::Debug for $name<Fmt> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str($keras)
            }
        }

        impl<Fmt> LayerInfo for $name<Fmt> {
            fn name(&self) -> String {
                $keras.to_string()
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl<E, X, Fmt> Layer<Tensor<E, X>> for $name<Fmt>
        where
            E: Float,
            Fmt: DataFormat,
            X: SequenceBatch<Fmt>,
            (X::Batch, <X as SequenceBatch<Fmt>>::Channels): Shape<Batch = X::Batch>,
        {
            type Output = Tensor<E, (X::Batch, <X as SequenceBatch<Fmt>>::Channels)>;

            fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
                let mut out = ws.zeros_like(x);
                let length = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
                let channels = <<X as SequenceBatch<Fmt>>::Channels as Unsigned>::USIZE;
                let at = Indexer { length, channels, channels_first: Fmt::KIND == DataFormatKind::ChannelsFirst };
                let xs = x.as_slice();
                let scale: E = num_traits::cast(length.max(1)).unwrap_or_else(E::one);
                let rows = out.as_mut_slice().chunks_exact_mut(channels.max(1));
                if at.channels_first {
                    for (n, row) in rows.enumerate() {
                        for (c, slot) in row.iter_mut().enumerate() {
                            let values = (0..length).map(|t| xs[at.at(n, t, c)]);
                            *slot = if $max {
                                values.fold(E::neg_infinity(), nan_max)
                            } else {
                                values.fold(E::zero(), |a, v| a + v) / scale
                            };
                        }
                    }
                } else {
                    // Channels-last: combine whole time steps lane by lane.
                    let sample = (length * channels).max(1);
                    for (row, sample) in rows.zip(xs.chunks_exact(sample)) {
                        row.fill(if $max { E::neg_infinity() } else { E::zero() });
                        for step in sample.chunks_exact(channels.max(1)) {
                            if $max {
                                row.iter_mut().zip(step).for_each(|(o, &v)| *o = nan_max(*o, v));
                            } else {
                                row.iter_mut().zip(step).for_each(|(o, &v)| *o = *o + v);
                            }
                        }
                        if !$max {
                            row.iter_mut().for_each(|o| *o = *o / scale);
                        }
                    }
                }
                out
            }
        }
    };
}

global_pool! {
    /// The mean over the time axis: `(batch, length, channels)` becomes `(batch, channels)`.
    ///
    /// **Keras equivalent:** `keras.layers.GlobalAveragePooling1D()` (`keepdims=False`).
    ///
    /// **NaN and infinity:** a sum over the time axis, as TensorFlow's `reduce_mean`: NaN in a
    /// channel, or both `inf` and `-inf`, gives NaN for that channel.
    ///
    /// ```
    /// use shaped::layers::{Layer, pool::GlobalAveragePooling1D};
    /// use shaped::shapes::shape;
    /// use shaped::tensor::{Tensor, Workspace};
    /// let x = Tensor::<f32, shape![1, 4, 2]>::from_vec(vec![1., 10., 2., 20., 3., 30., 4., 40.])?;
    /// let y: Tensor<f32, shape![1, 2]> = GlobalAveragePooling1D::new().forward(&x);
    /// assert_eq!(y.as_slice(), &[2.5, 25.]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    GlobalAveragePooling1D, "GlobalAveragePooling1D", false
}

global_pool! {
    /// The max over the time axis: `(batch, length, channels)` becomes `(batch, channels)`.
    ///
    /// **Keras equivalent:** `keras.layers.GlobalMaxPooling1D()` (`keepdims=False`).
    ///
    /// **NaN and infinity, as TensorFlow 2.21's `reduce_max` (measured by
    /// `tools/gen_nan_cases.py`):** NaN anywhere in a channel gives NaN for that channel;
    /// `[-inf, -inf]` gives `-inf`. The same in both data formats. (This differs from
    /// [`MaxPooling1D`](super::MaxPooling1D), which skips NaN as TensorFlow's `MaxPool` does.)
    ///
    /// ```
    /// use shaped::layers::{Layer, pool::GlobalMaxPooling1D};
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![1, 2, 2]>::from_vec(vec![f32::NAN, 1., 1., 2.])?;
    /// let y: Tensor<f32, shape![1, 2]> = GlobalMaxPooling1D::new().forward(&x);
    /// assert!(y.as_slice()[0].is_nan());
    /// assert_eq!(y.as_slice()[1], 2.);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    GlobalMaxPooling1D, "GlobalMaxPooling1D", true
}
