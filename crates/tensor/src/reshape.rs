//! Reshapes checked at compile time: element counts per sample must match.

use core::ops::Mul;
use typenum::{Prod, Unsigned, U1};

use shaped_shapes::rules::SameElementCount;
use shaped_shapes::{BatchTimes, ChannelsFirstShape, Dim, Dyn, Shape, StaticDim};

use crate::{Element, ShapeError, Tensor};

impl<E: Element, S: Shape> Tensor<E, S> {
    /// Reinterprets the data with another shape of the same batch and the same number of
    /// elements per sample, as Keras's `Reshape` layer. A count mismatch does not compile.
    ///
    /// ```
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// // Keras: tf.reshape(x, (100, 20, 1)) on x of shape (100, 20)
    /// let x = Tensor::<f32, shape![100, 20]>::zeros();
    /// let y: Tensor<f32, shape![100, 20, 1]> = x.reshape();
    /// let z: Tensor<f32, shape![100, 4, 5]> = y.reshape();
    /// assert_eq!(z.dims(), vec![100, 4, 5]);
    /// ```
    ///
    /// 20 elements per sample do not make a `(3, 7)` sample:
    ///
    /// ```compile_fail
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![100, 20]>::zeros();
    /// let y: Tensor<f32, shape![100, 3, 7]> = x.reshape();
    /// ```
    #[must_use]
    pub fn reshape<S2>(self) -> Tensor<E, S2>
    where
        S2: Shape<Batch = S::Batch>,
        S::Sample: SameElementCount<S2::Sample>,
    {
        let batch = self.batch();
        Tensor::from_parts(self.into_vec(), batch)
    }
}

impl<E: Element, B: Dim, N: StaticDim> Tensor<E, (B, N)> {
    /// Adds a channel axis of size 1: `(batch, length)` becomes `(batch, length, 1)`.
    ///
    /// This is the fix of the seed article's Example 1: a univariate series must be
    /// `(batch, steps, 1)` for Conv1D.
    ///
    /// ```
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// // Keras: np.expand_dims(x, -1)
    /// let x = Tensor::<f32, shape![100, 20]>::zeros();
    /// let y: Tensor<f32, shape![100, 20, 1]> = x.add_channel_axis();
    /// ```
    #[must_use]
    pub fn add_channel_axis(self) -> Tensor<E, (B, N, U1)>
    where
        N: Mul<U1>,
        Prod<N, U1>: Unsigned,
    {
        let batch = self.batch();
        Tensor::from_parts(self.into_vec(), batch)
    }
}

impl<E: Element, B: Dim, L: StaticDim, C: StaticDim> Tensor<E, (B, L, C)>
where
    (B, L, C): Shape,
    L: Mul<C>,
    Prod<L, C>: StaticDim,
{
    /// Flattens each sample, in Keras's row-major order: `(batch, length, channels)` becomes
    /// `(batch, length * channels)` (Keras `Flatten()` on channels-last data).
    ///
    /// ```
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![8, 37, 32]>::zeros();
    /// let y: Tensor<f32, shape![8, 1184]> = x.flatten();
    /// ```
    #[must_use]
    pub fn flatten(self) -> Tensor<E, (B, Prod<L, C>)> {
        let batch = self.batch();
        Tensor::from_parts(self.into_vec(), batch)
    }

    /// Merges the batch into the length axis: `(B, L, C)` becomes `(B*L, C)`, a batch of
    /// single time steps (a run-time batch stays run-time).
    ///
    /// ```
    /// use shaped::shapes::{shape, Dyn};
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![4, 10, 3]>::zeros();
    /// let y: Tensor<f32, shape![40, 3]> = x.merge_batch();
    /// let z = Tensor::<f32, shape![Dyn, 10, 3]>::zeros_with_batch(5)?.merge_batch();
    /// assert_eq!(z.dims(), vec![50, 3]);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    #[must_use]
    pub fn merge_batch(self) -> Tensor<E, (<B as BatchTimes<L>>::Output, C)>
    where
        B: BatchTimes<L>,
    {
        let batch = self.batch() * L::USIZE;
        Tensor::from_parts(self.into_vec(), batch)
    }

    /// Swaps the last two axes and keeps the result channels-last: `(B, L, C)` becomes a
    /// `(B, C, L)` tensor read as `C` steps of `L` channels (Keras `Permute((2, 1))`). For data
    /// that a channels-first layer should read, [`Tensor::to_channels_first`] says so in the type.
    #[must_use]
    pub fn swap_length_channels(&self) -> Tensor<E, (B, C, L)>
    where
        C: Mul<L>,
        Prod<C, L>: Unsigned,
    {
        Tensor::from_parts(transpose_samples(self, L::USIZE, C::USIZE), self.batch())
    }

    /// The same sequences in channels-first order, `(batch, channels, steps)`, as PyTorch and
    /// channels-first layers read them (PyTorch `x.transpose(1, 2)`).
    ///
    /// ```
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![1, 2, 3]>::from_vec(vec![1., 2., 3., 4., 5., 6.])?;
    /// let y: Tensor<f32, shape![1, 3, 2; ChannelsFirst]> = x.to_channels_first();
    /// assert_eq!(y.as_slice(), &[1., 4., 2., 5., 3., 6.]);
    /// assert_eq!(y.to_channels_last(), x);
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    #[must_use]
    pub fn to_channels_first(&self) -> Tensor<E, ChannelsFirstShape<B, C, L>>
    where
        C: Mul<L>,
        Prod<C, L>: Unsigned,
    {
        Tensor::from_parts(transpose_samples(self, L::USIZE, C::USIZE), self.batch())
    }
}

impl<E: Element, B: Dim, C: StaticDim, L: StaticDim> Tensor<E, ChannelsFirstShape<B, C, L>>
where
    ChannelsFirstShape<B, C, L>: Shape,
    C: Mul<L>,
    Prod<C, L>: StaticDim,
{
    /// The same sequences in channels-last order, `(batch, steps, channels)`, as Keras and
    /// channels-last layers read them.
    #[must_use]
    pub fn to_channels_last(&self) -> Tensor<E, (B, L, C)>
    where
        L: Mul<C>,
        Prod<L, C>: Unsigned,
    {
        Tensor::from_parts(transpose_samples(self, C::USIZE, L::USIZE), self.batch())
    }

    /// Flattens each sample in memory order: `(batch, channels, steps)` becomes
    /// `(batch, channels * steps)`, as PyTorch's `x.flatten(1)`.
    #[must_use]
    pub fn flatten(self) -> Tensor<E, (B, Prod<C, L>)> {
        let batch = self.batch();
        Tensor::from_parts(self.into_vec(), batch)
    }
}

/// Each sample's `rows x cols` matrix transposed (row-major in, row-major out).
fn transpose_samples<E: Element, S: Shape>(x: &Tensor<E, S>, rows: usize, cols: usize) -> Vec<E> {
    let mut out = Vec::with_capacity(x.len());
    for sample in x.samples() {
        for col in 0..cols {
            out.extend((0..rows).map(|row| sample[row * cols + col]));
        }
    }
    out
}

impl<E: Element, B: Dim, C: StaticDim> Tensor<E, (B, C)> {
    /// Splits the batch into sequences of `L` steps: `(B*L, C)` becomes `(B, L, C)` with a
    /// run-time batch. A batch that is not a multiple of `L` is an error, not a truncation.
    ///
    /// ```
    /// use shaped::shapes::{shape, Dyn, U};
    /// use shaped::tensor::Tensor;
    /// let x = Tensor::<f32, shape![40, 3]>::zeros();
    /// let y: Tensor<f32, shape![Dyn, 10, 3]> = x.split_batch::<U![10]>()?;
    /// assert_eq!(y.batch(), 4);
    /// assert!(Tensor::<f32, shape![41, 3]>::zeros().split_batch::<U![10]>().is_err());
    /// # Ok::<(), shaped::tensor::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An error if the static batch is not a multiple of `L`.
    pub fn split_batch<L>(self) -> Result<Tensor<E, (Dyn, L, C)>, ShapeError>
    where
        L: StaticDim + Mul<C>,
        Prod<L, C>: Unsigned,
    {
        let rows = self.batch();
        if L::USIZE == 0 || !rows.is_multiple_of(L::USIZE) {
            return Err(ShapeError::PartialSample {
                sample_shape: format!("({}, {})", L::USIZE, C::USIZE),
                sample_len: L::USIZE * C::USIZE,
                actual: self.len(),
            });
        }
        Ok(Tensor::from_parts(self.into_vec(), rows / L::USIZE))
    }
}
