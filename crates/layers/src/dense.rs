//! `Dense`: a fully connected layer on the last axis.

use core::marker::PhantomData;

use shaped_kernels::{Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
use shaped_shapes::layer_rules::FeaturesMatch;
use shaped_shapes::StaticDim;
use shaped_tensor::{ShapeError, Tensor, Workspace};

use crate::features::{LastAxis, ReplaceLast};
use crate::init::glorot_uniform;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::{Activation, Float};

/// `y = activation(x @ kernel + bias)` on the last axis, from `In` features to `Units`.
///
/// **Keras equivalent:** `keras.layers.Dense(units, activation, use_bias)`, applied to the last
/// axis of a 2-D `(batch, features)` or 3-D `(batch, steps, features)` input, as Keras does.
/// **PyTorch equivalent:** `nn.Linear(in_features, out_features)` (its weight is the
/// transposed kernel: use [`Dense::from_pytorch`]).
///
/// ```
/// use shaped::layers::{Activation, Dense, Layer};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
/// // Keras: Dense(2, activation="softmax") on (None, 32)
/// let dense: Dense<f32, U![32], U![2]> = Dense::new(0).activation(Activation::Softmax);
/// let x = Tensor::<f32, shape![Dyn, 32]>::zeros_with_batch(5)?;
/// let y: Tensor<f32, shape![Dyn, 2]> = dense.forward(&x);
/// assert!((y.as_slice()[0] + y.as_slice()[1] - 1.0).abs() < 1e-6);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
pub struct Dense<E, In, Units> {
    /// The kernel `(In, Units)` as a kernel-1 convolution over the rows, run by the SIMD kernels.
    weights: Conv1dWeights<E>,
    activation: Activation,
    types: PhantomData<fn() -> (In, Units)>,
}

impl<E: Clone, In, Units> Clone for Dense<E, In, Units> {
    fn clone(&self) -> Self {
        Self { weights: self.weights.clone(), activation: self.activation, types: PhantomData }
    }
}

/// The configuration (units, inputs, activation, bias), not the weights.
impl<E: Float, In: StaticDim, Units: StaticDim> core::fmt::Debug for Dense<E, In, Units> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Dense")
            .field("units", &Units::USIZE)
            .field("in_features", &In::USIZE)
            .field("activation", &self.activation)
            .field("use_bias", &self.weights.bias().is_some())
            .finish()
    }
}

impl<E: Float, In: StaticDim, Units: StaticDim> Dense<E, In, Units> {
    /// A layer with Keras's default initialisation: `glorot_uniform` kernel from `seed`, zero
    /// bias, linear activation.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let kernel = glorot_uniform(In::USIZE * Units::USIZE, In::USIZE, Units::USIZE, seed);
        Self::from_keras(&kernel, Some(&vec![E::zero(); Units::USIZE]))
            .unwrap_or_else(|_| unreachable!("sizes come from the types"))
    }

    /// `(In, Units)` as a kernel-1 convolution.
    fn spec(activation: Activation) -> Conv1dSpec {
        Conv1dSpec {
            in_channels: In::USIZE,
            filters: Units::USIZE,
            kernel_size: 1,
            stride: 1,
            dilation: 1,
            groups: 1,
            activation: activation.fused().unwrap_or(shaped_kernels::Activation::Linear),
        }
    }

    fn build(kernel: &[E], bias: Option<&[E]>, activation: Activation) -> Self {
        let weights = Conv1dWeights::from_keras(Self::spec(activation), kernel, bias)
            .unwrap_or_else(|e| unreachable!("Dense sizes are checked by the types: {e}"));
        Self { weights, activation, types: PhantomData }
    }

    /// A layer from Keras-layout weights: `kernel` of shape `(In, Units)`, `bias` of shape
    /// `(Units,)` or `None`.
    ///
    /// # Errors
    ///
    /// [`ShapeError`] naming the kernel or the bias if its length is not the one the types
    /// give.
    pub fn from_keras(kernel: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError> {
        check_weight("dense.kernel", &[In::USIZE, Units::USIZE], kernel.len())?;
        if let Some(b) = bias {
            check_weight("dense.bias", &[Units::USIZE], b.len())?;
        }
        Ok(Self::build(kernel, bias, Activation::Linear))
    }

    /// A layer from PyTorch-layout weights: `weight` of shape `(Units, In)` (`nn.Linear`).
    ///
    /// # Errors
    ///
    /// As [`Dense::from_keras`].
    pub fn from_pytorch(weight: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError> {
        check_weight("linear.weight", &[Units::USIZE, In::USIZE], weight.len())?;
        let (i, u) = (In::USIZE, Units::USIZE);
        let mut kernel = vec![E::zero(); weight.len()];
        for o in 0..u {
            for f in 0..i {
                kernel[f * u + o] = weight[o * i + f];
            }
        }
        Self::from_keras(&kernel, bias)
    }

    /// Sets the activation (Keras `activation=`).
    #[must_use]
    pub fn activation(self, activation: Activation) -> Self {
        let fused = activation.fused().unwrap_or(shaped_kernels::Activation::Linear);
        Self { weights: self.weights.with_activation(fused), activation, types: PhantomData }
    }

    /// Keeps or drops the bias (Keras `use_bias=`).
    #[must_use]
    pub fn use_bias(self, use_bias: bool) -> Self {
        let zeros = vec![E::zero(); Units::USIZE];
        let bias = match (use_bias, self.weights.bias()) {
            (false, _) => None,
            (true, Some(b)) => Some(b),
            (true, None) => Some(zeros.as_slice()),
        };
        Self::build(self.weights.keras_kernel(), bias, self.activation)
    }

    /// The activation.
    pub fn activation_kind(&self) -> Activation {
        self.activation
    }

    /// The kernel in Keras layout `(in, units)`.
    pub fn keras_kernel(&self) -> &[E] {
        self.weights.keras_kernel()
    }

    /// The bias, if any.
    pub fn bias(&self) -> Option<&[E]> {
        self.weights.bias()
    }

    /// The prepared weights: the kernel as a kernel-1 convolution over rows, for callers that
    /// drive the slice-level kernels directly (training does).
    pub fn kernel_weights(&self) -> &Conv1dWeights<E> {
        &self.weights
    }

    /// Changes the kernel (Keras layout `(in, units)`) and the bias in place, then repacks
    /// them: how an optimizer step updates the layer. The closure gets the bias only if the
    /// layer has one.
    pub fn update_weights(&mut self, f: impl FnOnce(&mut [E], Option<&mut [E]>)) {
        self.weights.update(f);
    }

    /// Applies the layer to `rows` rows of `In` features, writing rows of `Units` outputs.
    fn run(&self, rows: usize, x: &[E], y: &mut [E]) {
        // The rows are the time steps of one sequence: (1, rows, In) -> (1, rows, Units).
        let geo = Conv1dGeometry {
            batch: 1,
            length: rows,
            pad_left: 0,
            pad_right: 0,
            layout: Layout::ChannelsLast,
        };
        self.weights
            .forward(&geo, x, y)
            .unwrap_or_else(|e| unreachable!("Dense sizes are checked by the types: {e}"));
        if self.activation.fused().is_none() {
            self.activation.apply_in_place(y, Units::USIZE);
        }
    }
}

impl<E: Float, In: StaticDim, Units: StaticDim> LayerInfo for Dense<E, In, Units> {
    fn name(&self) -> String {
        format!("Dense({}, activation={})", Units::USIZE, self.activation.keras_name())
    }
    fn param_count(&self) -> usize {
        self.weights.keras_kernel().len() + self.weights.bias().map_or(0, <[E]>::len)
    }
}

impl<E, X, In, Units> Layer<Tensor<E, X>> for Dense<E, In, Units>
where
    E: Float,
    In: StaticDim,
    Units: StaticDim,
    X: LastAxis + ReplaceLast<Units>,
    X::Last: FeaturesMatch<In>,
{
    type Output = Tensor<E, <X as ReplaceLast<Units>>::Output>;

    fn forward_with(&self, x: &Tensor<E, X>, ws: &mut Workspace) -> Self::Output {
        // The kernel writes every output element: no zero-fill.
        let mut y = ws.tensor_like(x);
        let rows = x.len() / In::USIZE.max(1);
        self.run(rows, x.as_slice(), y.as_mut_slice());
        y
    }
}
