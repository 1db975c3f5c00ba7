//! AdaptiveAveragePooling1D and AdaptiveMaxPooling1D: pooling into a given number of bins.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::layer_rules::OutputSizeAtLeastOne;
use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{Tensor, Workspace};
use typenum::{Prod, Unsigned};

use crate::layer::{Layer, LayerInfo};
use crate::Float;

/// Bin `i` of `out` bins over `length` steps: `[floor(i * length / out), ceil((i + 1) *
/// length / out))`, computed in float32 as Keras 3.15's TensorFlow backend computes it
/// (`_compute_static_gather_indices`: `floor(float32(i) * float32(length) / float32(out))`,
/// the end clipped to `length` and the start to `length - 1`). Bins overlap when `length` is
/// not a multiple of `out`, and repeat steps when `out > length`, as PyTorch's
/// `AdaptiveAvgPool1d` bins do.
#[must_use]
pub fn adaptive_bin(i: usize, length: usize, out: usize) -> (usize, usize) {
    let (l, o) = (length as f32, out as f32);
    let start = ((i as f32) * l / o).floor() as usize;
    let end = (((i + 1) as f32) * l / o).ceil() as usize;
    (start.min(length.saturating_sub(1)), end.min(length))
}

macro_rules! adaptive_pool {
    ($(#[$doc:meta])* $name:ident, $keras:literal, $max:literal) => {
        $(#[$doc])*
        pub struct $name<Out>(PhantomData<fn() -> Out>);

        impl<Out> $name<Out> {
            /// The layer for channels-last data (it has no weights).
            #[must_use]
            pub fn new() -> Self
            where
                Out: OutputSizeAtLeastOne,
            {
                Self(PhantomData)
            }
        }

        impl<Out: OutputSizeAtLeastOne> Default for $name<Out> {
            fn default() -> Self {
                Self::new()
            }
        }

        impl<Out> Clone for $name<Out> {
            fn clone(&self) -> Self {
                Self(PhantomData)
            }
        }

        impl<Out: Unsigned> core::fmt::Debug for $name<Out> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl<Out: Unsigned> LayerInfo for $name<Out> {
            fn name(&self) -> String {
                format!("{}({})", $keras, Out::USIZE)
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl<E, B, L, C, Out> Layer<Tensor<E, (B, L, C)>> for $name<Out>
        where
            E: Float,
            B: Dim,
            L: StaticDim + Mul<C>,
            C: StaticDim,
            Out: StaticDim + OutputSizeAtLeastOne + Mul<C>,
            Prod<L, C>: Unsigned,
            Prod<Out, C>: Unsigned,
        {
            type Output = Tensor<E, (B, Out, C)>;

            fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
                let (l, c, out) = (L::USIZE, C::USIZE, Out::USIZE);
                let mut y: Tensor<E, (B, Out, C)> = ws.tensor_like(x);
                let (in_sample, out_sample) = ((l * c).max(1), (out * c).max(1));
                for (dst, src) in y.as_mut_slice().chunks_exact_mut(out_sample).zip(x.as_slice().chunks_exact(in_sample)) {
                    for (i, row) in dst.chunks_exact_mut(c.max(1)).enumerate() {
                        let (start, end) = adaptive_bin(i, l, out);
                        let count: E = num_traits::cast((end - start).max(1)).unwrap_or_else(E::one);
                        for (ch, o) in row.iter_mut().enumerate() {
                            let values = (start..end).map(|t| src[t * c + ch]);
                            *o = if $max {
                                // TensorFlow's MaxPool: NaN never wins, from the lowest finite value.
                                values.fold(E::min_value(), |m, v| if v > m { v } else { m })
                            } else {
                                values.fold(E::zero(), |a, v| a + v) / count
                            };
                        }
                    }
                }
                y
            }
        }
    };
}

adaptive_pool! {
    /// The mean over each of `Out` bins of the time axis: `(batch, length, channels)` becomes
    /// `(batch, Out, channels)`, whatever the length; bin `i` covers steps
    /// `floor(i * L / Out)` to `ceil((i + 1) * L / Out)` (see [`adaptive_bin`]).
    ///
    /// **Keras equivalent:** `keras.layers.AdaptiveAveragePooling1D(output_size=Out)`
    /// (channels-last). **PyTorch equivalent:** `nn.AdaptiveAvgPool1d(Out)` on channels-first
    /// data.
    ///
    /// ```
    /// use shaped::layers::{pool::AdaptiveAveragePooling1D, Layer};
    /// use shaped::shapes::{shape, U};
    /// use shaped::tensor::Tensor;
    /// // 5 steps into 3 bins: steps [0, 2), [1, 4), [3, 5).
    /// let x = Tensor::<f32, shape![1, 5, 1]>::from_vec(vec![1., 2., 3., 4., 5.])?;
    /// let y: Tensor<f32, shape![1, 3, 1]> = AdaptiveAveragePooling1D::<U![3]>::new().forward(&x);
    /// assert_eq!(y.as_slice(), &[1.5, 3., 4.5]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    AdaptiveAveragePooling1D, "AdaptiveAveragePooling1D", false
}

adaptive_pool! {
    /// The max over each of `Out` bins of the time axis: `(batch, length, channels)` becomes
    /// `(batch, Out, channels)`; the bins are [`AdaptiveAveragePooling1D`]'s. NaN is skipped
    /// as by TensorFlow's `MaxPool` kernel (what Keras runs), like
    /// [`MaxPooling1D`](super::MaxPooling1D).
    ///
    /// **Keras equivalent:** `keras.layers.AdaptiveMaxPooling1D(output_size=Out)`
    /// (channels-last). **PyTorch equivalent:** `nn.AdaptiveMaxPool1d(Out)` on channels-first
    /// data (which propagates NaN instead).
    ///
    /// ```
    /// use shaped::layers::{pool::AdaptiveMaxPooling1D, Layer};
    /// use shaped::shapes::{shape, U};
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![1, 5, 1]>::from_vec(vec![1., 5., 3., 4., 2.])?;
    /// let y: Tensor<f32, shape![1, 3, 1]> = AdaptiveMaxPooling1D::<U![3]>::new().forward(&x);
    /// assert_eq!(y.as_slice(), &[5., 5., 4.]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// An output size of 0 does not compile:
    ///
    /// ```compile_fail
    /// use shaped::prelude::*;
    /// let _ = AdaptiveMaxPooling1D::<U![0]>::new();
    /// ```
    AdaptiveMaxPooling1D, "AdaptiveMaxPooling1D", true
}
