//! Prepared Conv1D weights and the forward pass.

use std::sync::{Mutex, OnceLock, TryLockError};

use crate::backward::input::InputPack;

use crate::depthwise::DepthwiseTask;
use crate::dims::Dims;
use crate::gemm::GemmTask;
use crate::layout;
use crate::pack::GemmPack;
use crate::threads::{for_each_sample, for_each_task};
use crate::{Conv1dGeometry, Conv1dScratch, Conv1dSpec, Isa, KernelError, Layout, Parallelism, Scalar};

/// A Conv1D's weights, stored in the layout the kernels read.
///
/// Built once from Keras-layout (`(kernel_size, in_channels/groups, filters)`) or
/// PyTorch-layout (`(filters, in_channels/groups, kernel_size)`) weights and packed for the
/// instruction set of [`Isa::detected`]; [`forward`] then runs on any batch and length. It
/// allocates nothing for channels-last data; channels-first data is transposed through scratch
/// held here (grown on the first call of a size) or passed to [`forward_into`].
///
/// [`forward`]: Conv1dWeights::forward
/// [`forward_into`]: Conv1dWeights::forward_into
#[derive(Debug)]
pub struct Conv1dWeights<T> {
    spec: Conv1dSpec,
    /// Keras layout `(K, Cin/groups, filters)`.
    kernel: Vec<T>,
    bias: Option<Vec<T>>,
    isa: Isa,
    parallelism: Parallelism,
    path: Path<T>,
    scratch: Mutex<Conv1dScratch<T>>,
    /// The kernel packed for the input-gradient kernel, built by the first backward call.
    input_pack: OnceLock<InputPack<T>>,
}

/// Which kernel a layer runs, with what it needs.
#[derive(Debug)]
enum Path<T> {
    /// The register-blocked kernel on packed weights.
    Gemm(GemmPack<T>),
    /// The depthwise kernel (`groups == in_channels == filters`) on the Keras kernel; the bias
    /// (zeros if none).
    Depthwise(Vec<T>),
}

impl<T: Scalar> Path<T> {
    fn new(spec: &Conv1dSpec, kernel: &[T], bias: Option<&[T]>, isa: Isa) -> Self {
        if spec.groups == spec.in_channels && spec.filters == spec.in_channels {
            Path::Depthwise(bias.map_or_else(|| vec![T::zero(); spec.filters], <[T]>::to_vec))
        } else {
            Path::Gemm(GemmPack::new(spec, kernel, bias, isa))
        }
    }

    /// Output rows per task.
    fn rows_per_task(&self) -> usize {
        match self {
            Path::Gemm(p) => 16 * p.tile.mr(),
            Path::Depthwise(_) => 64,
        }
    }
}

impl<T: Clone> Clone for Path<T> {
    fn clone(&self) -> Self {
        match self {
            Path::Gemm(p) => Path::Gemm(p.clone()),
            Path::Depthwise(b) => Path::Depthwise(b.clone()),
        }
    }
}

impl<T: Clone> Clone for Conv1dWeights<T> {
    /// Copies the weights; the copy starts with empty scratch.
    fn clone(&self) -> Self {
        Self {
            spec: self.spec,
            kernel: self.kernel.clone(),
            bias: self.bias.clone(),
            isa: self.isa,
            parallelism: self.parallelism,
            path: self.path.clone(),
            scratch: Mutex::new(Conv1dScratch::new()),
            input_pack: self.input_pack.clone(),
        }
    }
}

impl<T: Scalar> Conv1dWeights<T> {
    /// Weights from a Keras-layout kernel `(kernel_size, in_channels/groups, filters)` and an
    /// optional bias `(filters,)`.
    ///
    /// # Errors
    ///
    /// [`KernelError`] if `spec` is invalid (see [`Conv1dSpec::validate`]) or the kernel or
    /// bias length does not match it.
    pub fn from_keras(spec: Conv1dSpec, kernel: &[T], bias: Option<&[T]>) -> Result<Self, KernelError> {
        spec.validate()?;
        check_len("kernel", spec.kernel_len(), kernel.len())?;
        if let Some(b) = bias {
            check_len("bias", spec.filters, b.len())?;
        }
        let isa = Isa::detected();
        Ok(Self {
            spec,
            kernel: kernel.to_vec(),
            bias: bias.map(<[T]>::to_vec),
            isa,
            parallelism: Parallelism::default(),
            path: Path::new(&spec, kernel, bias, isa),
            scratch: Mutex::new(Conv1dScratch::new()),
            input_pack: OnceLock::new(),
        })
    }

    /// Weights from a PyTorch-layout kernel `(filters, in_channels/groups, kernel_size)`
    /// (`torch.nn.Conv1d.weight`, ONNX `W`) and an optional bias `(filters,)`.
    ///
    /// # Errors
    ///
    /// As [`Conv1dWeights::from_keras`].
    pub fn from_pytorch(spec: Conv1dSpec, weight: &[T], bias: Option<&[T]>) -> Result<Self, KernelError> {
        spec.validate()?;
        check_len("kernel", spec.kernel_len(), weight.len())?;
        let (k, cig, f) = (spec.kernel_size, spec.channels_per_group(), spec.filters);
        let mut kernel = vec![T::zero(); weight.len()];
        for o in 0..f {
            for c in 0..cig {
                for t in 0..k {
                    kernel[(t * cig + c) * f + o] = weight[(o * cig + c) * k + t];
                }
            }
        }
        Self::from_keras(spec, &kernel, bias)
    }

    /// The same weights with another fused activation. The packed weights do not depend on
    /// it, so nothing is repacked.
    #[must_use]
    pub fn with_activation(mut self, activation: crate::Activation) -> Self {
        self.spec.activation = activation;
        self
    }

    /// The same weights repacked for `isa` (or [`Isa::Portable`] if this CPU lacks it).
    #[must_use]
    pub fn with_isa(mut self, isa: Isa) -> Self {
        self.isa = isa.or_portable();
        self.path = Path::new(&self.spec, &self.kernel, self.bias.as_deref(), self.isa);
        self.input_pack = OnceLock::new();
        self
    }

    /// The instruction set the weights are packed for.
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// The same weights with another thread policy (the default is [`Parallelism::Rayon`]).
    #[must_use]
    pub fn with_parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }

    /// Sets the thread policy of later calls.
    pub fn set_parallelism(&mut self, parallelism: Parallelism) {
        self.parallelism = parallelism;
    }

    /// The thread policy of [`forward`](Self::forward).
    pub fn parallelism(&self) -> Parallelism {
        self.parallelism
    }

    /// The layer arguments these weights belong to.
    pub fn spec(&self) -> &Conv1dSpec {
        &self.spec
    }

    /// The kernel in Keras layout `(kernel_size, in_channels/groups, filters)`.
    pub fn keras_kernel(&self) -> &[T] {
        &self.kernel
    }

    /// The bias, if the layer has one.
    pub fn bias(&self) -> Option<&[T]> {
        self.bias.as_deref()
    }

    /// Changes the kernel (Keras layout) and the bias in place, then repacks them for the
    /// kernels: how an optimizer step updates a convolution. The closure gets the bias only if
    /// the weights have one. The packed copies are rewritten in place: nothing is allocated.
    pub fn update(&mut self, f: impl FnOnce(&mut [T], Option<&mut [T]>)) {
        f(&mut self.kernel, self.bias.as_deref_mut());
        match &mut self.path {
            Path::Gemm(pack) => pack.fill(&self.spec, &self.kernel, self.bias.as_deref()),
            Path::Depthwise(b) => match &self.bias {
                Some(bias) => b.copy_from_slice(bias),
                None => b.iter_mut().for_each(|v| *v = T::zero()),
            },
        }
        if let Some(pack) = self.input_pack.get_mut() {
            pack.fill(&self.spec, &self.kernel);
        }
    }

    /// The kernel packed for the input gradient (built on first use, kept until the weights
    /// change ISA; [`update`](Self::update) repacks it in place).
    pub(crate) fn input_pack(&self) -> &InputPack<T> {
        self.input_pack.get_or_init(|| InputPack::new(&self.spec, &self.kernel, self.isa))
    }

    /// Runs `f` on the scratch held in the weights (or on fresh scratch if another thread holds
    /// it at the moment).
    pub(crate) fn with_scratch<R>(&self, f: impl FnOnce(&mut Conv1dScratch<T>) -> R) -> R {
        match self.scratch.try_lock() {
            Ok(mut s) => f(&mut s),
            Err(TryLockError::Poisoned(p)) => f(&mut p.into_inner()),
            Err(TryLockError::WouldBlock) => f(&mut Conv1dScratch::new()),
        }
    }

    /// Runs the convolution: `input` and `output` in `geo.layout`, sized by `geo`.
    ///
    /// Every element of `output` is written. Fails, without touching `output`, when a slice
    /// length does not match `geo`. Channels-first calls use the scratch held in the weights;
    /// if another thread is using it at the same moment, this call allocates its own.
    ///
    /// # Errors
    ///
    /// [`KernelError`] if `geo` does not match the weights' spec or the slices' lengths do not
    /// match `geo`.
    pub fn forward(&self, geo: &Conv1dGeometry, input: &[T], output: &mut [T]) -> Result<(), KernelError> {
        if geo.layout == Layout::ChannelsLast {
            return self.run(geo, input, output, None, self.spec.activation);
        }
        self.with_scratch(|s| self.run(geo, input, output, Some(s), self.spec.activation))
    }

    /// [`forward`](Self::forward) without the activation: the kernel and the bias only (what
    /// training needs when the activation's derivative reads its input).
    pub fn forward_linear(
        &self,
        geo: &Conv1dGeometry,
        input: &[T],
        output: &mut [T],
    ) -> Result<(), KernelError> {
        let linear = crate::Activation::Linear;
        if geo.layout == Layout::ChannelsLast {
            return self.run(geo, input, output, None, linear);
        }
        self.with_scratch(|s| self.run(geo, input, output, Some(s), linear))
    }

    /// [`forward`](Self::forward) with caller-held scratch: never allocates once `scratch` has
    /// grown to the geometry's size.
    ///
    /// # Errors
    ///
    /// As [`Conv1dWeights::forward`].
    pub fn forward_into(
        &self,
        geo: &Conv1dGeometry,
        input: &[T],
        output: &mut [T],
        scratch: &mut Conv1dScratch<T>,
    ) -> Result<(), KernelError> {
        self.run(geo, input, output, Some(scratch), self.spec.activation)
    }

    fn run(
        &self,
        geo: &Conv1dGeometry,
        input: &[T],
        output: &mut [T],
        scratch: Option<&mut Conv1dScratch<T>>,
        activation: crate::Activation,
    ) -> Result<(), KernelError> {
        check_len("input", geo.input_len(&self.spec), input.len())?;
        check_len("output", geo.output_len(&self.spec), output.len())?;
        let dims = Dims::new(&Conv1dSpec { activation, ..self.spec }, geo);
        if output.is_empty() {
            return Ok(());
        }
        let rows = self.path.rows_per_task();
        let tasks = geo.batch * dims.lout.div_ceil(rows);
        let pool = self.parallelism.use_pool(geo.flops(&self.spec), tasks);
        match (geo.layout, scratch) {
            (Layout::ChannelsLast, _) => self.channels_last(&dims, input, output, pool),
            (Layout::ChannelsFirst, Some(scratch)) => {
                let (xin, yout) = scratch.buffers(input.len(), output.len());
                let (cin, len, f, lout) = (dims.cin, dims.len, dims.f, dims.lout);
                for_each_sample(xin, input, len * cin, len * cin, pool, |d, s| {
                    layout::transpose(s, d, cin, len);
                });
                self.channels_last(&dims, xin, yout, pool);
                for_each_sample(output, yout, f * lout, f * lout, pool, |d, s| {
                    layout::transpose(s, d, lout, f);
                });
            }
            (Layout::ChannelsFirst, None) => {
                return self.run(geo, input, output, Some(&mut Conv1dScratch::new()), activation);
            }
        }
        if !activation.is_elementwise() {
            // Softmax over the output's last axis, a separate pass (it needs whole rows).
            let row = match geo.layout {
                Layout::ChannelsLast => dims.f,
                Layout::ChannelsFirst => dims.lout,
            };
            T::kernels().activation(self.isa, activation, output, row);
        }
        Ok(())
    }

    /// The forward pass on channels-last `x` into channels-last `y`.
    fn channels_last(&self, dims: &Dims, x: &[T], y: &mut [T], pool: bool) {
        let rows = self.path.rows_per_task();
        let per_x = dims.len * dims.cin;
        for_each_task(y, dims.lout * dims.f, rows * dims.f, pool, |n, c, y| {
            let x = &x[n * per_x..(n + 1) * per_x];
            let t0 = c * rows;
            match &self.path {
                Path::Gemm(pack) => T::kernels().gemm(self.isa, GemmTask { dims, pack, x, y, t0 }),
                Path::Depthwise(bias) => {
                    let w = &self.kernel;
                    T::kernels().depthwise(self.isa, DepthwiseTask { dims, w, bias, x, y, t0 });
                }
            }
        });
    }
}

fn check_len(what: &'static str, expected: usize, actual: usize) -> Result<(), KernelError> {
    if expected == actual {
        Ok(())
    } else {
        Err(KernelError::SliceLength { what, expected, actual })
    }
}
