//! `Conv1DTranspose`: the transposed (fractionally strided) 1-D convolution.

use core::marker::PhantomData;
use core::ops::{Add, Mul, Sub};

use shaped_shapes::layer_rules::TransposePadding;
use shaped_shapes::rules::{AtLeastOne, ChannelsMatch};
use shaped_shapes::{Dim, EffectiveKernel, Same, Shape, StaticDim, Valid};
use shaped_tensor::{ShapeError, Tensor, Workspace};
use typenum::{Diff, Max, Maximum, Prod, Sub1, Sum, Unsigned, B1, U1};

use crate::init::glorot_uniform;
use crate::layer::{Layer, LayerInfo};
use crate::weights::check_weight;
use crate::{Activation, Float};

/// The output length of a transposed convolution over `L` steps, by padding.
pub trait TransposeLength<L, K, S, D> {
    /// The output length.
    type Output: Unsigned;
    /// Steps cropped from the start of the full transposed output.
    fn crop_left(length: usize, kernel_size: usize, stride: usize, dilation: usize) -> usize;
}

/// `padding="valid"`: `L * strides + max(eff - strides, 0)` (Keras's rule: when the kernel is
/// shorter than the stride the output keeps whole strides, the tail holding only the bias).
impl<L, K, S, D> TransposeLength<L, K, S, D> for Valid
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
    fn crop_left(_: usize, _: usize, _: usize, _: usize) -> usize {
        0
    }
}

/// `padding="same"`: `L * strides`, cropping `floor((eff - strides) / 2)` steps at the start.
impl<L, K, S, D> TransposeLength<L, K, S, D> for Same
where
    L: Mul<S>,
    Prod<L, S>: Unsigned,
{
    type Output = Prod<L, S>;
    fn crop_left(_: usize, kernel_size: usize, stride: usize, dilation: usize) -> usize {
        let eff = dilation * (kernel_size - 1) + 1;
        eff.saturating_sub(stride) / 2
    }
}

/// The transposed convolution: each input step scatters `kernel_size` taps spaced by
/// `dilation_rate` into an output `strides` times longer.
///
/// **Keras equivalent:** `keras.layers.Conv1DTranspose(filters, kernel_size, strides, padding,
/// dilation_rate, activation, use_bias)` (channels-last, `output_padding=None`). Its kernel
/// layout is `(kernel_size, filters, in_channels)`. **PyTorch equivalent:**
/// `nn.ConvTranspose1d`, whose weight is `(in_channels, filters, kernel_size)`.
///
/// ```
/// use shaped::layers::{Conv1DTranspose, Layer};
/// use shaped::shapes::{shape, Same, U};
/// use shaped::tensor::Tensor;
/// // Keras: Conv1DTranspose(3, 4, strides=2, padding="same") on (None, 10, 5) -> (None, 20, 3)
/// let up: Conv1DTranspose<f32, U![5], U![3], U![4], U![2], Same> = Conv1DTranspose::new(0);
/// let y: Tensor<f32, shape![2, 20, 3]> = up.forward(&Tensor::<f32, shape![2, 10, 5]>::zeros());
/// ```
pub struct Conv1DTranspose<E, Cin, F, K, S = U1, P = Valid, D = U1> {
    /// Keras layout `(K, F, Cin)`.
    kernel: Vec<E>,
    bias: Option<Vec<E>>,
    activation: Activation,
    types: PhantomData<fn() -> (Cin, F, K, S, P, D)>,
}

impl<E: Clone, Cin, F, K, S, P, D> Clone for Conv1DTranspose<E, Cin, F, K, S, P, D> {
    fn clone(&self) -> Self {
        Self {
            kernel: self.kernel.clone(),
            bias: self.bias.clone(),
            activation: self.activation,
            types: PhantomData,
        }
    }
}

/// The configuration (Keras's arguments), not the weights.
impl<E, Cin, F, K, S, P, D> core::fmt::Debug for Conv1DTranspose<E, Cin, F, K, S, P, D>
where
    Cin: Unsigned,
    F: Unsigned,
    K: Unsigned,
    S: Unsigned,
    P: shaped_shapes::Padding,
    D: Unsigned,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Conv1DTranspose(filters={}, kernel_size={}, strides={}, padding=\"{}\", dilation_rate={}, activation={:?}, use_bias={}, in_channels={})",
            F::USIZE,
            K::USIZE,
            S::USIZE,
            P::NAME,
            D::USIZE,
            self.activation,
            self.bias.is_some(),
            Cin::USIZE
        )
    }
}

impl<E, Cin, F, K, S, P, D> Conv1DTranspose<E, Cin, F, K, S, P, D>
where
    E: Float,
    Cin: StaticDim,
    F: StaticDim + AtLeastOne,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
{
    /// Keras's default initialisation: `glorot_uniform` kernel from `seed`, zero bias.
    #[must_use]
    pub fn new(seed: u64) -> Self
    where
        P: TransposePadding,
    {
        let n = K::USIZE * F::USIZE * Cin::USIZE;
        Self {
            kernel: glorot_uniform(n, K::USIZE * F::USIZE, K::USIZE * Cin::USIZE, seed),
            bias: Some(vec![E::zero(); F::USIZE]),
            activation: Activation::Linear,
            types: PhantomData,
        }
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
    {
        check_weight("conv1d_transpose.kernel", &[K::USIZE, F::USIZE, Cin::USIZE], kernel.len())?;
        if let Some(b) = bias {
            check_weight("conv1d_transpose.bias", &[F::USIZE], b.len())?;
        }
        Ok(Self {
            kernel: kernel.to_vec(),
            bias: bias.map(<[E]>::to_vec),
            activation: Activation::Linear,
            types: PhantomData,
        })
    }
}

/// Accessors that hold for any arguments.
impl<E: Float, Cin, F, K, S, P, D> Conv1DTranspose<E, Cin, F, K, S, P, D> {
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

impl<E, Cin: StaticDim, F: StaticDim, K: StaticDim, S: StaticDim, P, D: StaticDim> LayerInfo
    for Conv1DTranspose<E, Cin, F, K, S, P, D>
where
    P: shaped_shapes::Padding,
{
    fn name(&self) -> String {
        format!("Conv1DTranspose({}, {}, strides={}, padding={})", F::USIZE, K::USIZE, S::USIZE, P::NAME)
    }
    fn param_count(&self) -> usize {
        self.kernel.len() + self.bias.as_ref().map_or(0, Vec::len)
    }
}

impl<E, B, L, C, Cin, F, K, S, P, D> Layer<Tensor<E, (B, L, C)>> for Conv1DTranspose<E, Cin, F, K, S, P, D>
where
    E: Float,
    B: Dim,
    L: StaticDim,
    C: StaticDim + ChannelsMatch<Cin>,
    (B, L, C): Shape<Batch = B>,
    Cin: StaticDim,
    F: StaticDim,
    K: StaticDim,
    S: StaticDim,
    D: StaticDim,
    P: shaped_shapes::Padding + TransposeLength<L, K, S, D>,
    <P as TransposeLength<L, K, S, D>>::Output: StaticDim + Mul<F>,
    Prod<<P as TransposeLength<L, K, S, D>>::Output, F>: Unsigned,
{
    type Output = Tensor<E, (B, <P as TransposeLength<L, K, S, D>>::Output, F)>;

    fn forward_with(&self, x: &Tensor<E, (B, L, C)>, ws: &mut Workspace) -> Self::Output {
        let mut y = ws.zeros_like(x);
        let (len, cin, f, k, s, d) = (L::USIZE, Cin::USIZE, F::USIZE, K::USIZE, S::USIZE, D::USIZE);
        let lout = <<P as TransposeLength<L, K, S, D>>::Output as Unsigned>::USIZE;
        let crop = P::crop_left(len, k, s, d);
        for (xs, ys) in x
            .as_slice()
            .chunks_exact((len * cin).max(1))
            .zip(y.as_mut_slice().chunks_exact_mut((lout * f).max(1)))
        {
            if let Some(b) = &self.bias {
                ys.chunks_exact_mut(f).for_each(|row| row.copy_from_slice(b));
            }
            for t in 0..len {
                for tap in 0..k {
                    let Some(j) = (t * s + tap * d).checked_sub(crop) else { continue };
                    if j >= lout {
                        continue;
                    }
                    for o in 0..f {
                        let w = &self.kernel[(tap * f + o) * cin..(tap * f + o + 1) * cin];
                        let acc = xs[t * cin..(t + 1) * cin]
                            .iter()
                            .zip(w)
                            .fold(E::zero(), |a, (&xv, &wv)| a + xv * wv);
                        ys[j * f + o] = ys[j * f + o] + acc;
                    }
                }
            }
        }
        self.activation.apply_in_place(y.as_mut_slice(), f);
        y
    }
}

impl<E, Cin, F, K, S, P, D> crate::Init for Conv1DTranspose<E, Cin, F, K, S, P, D>
where
    E: Float,
    Cin: StaticDim,
    F: StaticDim + AtLeastOne,
    K: StaticDim + AtLeastOne,
    S: StaticDim + AtLeastOne,
    D: StaticDim + AtLeastOne,
    P: TransposePadding,
{
    fn init(seed: u64) -> Self {
        Self::new(seed)
    }
}

impl<E, Cin, F, K, S, P, D> crate::KerasVariables<E> for Conv1DTranspose<E, Cin, F, K, S, P, D>
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
