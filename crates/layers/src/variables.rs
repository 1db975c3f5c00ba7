//! Building layers with Keras's default initialisers, and reaching their variables by Keras
//! name (`<layer>.<variable>`, e.g. `conv1d_3.kernel`) to load and save them.
//!
//! [`Init`] is what a declared model (`model!`) calls for each layer; [`KerasVariables`] is
//! how it loads and saves its weights from any [`WeightSource`] (a safetensors, `.keras` or
//! `.h5` file in `shaped-io`) into any [`WeightSink`].

use shaped_shapes::StaticDim;

use shaped_shapes::layer_rules::NormGroupsDivideChannels;

use crate::{
    Activation, BatchNormalization, Conv1D, Dense, Embedding, Float, GroupNormalization, LayerNormalization,
    PReLU, ValidConv1dArgs,
};

/// A layer built with Keras's default initialisers (e.g. `glorot_uniform` kernels and zero
/// biases for Conv1D and Dense), random draws from `seed`.
#[diagnostic::on_unimplemented(
    message = "this layer has no default constructor for a declared model",
    note = "the layer is `{Self}`",
    label = "build this layer explicitly",
    note = "layers whose Keras constructor needs an argument (Activation, Fork, Residual, ...) take it in the declaration: `Activation(x).with(Activation::Relu)`"
)]
pub trait Init: Sized {
    /// The layer with its default weights.
    fn init(seed: u64) -> Self;

    /// Replaces the default layer by `layer` (for layers whose arguments are run-time values,
    /// in a declaration: `Activation(x).with(Activation::Relu)`).
    #[must_use]
    fn with(self, layer: Self) -> Self {
        layer
    }
}

/// The seed of the `index`-th layer of a model built from `seed` (SplitMix64), so that no two
/// layers draw the same weights.
#[must_use]
pub fn layer_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(index.wrapping_add(1)));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Where weights come from, by Keras name (`<layer>.<variable>`) and shape.
pub trait WeightSource<E> {
    /// Why a weight could not be taken (missing, wrong shape, wrong type).
    type Error;
    /// The weight `name` of the given shape, in Keras layout.
    ///
    /// # Errors
    ///
    /// The source's error when it has no variable `name`, or one of another shape or type.
    fn take(&mut self, name: &str, shape: &[usize]) -> Result<Vec<E>, Self::Error>;
    /// Whether the source holds `name` (for optional variables such as a bias).
    fn has(&self, name: &str) -> bool;
    /// The shape of `name` in the source, when it can tell (to pick between two layouts of the
    /// same numbers, such as a depthwise kernel).
    fn shape_of(&self, _name: &str) -> Option<Vec<usize>> {
        None
    }
}

/// Where weights go, by Keras name and shape.
pub trait WeightSink<E> {
    /// Why a weight could not be written.
    type Error;
    /// Writes the weight `name` of the given shape, in Keras layout.
    ///
    /// # Errors
    ///
    /// The sink's error, e.g. a name written twice.
    fn put(&mut self, name: &str, shape: &[usize], data: &[E]) -> Result<(), Self::Error>;
}

/// A layer (or model) whose variables load and save by Keras name.
pub trait KerasVariables<E> {
    /// Loads the variables of the layer named `layer` (`<layer>.kernel`, ...), keeping its
    /// other settings (activation, epsilon).
    ///
    /// # Errors
    ///
    /// The first error of [`WeightSource::take`]; the layer is unchanged then.
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error>;
    /// Saves them under the same names.
    ///
    /// # Errors
    ///
    /// The first error of [`WeightSink::put`].
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error>;
}

/// A bias when the source has one (`use_bias=False` layers have none).
fn optional<E, Src: WeightSource<E>>(
    src: &mut Src,
    name: &str,
    shape: &[usize],
) -> Result<Option<Vec<E>>, Src::Error> {
    if src.has(name) {
        src.take(name, shape).map(Some)
    } else {
        Ok(None)
    }
}

/// The source checked each weight's shape, so rebuilding the layer from them cannot fail.
fn checked<T>(r: Result<T, shaped_tensor::ShapeError>) -> T {
    r.unwrap_or_else(|e| unreachable!("the weight source checked the shapes: {e}"))
}

impl<E, Cin, F, K, S, P, D, G, Fmt> Init for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    fn init(seed: u64) -> Self {
        Conv1D::new(seed)
    }
}

impl<E, Cin, F, K, S, P, D, G, Fmt> KerasVariables<E> for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let name = format!("{layer}.kernel");
        // Keras's DepthwiseConv1D stores its kernel as (kernel_size, channels, multiplier): the
        // same numbers in the same order as this depthwise Conv1D's (kernel_size, 1, filters).
        let spec = Self::spec();
        let depthwise = [spec.kernel_size, spec.groups, spec.filters / spec.groups];
        let shape = match src.shape_of(&name) {
            Some(s) if spec.groups > 1 && spec.groups == spec.in_channels && s == depthwise => {
                depthwise.to_vec()
            }
            _ => Self::keras_kernel_shape().to_vec(),
        };
        let kernel = src.take(&name, &shape)?;
        let bias = optional(src, &format!("{layer}.bias"), &[spec.filters])?;
        let activation = self.activation_kind();
        *self = checked(Self::from_keras(&kernel, bias.as_deref())).activation(activation);
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.kernel"), &Self::keras_kernel_shape(), self.keras_kernel())?;
        match self.bias() {
            Some(b) => dst.put(&format!("{layer}.bias"), &[Self::spec().filters], b),
            None => Ok(()),
        }
    }
}

impl<E: Float, In: StaticDim, Units: StaticDim> Init for Dense<E, In, Units> {
    fn init(seed: u64) -> Self {
        Dense::new(seed)
    }
}

impl<E: Float, In: StaticDim, Units: StaticDim> KerasVariables<E> for Dense<E, In, Units> {
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let kernel = src.take(&format!("{layer}.kernel"), &[In::USIZE, Units::USIZE])?;
        let bias = optional(src, &format!("{layer}.bias"), &[Units::USIZE])?;
        let activation = self.activation_kind();
        *self = checked(Self::from_keras(&kernel, bias.as_deref())).activation(activation);
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.kernel"), &[In::USIZE, Units::USIZE], self.keras_kernel())?;
        match self.bias() {
            Some(b) => dst.put(&format!("{layer}.bias"), &[Units::USIZE], b),
            None => Ok(()),
        }
    }
}

impl<E: Float, C: StaticDim, Fmt> Init for BatchNormalization<E, C, Fmt> {
    fn init(_seed: u64) -> Self {
        BatchNormalization::new()
    }
}

impl<E: Float, C: StaticDim, Fmt> KerasVariables<E> for BatchNormalization<E, C, Fmt> {
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let c = [C::USIZE];
        let gamma = optional(src, &format!("{layer}.gamma"), &c)?;
        let beta = optional(src, &format!("{layer}.beta"), &c)?;
        let mean = src.take(&format!("{layer}.moving_mean"), &c)?;
        let var = src.take(&format!("{layer}.moving_variance"), &c)?;
        *self = checked(Self::from_keras(gamma.as_deref(), beta.as_deref(), &mean, &var, self.epsilon()));
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        let c = [C::USIZE];
        if let Some(g) = self.gamma() {
            dst.put(&format!("{layer}.gamma"), &c, g)?;
        }
        if let Some(b) = self.beta() {
            dst.put(&format!("{layer}.beta"), &c, b)?;
        }
        dst.put(&format!("{layer}.moving_mean"), &c, self.moving_mean())?;
        dst.put(&format!("{layer}.moving_variance"), &c, self.moving_variance())
    }
}

impl<E: Float, V: StaticDim, D: StaticDim> Init for Embedding<E, V, D> {
    fn init(seed: u64) -> Self {
        Embedding::new(seed)
    }
}

impl<E: Float, V: StaticDim, D: StaticDim> KerasVariables<E> for Embedding<E, V, D> {
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let table = src.take(&format!("{layer}.embeddings"), &[V::USIZE, D::USIZE])?;
        *self = checked(Self::from_keras(&table));
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.embeddings"), &[V::USIZE, D::USIZE], self.embeddings())
    }
}

impl<E: Float, C: StaticDim> Init for LayerNormalization<E, C> {
    fn init(_seed: u64) -> Self {
        LayerNormalization::new()
    }
}

/// `gamma` and `beta` when the source has them (`scale=False`/`center=False` layers have not).
impl<E: Float, C: StaticDim> KerasVariables<E> for LayerNormalization<E, C> {
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let gamma = optional(src, &format!("{layer}.gamma"), &[C::USIZE])?;
        let beta = optional(src, &format!("{layer}.beta"), &[C::USIZE])?;
        *self = checked(Self::from_keras(gamma.as_deref(), beta.as_deref(), self.epsilon()));
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        if let Some(g) = self.gamma() {
            dst.put(&format!("{layer}.gamma"), &[C::USIZE], g)?;
        }
        match self.beta() {
            Some(b) => dst.put(&format!("{layer}.beta"), &[C::USIZE], b),
            None => Ok(()),
        }
    }
}

impl<E: Float, C: StaticDim + NormGroupsDivideChannels<G>, G: StaticDim> Init
    for GroupNormalization<E, C, G>
{
    fn init(_seed: u64) -> Self {
        GroupNormalization::new()
    }
}

/// `gamma` and `beta` when the source has them.
impl<E: Float, C: StaticDim + NormGroupsDivideChannels<G>, G: StaticDim> KerasVariables<E>
    for GroupNormalization<E, C, G>
{
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let gamma = optional(src, &format!("{layer}.gamma"), &[C::USIZE])?;
        let beta = optional(src, &format!("{layer}.beta"), &[C::USIZE])?;
        *self = checked(Self::from_keras(gamma.as_deref(), beta.as_deref(), self.epsilon()));
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        if let Some(g) = self.gamma() {
            dst.put(&format!("{layer}.gamma"), &[C::USIZE], g)?;
        }
        match self.beta() {
            Some(b) => dst.put(&format!("{layer}.beta"), &[C::USIZE], b),
            None => Ok(()),
        }
    }
}

impl<E: Float, AL: StaticDim, AC: StaticDim> Init for PReLU<E, AL, AC> {
    fn init(_seed: u64) -> Self {
        PReLU::new()
    }
}

impl<E: Float, AL: StaticDim, AC: StaticDim> KerasVariables<E> for PReLU<E, AL, AC> {
    fn load_variables<Src: WeightSource<E>>(&mut self, layer: &str, src: &mut Src) -> Result<(), Src::Error> {
        let alpha = src.take(&format!("{layer}.alpha"), &[AL::USIZE, AC::USIZE])?;
        *self = checked(Self::from_keras(&alpha));
        Ok(())
    }
    fn save_variables<Dst: WeightSink<E>>(&self, layer: &str, dst: &mut Dst) -> Result<(), Dst::Error> {
        dst.put(&format!("{layer}.alpha"), &[AL::USIZE, AC::USIZE], self.alpha())
    }
}

impl Init for Activation {
    /// The linear activation; a declaration sets another with `.with(Activation::Relu)`.
    fn init(_seed: u64) -> Self {
        Activation::Linear
    }
}

/// Layers without weights: `Init` from `Default`, no variables.
macro_rules! weightless {
    ($($name:ident $(<$($p:ident),+>)?),+ $(,)?) => {$(
        impl<$($($p),+)?> Init for $name$(<$($p),+>)? where Self: Default {
            fn init(_seed: u64) -> Self {
                Self::default()
            }
        }
        weightless_variables!($name $(<$($p),+>)?);
    )+};
}

macro_rules! weightless_variables {
    ($($name:ident $(<$($p:ident),+>)?),+ $(,)?) => {$(
        impl<E, $($($p),+)?> KerasVariables<E> for $name$(<$($p),+>)? {
            fn load_variables<Src: WeightSource<E>>(&mut self, _: &str, _: &mut Src) -> Result<(), Src::Error> {
                Ok(())
            }
            fn save_variables<Dst: WeightSink<E>>(&self, _: &str, _: &mut Dst) -> Result<(), Dst::Error> {
                Ok(())
            }
        }
    )+};
}

use crate::graph::Identity;
use crate::merge::{Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract};
use crate::pool::{
    AdaptiveAveragePooling1D, AdaptiveMaxPooling1D, AveragePooling1D, GlobalAveragePooling1D,
    GlobalMaxPooling1D, KeepDims, MaxPooling1D,
};
use crate::reshaping::{Cropping1D, Flatten, Permute, RepeatVector, Reshape, UpSampling1D, ZeroPadding1D};
use crate::{Dropout, LeakyReLU, ReLU, SpatialDropout1D};

weightless!(
    Add, Multiply, Average, Maximum, Minimum, Subtract, Identity,
    Concatenate<Axis>,
    MaxPooling1D<Pool, S, P, Fmt>, AveragePooling1D<Pool, S, P, Fmt>,
    GlobalAveragePooling1D<Fmt>, GlobalMaxPooling1D<Fmt>,
    Flatten, Reshape<T>, ZeroPadding1D<A, B>, Cropping1D<A, B>, UpSampling1D<N>,
    AdaptiveAveragePooling1D<N>, AdaptiveMaxPooling1D<N>, KeepDims<P>, Permute<D>, RepeatVector<N>,
    ReLU, LeakyReLU,
);
impl Init for Dropout {
    /// A rate of 0; a declaration sets Keras's rate with `.with(dropout!(rate))` (at
    /// inference Dropout is the identity either way).
    fn init(_seed: u64) -> Self {
        crate::dropout!(0.0)
    }
}

impl Init for SpatialDropout1D {
    /// A rate of 0; a declaration sets Keras's rate with
    /// `.with(SpatialDropout1D::new(rate)?)` (at inference it is the identity either way).
    fn init(_seed: u64) -> Self {
        SpatialDropout1D::new(0.0).unwrap_or_else(|e| unreachable!("0 is a valid rate: {e}"))
    }
}

weightless_variables!(Activation, Dropout, SpatialDropout1D);
