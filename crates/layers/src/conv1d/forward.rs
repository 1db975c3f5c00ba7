//! The forward pass, for both data formats and any batch.

use shaped_shapes::rules::{AtLeastOne, ChannelsMatch, SequenceBatch};
use shaped_shapes::{ConvOutLen, Padding, SequenceShape, Shape, WindowLength};
use shaped_tensor::{ShapeError, Tensor, Workspace};

use super::{Conv1D, Conv1dArgs};
use crate::Float;

/// The output shape of a Conv1D on input shape `X`: `(B, Lout, F)` for channels-last,
/// `(B, F, Lout)` for channels-first, with `Lout` = [`ConvOutLen`].
pub type Conv1dOutput<Fmt, X, P, K, S, D, F> = <Fmt as SequenceShape<
    <X as Shape>::Batch,
    ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>,
    F,
>>::Output;

// What the output's shape depends on: the arguments as numbers, and a kernel, stride and
// dilation of at least 1. The other rules (filters and groups) are the constructors' alone, so
// a layer they refused is not refused again here.
impl<E, Cin, F, K, S, P, D, G, Fmt> Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Self: Conv1dArgs,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
{
    /// Applies the convolution to a batch of sequences (static or run-time batch).
    ///
    /// The output's length is computed at compile time; so is every check: the input must be
    /// 3-D in the layer's data format, with `Cin` channels, and the kernel must fit.
    pub fn forward<X>(&self, x: &Tensor<E, X>) -> Tensor<E, Conv1dOutput<Fmt, X, P, K, S, D, F>>
    where
        X: SequenceBatch<Fmt>,
        <X as SequenceBatch<Fmt>>::Channels: ChannelsMatch<Cin>,
        P: WindowLength<<X as SequenceBatch<Fmt>>::Len, K, S, D>,
        Fmt: SequenceShape<<X as Shape>::Batch, ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>, F>,
        Conv1dOutput<Fmt, X, P, K, S, D, F>: Shape<Batch = X::Batch>,
    {
        let mut out = Tensor::zeros_batch_like(x);
        self.run::<X, _>(x, &mut out, None);
        out
    }

    /// Applies the convolution into a tensor the caller owns; the output's batch must equal the
    /// input's. Channels-last, this never allocates. Channels-first, the transposes use the
    /// scratch the weights hold, and a call made while another thread uses it allocates its own:
    /// [`Layer::forward_into`](crate::Layer::forward_into) with a
    /// [`Workspace`] per thread takes the scratch from the workspace and never allocates once
    /// warmed up, however many threads share the layer.
    ///
    /// # Errors
    ///
    /// A batch error if `x`'s run-time batch does not fit `out`'s (a static `out` batch of
    /// another size).
    pub fn forward_into<X>(
        &self,
        x: &Tensor<E, X>,
        out: &mut Tensor<E, Conv1dOutput<Fmt, X, P, K, S, D, F>>,
    ) -> Result<(), ShapeError>
    where
        X: SequenceBatch<Fmt>,
        <X as SequenceBatch<Fmt>>::Channels: ChannelsMatch<Cin>,
        P: WindowLength<<X as SequenceBatch<Fmt>>::Len, K, S, D>,
        Fmt: SequenceShape<<X as Shape>::Batch, ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>, F>,
        Conv1dOutput<Fmt, X, P, K, S, D, F>: Shape<Batch = X::Batch>,
    {
        if out.batch() != x.batch() {
            return Err(ShapeError::Batch { expected: x.batch(), actual: out.batch() });
        }
        self.run::<X, _>(x, out, None);
        Ok(())
    }

    /// Runs the kernels. Channels-first data is transposed through scratch: from `ws` when
    /// given (so that a warmed-up call allocates nothing, whichever threads share the layer),
    /// else the scratch the weights hold (another thread using it at the same moment makes
    /// this call allocate its own).
    pub(crate) fn run<X, O>(&self, x: &Tensor<E, X>, out: &mut Tensor<E, O>, ws: Option<&mut Workspace>)
    where
        X: SequenceBatch<Fmt>,
        O: Shape,
    {
        let geo = Self::geometry::<X>(x.batch());
        debug_assert_eq!(geo.output_len(self.weights.spec()), out.len());
        let result = match (geo.layout, ws) {
            (shaped_kernels::Layout::ChannelsFirst, Some(ws)) => {
                let buffers = (ws.buffer::<E>(x.len()), ws.buffer::<E>(out.len()));
                let mut scratch = shaped_kernels::Conv1dScratch::from_buffers(buffers.0, buffers.1);
                let result = self.weights.forward_into(&geo, x.as_slice(), out.as_mut_slice(), &mut scratch);
                let (a, b) = scratch.into_buffers();
                ws.give_buffer(a);
                ws.give_buffer(b);
                result
            }
            _ => self.weights.forward(&geo, x.as_slice(), out.as_mut_slice()),
        };
        result.unwrap_or_else(|e| super::unreachable_kernel_error(&e));
        if self.activation.fused().is_none() {
            let last = O::SAMPLE_DIMS.last().copied().unwrap_or(1);
            self.activation.apply_in_place(out.as_mut_slice(), last);
        }
    }
}

impl<E, Cin, F, K, S, P, D, G, Fmt> crate::layer::LayerInfo for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Self: Conv1dArgs,
{
    fn name(&self) -> String {
        let spec = <Self as Conv1dArgs>::SPEC;
        let padding = <<Self as Conv1dArgs>::Padding as Padding>::NAME;
        let mut s = format!("Conv1D({}, {}", spec.filters, spec.kernel_size);
        if spec.stride != 1 {
            s += &format!(", strides={}", spec.stride);
        }
        if padding != "valid" {
            s += &format!(", padding={padding}");
        }
        if spec.dilation != 1 {
            s += &format!(", dilation_rate={}", spec.dilation);
        }
        if spec.groups != 1 {
            s += &format!(", groups={}", spec.groups);
        }
        if self.activation != crate::Activation::Linear {
            s += &format!(", activation={}", self.activation.keras_name());
        }
        s + ")"
    }

    fn param_count(&self) -> usize {
        self.weights.keras_kernel().len() + self.weights.bias().map_or(0, <[E]>::len)
    }
}

impl<E, Cin, F, K, S, P, D, G, Fmt, X> crate::layer::Layer<Tensor<E, X>>
    for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Self: Conv1dArgs,
    K: AtLeastOne,
    S: AtLeastOne,
    D: AtLeastOne,
    X: SequenceBatch<Fmt>,
    <X as SequenceBatch<Fmt>>::Channels: ChannelsMatch<Cin>,
    P: WindowLength<<X as SequenceBatch<Fmt>>::Len, K, S, D>,
    Fmt: SequenceShape<<X as Shape>::Batch, ConvOutLen<P, <X as SequenceBatch<Fmt>>::Len, K, S, D>, F>,
    Conv1dOutput<Fmt, X, P, K, S, D, F>: Shape<Batch = X::Batch>,
{
    type Output = Tensor<E, Conv1dOutput<Fmt, X, P, K, S, D, F>>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        // The kernel writes every output element (starting from the bias): no zero-fill.
        let mut out = ws.tensor_like(x);
        self.run::<X, _>(x, &mut out, Some(ws));
        out
    }
}
