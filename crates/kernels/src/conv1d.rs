//! Prepared Conv1D weights and the forward pass.

use crate::{Conv1dGeometry, Conv1dSpec, KernelError, Layout, Scalar};

/// A Conv1D's weights, stored in the layout the kernels read.
///
/// Built once from Keras-layout (`(kernel_size, in_channels/groups, filters)`) or
/// PyTorch-layout (`(filters, in_channels/groups, kernel_size)`) weights; [`forward`] then runs
/// on any batch and length without allocating.
///
/// [`forward`]: Conv1dWeights::forward
#[derive(Clone, Debug)]
pub struct Conv1dWeights<T> {
    spec: Conv1dSpec,
    /// Keras layout `(K, Cin/groups, filters)`.
    kernel: Vec<T>,
    bias: Option<Vec<T>>,
}

impl<T: Scalar> Conv1dWeights<T> {
    /// Weights from a Keras-layout kernel `(kernel_size, in_channels/groups, filters)` and an
    /// optional bias `(filters,)`.
    pub fn from_keras(spec: Conv1dSpec, kernel: &[T], bias: Option<&[T]>) -> Result<Self, KernelError> {
        spec.validate()?;
        check_len("kernel", spec.kernel_len(), kernel.len())?;
        if let Some(b) = bias {
            check_len("bias", spec.filters, b.len())?;
        }
        Ok(Self { spec, kernel: kernel.to_vec(), bias: bias.map(<[T]>::to_vec) })
    }

    /// Weights from a PyTorch-layout kernel `(filters, in_channels/groups, kernel_size)`
    /// (`torch.nn.Conv1d.weight`, ONNX `W`) and an optional bias `(filters,)`.
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

    /// Runs the convolution: `input` and `output` in `geo.layout`, sized by `geo`.
    ///
    /// Every element of `output` is written. Fails, without touching `output`, when a slice
    /// length does not match `geo`.
    pub fn forward(&self, geo: &Conv1dGeometry, input: &[T], output: &mut [T]) -> Result<(), KernelError> {
        check_len("input", geo.input_len(&self.spec), input.len())?;
        check_len("output", geo.output_len(&self.spec), output.len())?;
        let spec = &self.spec;
        let lout = geo.output_length(spec);
        let (cin, f) = (spec.in_channels, spec.filters);
        let (cig, fog) = (spec.channels_per_group(), spec.filters_per_group());
        let (len, k) = (geo.length, spec.kernel_size);
        for n in 0..geo.batch {
            let x = &input[n * len * cin..(n + 1) * len * cin];
            let y = &mut output[n * lout * f..(n + 1) * lout * f];
            for t in 0..lout {
                for o in 0..f {
                    let g = o / fog;
                    let mut acc = self.bias.as_ref().map_or(T::zero(), |b| b[o]);
                    for tap in 0..k {
                        let pos = t * spec.stride + tap * spec.dilation;
                        if pos < geo.pad_left || pos - geo.pad_left >= len {
                            continue;
                        }
                        let i = pos - geo.pad_left;
                        for c in 0..cig {
                            let ch = g * cig + c;
                            let xv = match geo.layout {
                                Layout::ChannelsLast => x[i * cin + ch],
                                Layout::ChannelsFirst => x[ch * len + i],
                            };
                            acc = acc + xv * self.kernel[(tap * cig + c) * f + o];
                        }
                    }
                    let v = spec.activation.apply(acc);
                    match geo.layout {
                        Layout::ChannelsLast => y[t * f + o] = v,
                        Layout::ChannelsFirst => y[o * lout + t] = v,
                    }
                }
            }
        }
        Ok(())
    }
}

fn check_len(what: &'static str, expected: usize, actual: usize) -> Result<(), KernelError> {
    if expected == actual {
        Ok(())
    } else {
        Err(KernelError::SliceLength { what, expected, actual })
    }
}
