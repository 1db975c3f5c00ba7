//! `Dense`: a fully connected layer on the last axis.

use core::marker::PhantomData;

use shaped_shapes::layer_rules::FeaturesMatch;
use shaped_shapes::StaticDim;
use shaped_tensor::{ShapeError, Tensor};

use crate::features::{LastAxis, ReplaceLast};
use crate::init::glorot_uniform;
use crate::layer::{Layer, LayerInfo};
use crate::{Activation, Float};

/// `y = activation(x @ kernel + bias)` on the last axis, from `In` features to `Units`.
///
/// **Keras equivalent:** `keras.layers.Dense(units, activation, use_bias)`, applied to the last
/// axis of a 2-D `(batch, features)` or 3-D `(batch, steps, features)` input, as Keras does.
/// **PyTorch equivalent:** `nn.Linear(in_features, out_features)` (its weight is the
/// transposed kernel: use [`Dense::from_pytorch`]).
///
/// ```
/// use shaped_layers::{Activation, Dense, Layer};
/// use shaped_shapes::{shape, Dyn, U};
/// use shaped_tensor::Tensor;
/// // Keras: Dense(2, activation="softmax") on (None, 32)
/// let dense: Dense<f32, U![32], U![2]> = Dense::new(0).activation(Activation::Softmax);
/// let x = Tensor::<f32, shape![Dyn, 32]>::zeros_with_batch(5)?;
/// let y: Tensor<f32, shape![Dyn, 2]> = dense.forward(&x);
/// assert!((y.as_slice()[0] + y.as_slice()[1] - 1.0).abs() < 1e-6);
/// # Ok::<(), shaped_tensor::ShapeError>(())
/// ```
pub struct Dense<E, In, Units> {
    /// Keras layout `(In, Units)`.
    kernel: Vec<E>,
    bias: Option<Vec<E>>,
    activation: Activation,
    types: PhantomData<fn() -> (In, Units)>,
}

impl<E: Clone, In, Units> Clone for Dense<E, In, Units> {
    fn clone(&self) -> Self {
        Self {
            kernel: self.kernel.clone(),
            bias: self.bias.clone(),
            activation: self.activation,
            types: PhantomData,
        }
    }
}

impl<E: Float, In: StaticDim, Units: StaticDim> Dense<E, In, Units> {
    /// A layer with Keras's default initialisation: `glorot_uniform` kernel from `seed`, zero
    /// bias, linear activation.
    pub fn new(seed: u64) -> Self {
        Self {
            kernel: glorot_uniform(In::USIZE * Units::USIZE, In::USIZE, Units::USIZE, seed),
            bias: Some(vec![E::zero(); Units::USIZE]),
            activation: Activation::Linear,
            types: PhantomData,
        }
    }

    /// A layer from Keras-layout weights: `kernel` of shape `(In, Units)`, `bias` of shape
    /// `(Units,)` or `None`.
    pub fn from_keras(kernel: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError> {
        check("dense.kernel", &[In::USIZE, Units::USIZE], kernel.len())?;
        if let Some(b) = bias {
            check("dense.bias", &[Units::USIZE], b.len())?;
        }
        Ok(Self {
            kernel: kernel.to_vec(),
            bias: bias.map(<[E]>::to_vec),
            activation: Activation::Linear,
            types: PhantomData,
        })
    }

    /// A layer from PyTorch-layout weights: `weight` of shape `(Units, In)` (`nn.Linear`).
    pub fn from_pytorch(weight: &[E], bias: Option<&[E]>) -> Result<Self, ShapeError> {
        check("linear.weight", &[Units::USIZE, In::USIZE], weight.len())?;
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
    pub fn activation(self, activation: Activation) -> Self {
        Self { activation, ..self }
    }

    /// Keeps or drops the bias (Keras `use_bias=`).
    pub fn use_bias(self, use_bias: bool) -> Self {
        let bias = match (use_bias, self.bias) {
            (false, _) => None,
            (true, Some(b)) => Some(b),
            (true, None) => Some(vec![E::zero(); Units::USIZE]),
        };
        Self { bias, ..self }
    }

    /// The kernel in Keras layout `(In, Units)`.
    pub fn keras_kernel(&self) -> &[E] {
        &self.kernel
    }

    /// The bias, if any.
    pub fn bias(&self) -> Option<&[E]> {
        self.bias.as_deref()
    }

    /// Applies the layer to rows of `In` features, writing rows of `Units` outputs.
    fn run(&self, x: &[E], y: &mut [E]) {
        let (i, u) = (In::USIZE, Units::USIZE);
        for (row, out) in x.chunks_exact(i.max(1)).zip(y.chunks_exact_mut(u.max(1))) {
            match &self.bias {
                Some(b) => out.copy_from_slice(b),
                None => out.iter_mut().for_each(|v| *v = E::zero()),
            }
            for (f, &xv) in row.iter().enumerate() {
                let w = &self.kernel[f * u..(f + 1) * u];
                for (o, &wv) in out.iter_mut().zip(w) {
                    *o = *o + xv * wv;
                }
            }
        }
        self.activation.apply_in_place(y, u);
    }
}

pub(crate) fn check(name: &str, shape: &[usize], actual: usize) -> Result<(), ShapeError> {
    let expected: usize = shape.iter().product();
    if expected == actual {
        return Ok(());
    }
    let dims: Vec<String> = shape.iter().map(ToString::to_string).collect();
    let expected_shape =
        if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) };
    Err(ShapeError::Weight { name: name.to_string(), expected_shape, expected, actual })
}

pub(crate) use check as check_weight;

impl<E, In: StaticDim, Units: StaticDim> LayerInfo for Dense<E, In, Units> {
    fn name(&self) -> String {
        format!("Dense({}, activation={})", Units::USIZE, self.activation.keras_name())
    }
    fn param_count(&self) -> usize {
        self.kernel.len() + self.bias.as_ref().map_or(0, Vec::len)
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

    fn forward(&self, x: &Tensor<E, X>) -> Self::Output {
        let mut y = Tensor::zeros_batch_like(x);
        self.run(x.as_slice(), y.as_mut_slice());
        y
    }
}
