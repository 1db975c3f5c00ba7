//! `Conv1DTranspose`: the transposed (fractionally strided) 1-D convolution.

use core::marker::PhantomData;
use core::ops::{Add, BitAnd, Mul, Sub};

use shaped_shapes::layer_rules::{
    OutputPaddingBelowStrides, PyTorchTransposePadding, StridesOrDilationOne, TransposeChannelsMatch,
    TransposePadding,
};
use shaped_shapes::rules::{AtLeastOne, SequenceBatch};
use shaped_shapes::{
    ChannelsLast, DataFormat, DataFormatKind, EffectiveKernel, Explicit, Inferred, Same, SequenceShape,
    Shape, StaticDim, Valid,
};
use shaped_tensor::{ShapeError, Tensor, Workspace};
use typenum::{And, Diff, Max, Maximum, Prod, Sub1, Sum, UTerm, Unsigned, B1, U1};

use crate::init::glorot_uniform;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::{Activation, Float};

mod private {
    /// A number in `output_padding`'s slot (Keras's `output_padding=n`), as opposed to
    /// [`Inferred`](shaped_shapes::Inferred).
    pub trait OutputPaddingNumber: typenum::Unsigned {}
    impl OutputPaddingNumber for typenum::UTerm {}
    impl<U: typenum::Unsigned, B: typenum::Bit> OutputPaddingNumber for typenum::UInt<U, B> {}
}
use private::OutputPaddingNumber;

/// The output length of a transposed convolution over `L` steps, by padding and
/// `output_padding` `Op` ([`Inferred`] or a number).
///
/// Keras's rules (`compute_conv_transpose_output_shape`), with `eff = dilation_rate *
/// (kernel_size - 1) + 1`:
///
/// | padding | `output_padding=None` ([`Inferred`]) | `output_padding=n` |
/// | --- | --- | --- |
/// | `"valid"` | `(L - 1) * strides + max(eff, strides)` | `(L - 1) * strides + eff + n` |
/// | `"same"` | `L * strides` | `(L - 1) * strides + eff % 2 + n` |
///
/// and PyTorch's `ConvTranspose1d(padding=p, output_padding=n)`, [`Explicit<p, p>`]:
/// `(L - 1) * strides + eff + n - 2p` ([`Inferred`] is PyTorch's default `n = 0`).
///
/// ```
/// use shaped::layers::TransposeLength;
/// use shaped::shapes::{Inferred, Same, U};
/// use shaped::typenum::Unsigned;
/// // Keras: Conv1DTranspose(_, 3, strides=2, padding="same", output_padding=1) on 10 steps
/// assert_eq!(<<Same as TransposeLength<U![10], U![3], U![2], U![1], U![1]>>::Output as Unsigned>::USIZE, 20);
/// assert_eq!(<<Same as TransposeLength<U![10], U![3], U![2], U![1], Inferred>>::Output as Unsigned>::USIZE, 20);
/// assert_eq!(<<Same as TransposeLength<U![10], U![3], U![2], U![1], U![0]>>::Output as Unsigned>::USIZE, 19);
/// ```
pub trait TransposeLength<L, K, S, D, Op = Inferred> {
    /// The output length.
    type Output: Unsigned;
    /// Steps cropped from the start of the full transposed output (the input step `t`'s tap
    /// `i` lands on output step `t * strides + i * dilation_rate - crop_left`).
    fn crop_left(kernel_size: usize, stride: usize, dilation: usize) -> usize;
}

/// `padding="valid"`, `output_padding=None`: `L * strides + max(eff - strides, 0)` (Keras's
/// rule: when the kernel is shorter than the stride the output keeps whole strides, the tail
/// holding only the bias).
impl<L, K, S, D> TransposeLength<L, K, S, D, Inferred> for Valid
where
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    EffectiveKernel<K, D>: Max<S>,
    L: Mul<S>,
    Prod<L, S>: Add<Maximum<EffectiveKernel<K, D>, S>>,
    Sum<Prod<L, S>, Maximum<EffectiveKernel<K, D>, S>>: Sub<S>,
    Diff<Sum<Prod<L, S>, Maximum<EffectiveKernel<K, D>, S>>, S>: Unsigned,
{
    type Output = Diff<Sum<Prod<L, S>, Maximum<EffectiveKernel<K, D>, S>>, S>;
    fn crop_left(_: usize, _: usize, _: usize) -> usize {
        0
    }
}

/// `padding="valid"`, `output_padding=n`: `(L - 1) * strides + eff + n`, the last `n` steps
/// past the last tap holding only the bias.
impl<L, K, S, D, Op> TransposeLength<L, K, S, D, Op> for Valid
where
    Op: OutputPaddingNumber,
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    L: Sub<B1>,
    Sub1<L>: Mul<S>,
    Prod<Sub1<L>, S>: Add<EffectiveKernel<K, D>>,
    Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>: Add<Op>,
    Sum<Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>, Op>: Unsigned,
{
    type Output = Sum<Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>, Op>;
    fn crop_left(_: usize, _: usize, _: usize) -> usize {
        0
    }
}

/// `padding="same"`, `output_padding=None`: `L * strides`, cropping `floor((eff - strides) /
/// 2)` steps at the start.
impl<L, K, S, D> TransposeLength<L, K, S, D, Inferred> for Same
where
    L: Mul<S>,
    Prod<L, S>: Unsigned,
{
    type Output = Prod<L, S>;
    fn crop_left(kernel_size: usize, stride: usize, dilation: usize) -> usize {
        let eff = dilation * (kernel_size - 1) + 1;
        eff.saturating_sub(stride) / 2
    }
}

/// `padding="same"`, `output_padding=n`: `(L - 1) * strides + eff % 2 + n`, cropping
/// `floor(max(eff - eff % 2 - n, 0) / 2)` steps at the start: the padding a forward "same"
/// convolution from that length back to `L` steps puts before the sequence.
impl<L, K, S, D, Op> TransposeLength<L, K, S, D, Op> for Same
where
    Op: OutputPaddingNumber,
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    EffectiveKernel<K, D>: BitAnd<U1>,
    L: Sub<B1>,
    Sub1<L>: Mul<S>,
    Prod<Sub1<L>, S>: Add<And<EffectiveKernel<K, D>, U1>>,
    Sum<Prod<Sub1<L>, S>, And<EffectiveKernel<K, D>, U1>>: Add<Op>,
    Sum<Sum<Prod<Sub1<L>, S>, And<EffectiveKernel<K, D>, U1>>, Op>: Unsigned,
{
    type Output = Sum<Sum<Prod<Sub1<L>, S>, And<EffectiveKernel<K, D>, U1>>, Op>;
    fn crop_left(kernel_size: usize, _: usize, dilation: usize) -> usize {
        let eff = dilation * (kernel_size - 1) + 1;
        (eff - eff % 2).saturating_sub(Op::USIZE) / 2
    }
}

/// PyTorch's `padding=p` as `Explicit<Left, Right>`, with `output_padding=n`:
/// `(L - 1) * strides + eff + n - Left - Right`, cropping `Left` steps at the start.
impl<L, K, S, D, Op, Left, Right> TransposeLength<L, K, S, D, Op> for Explicit<Left, Right>
where
    Op: OutputPaddingNumber,
    Left: Unsigned + Add<Right>,
    K: Sub<B1>,
    D: Mul<Sub1<K>>,
    Prod<D, Sub1<K>>: Add<B1>,
    L: Sub<B1>,
    Sub1<L>: Mul<S>,
    Prod<Sub1<L>, S>: Add<EffectiveKernel<K, D>>,
    Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>: Add<Op>,
    Sum<Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>, Op>: Sub<Sum<Left, Right>>,
    Diff<Sum<Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>, Op>, Sum<Left, Right>>: Unsigned,
{
    type Output = Diff<Sum<Sum<Prod<Sub1<L>, S>, EffectiveKernel<K, D>>, Op>, Sum<Left, Right>>;
    fn crop_left(_: usize, _: usize, _: usize) -> usize {
        Left::USIZE
    }
}

/// PyTorch's default `output_padding=0` with `padding=p`.
impl<L, K, S, D, Left, Right> TransposeLength<L, K, S, D, Inferred> for Explicit<Left, Right>
where
    Self: TransposeLength<L, K, S, D, UTerm>,
{
    type Output = <Self as TransposeLength<L, K, S, D, UTerm>>::Output;
    fn crop_left(kernel_size: usize, stride: usize, dilation: usize) -> usize {
        <Self as TransposeLength<L, K, S, D, UTerm>>::crop_left(kernel_size, stride, dilation)
    }
}

/// The output shape of a [`Conv1DTranspose`] on `X`, in the layer's data format.
pub type Conv1dTransposeOutput<Fmt, X, P, K, S, D, Op, F> = <Fmt as SequenceShape<
    <X as Shape>::Batch,
    <P as TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>>::Output,
    F,
>>::Output;

/// The transposed convolution: each input step scatters `kernel_size` taps spaced by
/// `dilation_rate` into an output `strides` times longer.
///
/// **Keras equivalent:** `keras.layers.Conv1DTranspose(filters, kernel_size, strides, padding,
/// output_padding, data_format, dilation_rate, activation, use_bias)`, with the arguments as
/// type parameters in the order `Cin` (the input channels Keras reads from the input), `F`
/// filters, `K` kernel_size, `S` strides, `P` padding ([`Valid`] or [`Same`]), `D`
/// dilation_rate, `Op` output_padding ([`Inferred`], Keras's `None`, or a number below the
/// strides) and `Fmt` data_format ([`ChannelsLast`] or
/// [`ChannelsFirst`](shaped_shapes::ChannelsFirst)). Its kernel layout is `(kernel_size,
/// filters, in_channels)`. The output length is [`TransposeLength`]'s.
///
/// **PyTorch equivalent:** `nn.ConvTranspose1d(in_channels, filters, kernel_size, stride,
/// padding, output_padding, dilation=...)` on `(N, C, L)` data, loaded with
/// [`from_pytorch`](Self::from_pytorch) (weight `(in_channels, filters, kernel_size)`), its
/// `padding=p` written `Explicit<p, p>`.
///
/// Keras refuses `strides > 1` with `dilation_rate > 1` and an `output_padding` not below the
/// strides: both are compile errors of [`new`](Self::new) and
/// [`from_keras`](Self::from_keras). PyTorch allows the first; `from_pytorch` takes it, and
/// the forward pass is then PyTorch's (each tap lands `dilation_rate` steps from the last).
///
/// One difference from Keras on TensorFlow: `padding="same"` with an even effective kernel and
/// `output_padding=0` makes TensorFlow's kernel fail at run time (its forward "same"
/// convolution from the requested length does not give back `L` steps), where Keras's other
/// backends and its own reference give `(L - 1) * strides` steps. shaped computes that
/// definition.
///
/// ```
/// use shaped::layers::{Conv1DTranspose, Layer};
/// use shaped::shapes::{shape, Inferred, Same, Valid, U};
/// use shaped::tensor::Tensor;
/// // Keras: Conv1DTranspose(3, 4, strides=2, padding="same") on (None, 10, 5) -> (None, 20, 3)
/// let up: Conv1DTranspose<f32, U![5], U![3], U![4], U![2], Same> = Conv1DTranspose::new(0);
/// let y: Tensor<f32, shape![2, 20, 3]> = up.forward(&Tensor::<f32, shape![2, 10, 5]>::zeros());
/// // Keras: Conv1DTranspose(4, 3, strides=2, output_padding=1) on (None, 10, 5) -> (None, 22, 4)
/// let up: Conv1DTranspose<f32, U![5], U![4], U![3], U![2], Valid, U![1], U![1]> = Conv1DTranspose::new(0);
/// let y: Tensor<f32, shape![2, 22, 4]> = up.forward(&Tensor::<f32, shape![2, 10, 5]>::zeros());
/// ```
pub struct Conv1DTranspose<E, Cin, F, K, S = U1, P = Valid, D = U1, Op = Inferred, Fmt = ChannelsLast> {
    /// Keras layout `(K, F, Cin)`.
    kernel: Vec<E>,
    bias: Option<Vec<E>>,
    activation: Activation,
    types: PhantomData<fn() -> (Cin, F, K, S, P, D, Op, Fmt)>,
}

impl<E: Clone, Cin, F, K, S, P, D, Op, Fmt> Clone for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt> {
    fn clone(&self) -> Self {
        Self {
            kernel: self.kernel.clone(),
            bias: self.bias.clone(),
            activation: self.activation,
            types: PhantomData,
        }
    }
}

/// Keras's `output_padding` as a value: `None` for [`Inferred`].
pub trait OutputPadding {
    /// The number of extra steps, `None` for Keras's `output_padding=None`.
    const VALUE: Option<usize>;
}
impl OutputPadding for Inferred {
    const VALUE: Option<usize> = None;
}
impl<N: OutputPaddingNumber> OutputPadding for N {
    const VALUE: Option<usize> = Some(N::USIZE);
}

/// The configuration (Keras's arguments), not the weights.
impl<E, Cin, F, K, S, P, D, Op, Fmt> core::fmt::Debug for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    Cin: Unsigned,
    F: Unsigned,
    K: Unsigned,
    S: Unsigned,
    P: shaped_shapes::Padding,
    D: Unsigned,
    Op: OutputPadding,
    Fmt: DataFormat,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Conv1DTranspose(filters={}, kernel_size={}, strides={}, padding=\"{}\", ",
            F::USIZE,
            K::USIZE,
            S::USIZE,
            P::NAME
        )?;
        if let Some(op) = Op::VALUE {
            write!(f, "output_padding={op}, ")?;
        }
        if Fmt::KIND != DataFormatKind::ChannelsLast {
            write!(f, "data_format=\"{}\", ", Fmt::KERAS_NAME)?;
        }
        write!(
            f,
            "dilation_rate={}, activation={:?}, use_bias={}, in_channels={})",
            D::USIZE,
            self.activation,
            self.bias.is_some(),
            Cin::USIZE
        )
    }
}

impl<E, Cin, F, K, S, P, D, Op, Fmt> Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    E: Float,
    Cin: StaticDim,
    F: StaticDim + AtLeastOne,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    Fmt: DataFormat,
{
    /// Keras's default initialisation: `glorot_uniform` kernel from `seed`, zero bias.
    #[must_use]
    pub fn new(seed: u64) -> Self
    where
        P: TransposePadding,
        Op: OutputPaddingBelowStrides<S>,
        S: StridesOrDilationOne<D>,
    {
        let n = K::USIZE * F::USIZE * Cin::USIZE;
        Self::with_weights(
            glorot_uniform(n, K::USIZE * F::USIZE, K::USIZE * Cin::USIZE, seed),
            Some(vec![E::zero(); F::USIZE]),
        )
    }

    /// From Keras weights: `kernel` `(kernel_size, filters, in_channels)`, `bias` `(filters,)`.
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the kernel or the bias if its length is not the one the types
    /// give.
    pub fn from_keras(kernel: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        P: TransposePadding,
        Op: OutputPaddingBelowStrides<S>,
        S: StridesOrDilationOne<D>,
    {
        check_weight("conv1d_transpose.kernel", &[K::USIZE, F::USIZE, Cin::USIZE], kernel.len())?;
        if let Some(b) = bias {
            check_weight("conv1d_transpose.bias", &[F::USIZE], b.len())?;
        }
        Ok(Self::with_weights(kernel.to_vec(), bias.map(<[E]>::to_vec)))
    }

    /// From PyTorch weights: `nn.ConvTranspose1d`'s `weight` `(in_channels, filters,
    /// kernel_size)` and `bias` `(filters,)`; its `padding=p` is `P = Explicit<p, p>` (or
    /// [`Valid`] for 0) and its `output_padding=n` is `Op = U![n]` ([`Inferred`] is PyTorch's
    /// default 0). Strides and dilation above 1 together are PyTorch's definition. Use it with
    /// [`ChannelsFirst`](shaped_shapes::ChannelsFirst) for PyTorch's `(N, C, L)` data.
    ///
    /// ```
    /// use shaped::layers::{Conv1DTranspose, Layer};
    /// use shaped::shapes::{shape, ChannelsFirst, Explicit, U};
    /// use shaped::tensor::Tensor;
    /// // PyTorch: nn.ConvTranspose1d(2, 3, 3, stride=2, padding=1, output_padding=1) on (N, 2, 5)
    /// let w = vec![0.5f32; 2 * 3 * 3];
    /// let up = Conv1DTranspose::<f32, U![2], U![3], U![3], U![2], Explicit<U![1], U![1]>, U![1], U![1], ChannelsFirst>::from_pytorch(&w, None)?;
    /// let x = Tensor::<f32, shape![1, 2, 5; ChannelsFirst]>::zeros();
    /// let y: Tensor<f32, shape![1, 3, 10; ChannelsFirst]> = up.forward(&x); // (5-1)*2 + 3 + 1 - 2
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the weight or the bias if its length is not the one the types
    /// give.
    pub fn from_pytorch(weight: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError>
    where
        P: PyTorchTransposePadding,
        Op: OutputPaddingBelowStrides<S>,
    {
        let (k, f, cin) = (K::USIZE, F::USIZE, Cin::USIZE);
        check_weight("conv_transpose1d.weight", &[cin, f, k], weight.len())?;
        if let Some(b) = bias {
            check_weight("conv_transpose1d.bias", &[f], b.len())?;
        }
        let mut kernel = vec![E::zero(); weight.len()];
        for c in 0..cin {
            for o in 0..f {
                for tap in 0..k {
                    kernel[(tap * f + o) * cin + c] = weight[(c * f + o) * k + tap];
                }
            }
        }
        Ok(Self::with_weights(kernel, bias.map(<[E]>::to_vec)))
    }

    fn with_weights(kernel: Vec<E>, bias: Option<Vec<E>>) -> Self {
        Self { kernel, bias, activation: Activation::Linear, types: PhantomData }
    }
}

/// Accessors that hold for any arguments.
impl<E: Float, Cin, F, K, S, P, D, Op, Fmt> Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt> {
    /// The kernel in Keras layout `(kernel_size, filters, in_channels)`.
    pub fn keras_kernel(&self) -> &[E] {
        &self.kernel
    }

    /// The bias, if any.
    pub fn bias(&self) -> Option<&[E]> {
        self.bias.as_deref()
    }

    /// The activation.
    pub fn activation_kind(&self) -> Activation {
        self.activation
    }

    /// Sets the activation (Keras `activation=`).
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        Self { activation, ..self }
    }

    /// Changes the kernel and the bias in place (an optimizer step).
    pub fn update_weights(&mut self, f: impl FnOnce(&mut [E], Option<&mut [E]>)) {
        f(&mut self.kernel, self.bias.as_deref_mut());
    }
}

impl<E, Cin: StaticDim, F: StaticDim, K: StaticDim, S: StaticDim, P, D: StaticDim, Op, Fmt> LayerInfo
    for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    P: shaped_shapes::Padding,
    Op: OutputPadding,
    Fmt: DataFormat,
{
    fn name(&self) -> String {
        let mut s =
            format!("Conv1DTranspose({}, {}, strides={}, padding={}", F::USIZE, K::USIZE, S::USIZE, P::NAME);
        if let Some(op) = Op::VALUE {
            s += &format!(", output_padding={op}");
        }
        if D::USIZE != 1 {
            s += &format!(", dilation_rate={}", D::USIZE);
        }
        if Fmt::KIND != DataFormatKind::ChannelsLast {
            s += &format!(", data_format={}", Fmt::KERAS_NAME);
        }
        s + ")"
    }
    fn param_count(&self) -> usize {
        self.kernel.len() + self.bias.as_ref().map_or(0, Vec::len)
    }
}

/// Where step `t`, channel `c` of one sample sits in memory: `t * t_stride + c * c_stride`.
#[derive(Clone, Copy)]
struct Strides {
    t: usize,
    c: usize,
}

impl Strides {
    fn of(kind: DataFormatKind, len: usize, channels: usize) -> Self {
        match kind {
            DataFormatKind::ChannelsFirst => Self { t: 1, c: len },
            _ => Self { t: channels, c: 1 },
        }
    }
}

/// The scalar scatter of one sample: `xs` holds `len` steps of `cin` channels, `ys` receives
/// `lout` steps of `f` filters (already holding the bias or zeros).
#[allow(clippy::too_many_arguments)]
fn scatter<E: Float>(
    kernel: &[E],
    xs: &[E],
    ys: &mut [E],
    (len, cin, xst): (usize, usize, Strides),
    (lout, f, yst): (usize, usize, Strides),
    (k, s, d, crop): (usize, usize, usize, usize),
) {
    for t in 0..len {
        for tap in 0..k {
            let Some(j) = (t * s + tap * d).checked_sub(crop) else { continue };
            if j >= lout {
                continue;
            }
            for o in 0..f {
                let w = &kernel[(tap * f + o) * cin..(tap * f + o + 1) * cin];
                let acc =
                    w.iter().enumerate().fold(E::zero(), |a, (c, &wv)| a + xs[t * xst.t + c * xst.c] * wv);
                let at = j * yst.t + o * yst.c;
                ys[at] = ys[at] + acc;
            }
        }
    }
}

impl<E, X, Cin, F, K, S, P, D, Op, Fmt> Layer<Tensor<E, X>>
    for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    E: Float,
    X: SequenceBatch<Fmt>,
    <X as SequenceBatch<Fmt>>::Channels: TransposeChannelsMatch<Cin>,
    Cin: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    P: shaped_shapes::Padding + TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>,
    Op: OutputPadding,
    Fmt: SequenceShape<
        <X as Shape>::Batch,
        <P as TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>>::Output,
        F,
    >,
    Conv1dTransposeOutput<Fmt, X, P, K, S, D, Op, F>: Shape<Batch = X::Batch>,
{
    type Output = Tensor<E, Conv1dTransposeOutput<Fmt, X, P, K, S, D, Op, F>>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        // Every element is written below (bias or zero, then the taps): no zero-fill first.
        let mut y: Self::Output = ws.tensor_like(x);
        let len = <<X as SequenceBatch<Fmt>>::Len as Unsigned>::USIZE;
        let (cin, f, k, s, d) = (Cin::USIZE, F::USIZE, K::USIZE, S::USIZE, D::USIZE);
        let lout =
            <<P as TransposeLength<<X as SequenceBatch<Fmt>>::Len, K, S, D, Op>>::Output as Unsigned>::USIZE;
        let crop = P::crop_left(k, s, d);
        let (xst, yst) = (Strides::of(Fmt::KIND, len, cin), Strides::of(Fmt::KIND, lout, f));
        for (xs, ys) in x
            .as_slice()
            .chunks_exact((len * cin).max(1))
            .zip(y.as_mut_slice().chunks_exact_mut((lout * f).max(1)))
        {
            for j in 0..lout {
                for o in 0..f {
                    ys[j * yst.t + o * yst.c] = self.bias.as_ref().map_or(E::zero(), |b| b[o]);
                }
            }
            scatter(&self.kernel, xs, ys, (len, cin, xst), (lout, f, yst), (k, s, d, crop));
        }
        let last = <Conv1dTransposeOutput<Fmt, X, P, K, S, D, Op, F> as Shape>::SAMPLE_DIMS
            .last()
            .copied()
            .unwrap_or(1);
        self.activation.apply_in_place(y.as_mut_slice(), last);
        y
    }
}

impl<E, Cin, F, K, S, P, D, Op, Fmt> crate::Init for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    E: Float,
    Cin: StaticDim,
    F: StaticDim + AtLeastOne,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne + StridesOrDilationOne<D>,
    D: StaticDim + AtLeastOne,
    P: TransposePadding,
    Op: OutputPaddingBelowStrides<S>,
    Fmt: DataFormat,
{
    fn init(seed: u64) -> Self {
        Self::new(seed)
    }
}

impl<E, Cin, F, K, S, P, D, Op, Fmt> crate::KerasVariables<E>
    for Conv1DTranspose<E, Cin, F, K, S, P, D, Op, Fmt>
where
    E: Float,
    Cin: StaticDim,
    F: StaticDim + AtLeastOne,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    P: TransposePadding,
{
    fn load_variables<Src: crate::WeightSource<E>>(
        &mut self,
        layer: &str,
        src: &mut Src,
    ) -> Result<(), Src::Error> {
        let kernel = src.take(&format!("{layer}.kernel"), &[K::USIZE, F::USIZE, Cin::USIZE])?;
        let bias_name = format!("{layer}.bias");
        let bias = if src.has(&bias_name) { Some(src.take(&bias_name, &[F::USIZE])?) } else { None };
        self.kernel = kernel;
        self.bias = bias;
        Ok(())
    }
    fn save_variables<Dst: crate::WeightSink<E>>(
        &self,
        layer: &str,
        dst: &mut Dst,
    ) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.kernel"), &[K::USIZE, F::USIZE, Cin::USIZE], &self.kernel)?;
        match &self.bias {
            Some(b) => dst.put(&format!("{layer}.bias"), &[F::USIZE], b),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use shaped_shapes::{ChannelsFirst, ChannelsFirstShape, Explicit, Inferred, Same, Valid};
    use shaped_tensor::Tensor;
    use typenum::{U0, U1, U14, U2, U3, U4, U5, U7};

    use super::Conv1DTranspose;
    use crate::Layer;

    /// PyTorch's `ConvTranspose1d` written from its definition on its own weight layout
    /// `(in_channels, filters, kernel_size)` and `(N, C, L)` data: input step `t`'s tap `i`
    /// lands on `t * stride + i * dilation - padding`, the output has
    /// `(L - 1) * stride - 2 * padding + dilation * (K - 1) + output_padding + 1` steps.
    #[allow(clippy::too_many_arguments)]
    fn pytorch_reference(
        x: &[f64],
        w: &[f64],
        b: &[f64],
        (n, cin, len): (usize, usize, usize),
        (f, k): (usize, usize),
        (s, p, d, op): (usize, usize, usize, usize),
    ) -> Vec<f64> {
        let lout = (len - 1) * s + d * (k - 1) + op + 1 - 2 * p;
        let mut y = vec![0.0; n * f * lout];
        for bi in 0..n {
            for o in 0..f {
                for j in 0..lout {
                    y[(bi * f + o) * lout + j] = b[o];
                }
            }
            for c in 0..cin {
                for t in 0..len {
                    for o in 0..f {
                        for i in 0..k {
                            let Some(j) = (t * s + i * d).checked_sub(p) else { continue };
                            if j < lout {
                                y[(bi * f + o) * lout + j] +=
                                    x[(bi * cin + c) * len + t] * w[(c * f + o) * k + i];
                            }
                        }
                    }
                }
            }
        }
        y
    }

    fn values(n: usize, seed: u64) -> Vec<f64> {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                #[allow(clippy::cast_precision_loss)]
                let v = (state >> 11) as f64 / (1u64 << 53) as f64;
                v * 2.0 - 1.0
            })
            .collect()
    }

    fn assert_close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!((x - y).abs() < 1e-12, "at {i}: {x} != {y}");
        }
    }

    #[test]
    fn from_pytorch_is_pytorchs_conv_transpose_with_padding_and_output_padding() {
        // nn.ConvTranspose1d(3, 2, 4, stride=3, padding=2, output_padding=2) on (2, 3, 5)
        let (x, w, b) = (values(2 * 3 * 5, 1), values(3 * 2 * 4, 2), values(2, 3));
        let layer =
            Conv1DTranspose::<f64, U3, U2, U4, U3, Explicit<U2, U2>, U1, U2, ChannelsFirst>::from_pytorch(
                &w,
                Some(&b),
            )
            .unwrap();
        let input = Tensor::<f64, ChannelsFirstShape<U2, U3, U5>>::from_vec(x.clone()).unwrap();
        let y: Tensor<f64, ChannelsFirstShape<U2, U2, U14>> = layer.forward(&input);
        assert_close(y.as_slice(), &pytorch_reference(&x, &w, &b, (2, 3, 5), (2, 4), (3, 2, 1, 2)));
    }

    #[test]
    fn from_pytorch_takes_strides_with_dilation_as_pytorch_defines_them() {
        // nn.ConvTranspose1d(2, 3, 3, stride=2, dilation=2): Keras refuses it, PyTorch does not.
        let (x, w, b) = (values(2 * 7, 4), values(2 * 3 * 3, 5), values(3, 6));
        let layer = Conv1DTranspose::<f64, U2, U3, U3, U2, Valid, U2, Inferred, ChannelsFirst>::from_pytorch(
            &w,
            Some(&b),
        )
        .unwrap();
        let input = Tensor::<f64, ChannelsFirstShape<U1, U2, U7>>::from_vec(x.clone()).unwrap();
        let y: Tensor<f64, ChannelsFirstShape<U1, U3, typenum::U17>> = layer.forward(&input);
        assert_close(y.as_slice(), &pytorch_reference(&x, &w, &b, (1, 2, 7), (3, 3), (2, 0, 2, 0)));
    }

    #[test]
    fn channels_first_is_the_transpose_of_channels_last() {
        let (x, k, b) = (values(2 * 7 * 3, 7), values(3 * 4 * 3, 8), values(4, 9));
        let cl = Conv1DTranspose::<f64, U3, U4, U3, U2, Same, U1, U1>::from_keras(&k, Some(&b)).unwrap();
        let cf =
            Conv1DTranspose::<f64, U3, U4, U3, U2, Same, U1, U1, ChannelsFirst>::from_keras(&k, Some(&b))
                .unwrap();
        let xl = Tensor::<f64, (U2, U7, U3)>::from_vec(x).unwrap();
        let yl: Tensor<f64, (U2, typenum::U14, U4)> = cl.forward(&xl);
        let yf: Tensor<f64, ChannelsFirstShape<U2, U4, typenum::U14>> = cf.forward(&xl.to_channels_first());
        assert_close(yf.to_channels_last().as_slice(), yl.as_slice());
    }

    #[test]
    fn output_padding_zero_differs_from_inferred() {
        // "same" with an odd kernel: None gives L * strides, 0 gives (L - 1) * strides + 1.
        let k = values(3 * 2, 10); // (kernel_size, filters, in_channels) = (3, 2, 1)
        let none = Conv1DTranspose::<f64, U1, U2, U3, U2, Same>::from_keras(&k, None).unwrap();
        let zero = Conv1DTranspose::<f64, U1, U2, U3, U2, Same, U1, U0>::from_keras(&k, None).unwrap();
        let x = Tensor::<f64, (U1, U5, U1)>::from_vec(values(5, 11)).unwrap();
        let a: Tensor<f64, (U1, typenum::U10, U2)> = none.forward(&x);
        let z: Tensor<f64, (U1, typenum::U9, U2)> = zero.forward(&x);
        // The same full output, cropped one step later at the start (floor((3 - 1 - 0) / 2)
        // against floor((3 - 2) / 2)).
        assert_close(&a.as_slice()[2..], z.as_slice());
        assert!(format!("{zero:?}").contains("output_padding=0"));
        assert!(!format!("{none:?}").contains("output_padding"));
    }
}
