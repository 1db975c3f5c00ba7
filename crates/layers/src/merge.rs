//! Merging branches: Add, Multiply, Average, Maximum, Minimum, Subtract and Concatenate, over
//! two to eight inputs.
//!
//! A merge takes a tuple of tensors, each owned or borrowed: `(a, b, c)` as a fork yields it,
//! or `(&a, &b)` for tensors still needed afterwards. Their shapes are checked input by input
//! against the first, one dimension at a time, and an error names the dimension and the input
//! (`the merged branches' channels differ`, with the note `Input3 has ... channels, input 1 has ...`).
//!
//! Masked sequences ([`Masked`]) merge as in Keras 3.15.1 (measured, see
//! `tools/gen_mask_cases.py`): `Add`, `Subtract` and `Average` add the values as they are and
//! keep a step that any input keeps (the OR of the masks); `Maximum` and `Minimum` take, at a
//! step one input masks, the other input's value (the first input's where every input masks
//! it); `Multiply` counts a masked step as 1 and zeroes the steps every input masks;
//! `Concatenate` ORs the masks along the channel axis and joins them along the time axis.
//! Merged with an unmasked tensor, the elementwise merges give a plain [`Tensor`] (Keras's
//! output has no mask), with `Maximum`, `Minimum` and `Multiply` still reading the masks that
//! are there; `Concatenate` counts the unmasked input's steps as kept and stays masked.
//!
//! ```
//! use shaped::layers::{merge::{Add, Concatenate, Maximum, TimeAxis}, Layer};
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::{Masked, Tensor};
//! type X = Tensor<f32, shape![Dyn, 3, 1]>;
//! let a = Masked::with_flags(X::from_vec(vec![1., 2., 3.])?, vec![true, false, false])?;
//! let b = Masked::with_flags(X::from_vec(vec![5., -6., 7.])?, vec![true, true, false])?;
//! // Keras: Add()([a, b]) keeps a step either input keeps.
//! let sum: Masked<f32, shape![Dyn, 3, 1]> = Add::new().forward(&(&a, &b));
//! assert_eq!((sum.values().as_slice(), sum.mask().as_slice()), (&[6., -4., 10.][..], &[true, true, false][..]));
//! // Maximum reads the masks: at step 1 only b's -6 counts; at step 2 a's 3 (both masked).
//! let max = Maximum::new().forward(&(&a, &b));
//! assert_eq!(max.values().as_slice(), &[5., -6., 3.]);
//! // With an unmasked tensor, Keras's Add has no output mask: a plain tensor.
//! let plain: Tensor<f32, shape![Dyn, 3, 1]> = Add::new().forward(&(&a, b.values()));
//! // Concatenate along time joins the masks; the unmasked input's steps count as kept.
//! let t: Masked<f32, shape![Dyn, 6, 1]> = Concatenate::axis(TimeAxis).forward(&(&a, b.values()));
//! assert_eq!(t.mask().as_slice(), &[true, false, false, true, true, true]);
//! # Ok::<(), shaped::tensor::ShapeError>(())
//! ```

use core::marker::PhantomData;

pub use shaped_shapes::merge_rules::{ChannelAxis, TimeAxis};
use shaped_shapes::merge_rules::{
    ConcatShapes, Input2, Input3, Input4, Input5, Input6, Input7, Input8, MergesWith,
};
use shaped_shapes::Shape;
use shaped_tensor::{Buffers, Masked, ShapeError, StepShape, Tensor, Workspace};
use typenum::Unsigned;

use crate::layer::{Layer, LayerInfo};
use crate::reshaping::marker_layer;
use crate::Float;

pub use crate::graph::Residual;

/// Checks that two branches to be merged hold the same number of samples. Their other
/// dimensions agree by type; only a run-time ([`shaped_shapes::Dyn`]) batch can differ, when the
/// two tensors did not come from the same input.
///
/// ```
/// use shaped::layers::merge::check_batches;
/// use shaped::shapes::{shape, Dyn};
/// use shaped::tensor::{ShapeError, Tensor};
/// let a = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(3)?;
/// let b = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(2)?;
/// assert_eq!(check_batches(&a, &b).unwrap_err().to_string(), "expected a batch of 3 samples, got 2");
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// # Errors
///
/// A batch error naming both batches when they differ.
pub fn check_batches<E: Float, S: Shape, S2: Shape>(
    a: &Tensor<E, S>,
    b: &Tensor<E, S2>,
) -> Result<(), ShapeError> {
    if a.batch() == b.batch() {
        Ok(())
    } else {
        Err(ShapeError::Batch { expected: a.batch(), actual: b.batch() })
    }
}

fn assert_batches(a: usize, b: usize) {
    assert!(a == b, "merging branches of {a} and {b} samples: both inputs must hold the same batch");
}

/// One input of a merge: a tensor or a [`Masked`] sequence, owned or borrowed.
pub trait MergeInput {
    /// The element type.
    type E: Float;
    /// The shape.
    type Shape: Shape;
    /// [`WithMask`] for a masked sequence, [`NoMask`] for a tensor: whether the merge's
    /// output carries a mask is computed from these, as Keras decides it.
    type Mask: MaskPresence;
    /// The tensor (a masked sequence's values).
    fn tensor(&self) -> &Tensor<Self::E, Self::Shape>;
    /// The mask's flags, row-major `(batch, steps)`; `None` for a tensor without a mask.
    fn mask_flags(&self) -> Option<&[bool]> {
        None
    }
    /// Whether the step of element `i` of the values is kept; `None` without a mask.
    fn kept(&self, _i: usize) -> Option<bool> {
        None
    }
}

impl<E: Float, S: Shape> MergeInput for Tensor<E, S> {
    type E = E;
    type Shape = S;
    type Mask = NoMask;
    fn tensor(&self) -> &Tensor<E, S> {
        self
    }
}

impl<E: Float, S: StepShape> MergeInput for Masked<E, S> {
    type E = E;
    type Shape = S;
    type Mask = WithMask;
    fn tensor(&self) -> &Tensor<E, S> {
        self.values()
    }
    fn mask_flags(&self) -> Option<&[bool]> {
        Some(self.mask().as_slice())
    }
    fn kept(&self, i: usize) -> Option<bool> {
        self.mask().as_slice().get(S::mask_index(i)).copied()
    }
}

impl<T: MergeInput> MergeInput for &T {
    type E = T::E;
    type Shape = T::Shape;
    type Mask = T::Mask;
    fn tensor(&self) -> &Tensor<T::E, T::Shape> {
        (**self).tensor()
    }
    fn mask_flags(&self) -> Option<&[bool]> {
        (**self).mask_flags()
    }
    fn kept(&self, i: usize) -> Option<bool> {
        (**self).kept(i)
    }
}

/// Whether a merge input carries a mask, as a type: [`WithMask`] or [`NoMask`]. `And` is the
/// elementwise merges' rule (Keras gives them an output mask only when every input has one),
/// `Or` Concatenate's (one masked input makes the output masked).
pub trait MaskPresence {
    /// Masked when both are.
    type And<O: MaskPresence>: MaskPresence;
    /// Masked when either is.
    type Or<O: MaskPresence>: MaskPresence;
}

/// The input, or the merge's output, carries a mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WithMask;

/// The input, or the merge's output, carries no mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoMask;

impl MaskPresence for WithMask {
    type And<O: MaskPresence> = O;
    type Or<O: MaskPresence> = WithMask;
}

impl MaskPresence for NoMask {
    type And<O: MaskPresence> = NoMask;
    type Or<O: MaskPresence> = O;
}

/// A merge's output for values of shape `S`: a [`Masked`] sequence ([`WithMask`]) or a plain
/// [`Tensor`] ([`NoMask`]).
pub trait MergedOutput<E: Float, S: Shape>: MaskPresence {
    /// `Masked<E, S>` or `Tensor<E, S>`.
    type Output: Buffers + crate::layer::TypeShape;
    /// The output from the merged values, computing the mask (from the batch and the
    /// output's steps) only when there is one.
    fn wrap(values: Tensor<E, S>, mask: impl FnOnce(usize, usize) -> Vec<bool>) -> Self::Output;
}

impl<E: Float, S: Shape> MergedOutput<E, S> for NoMask {
    type Output = Tensor<E, S>;
    fn wrap(values: Tensor<E, S>, _mask: impl FnOnce(usize, usize) -> Vec<bool>) -> Tensor<E, S> {
        values
    }
}

impl<E: Float, S: StepShape> MergedOutput<E, S> for WithMask {
    type Output = Masked<E, S>;
    fn wrap(values: Tensor<E, S>, mask: impl FnOnce(usize, usize) -> Vec<bool>) -> Masked<E, S> {
        let flags = mask(values.batch(), <S::Steps as Unsigned>::USIZE);
        Masked::with_flags(values, flags)
            .unwrap_or_else(|e| unreachable!("one flag per sample and step of the merged values: {e}"))
    }
}

/// The OR of the inputs' masks (`None` for an input without one): Keras's `compute_mask` of the
/// elementwise merges, used when every input has a mask.
fn or_masks(masks: &[Option<&[bool]>]) -> Vec<bool> {
    let mut out: Vec<bool> = masks.iter().flatten().next().map_or_else(Vec::new, |m| m.to_vec());
    for m in masks.iter().flatten() {
        out.iter_mut().zip(m.iter()).for_each(|(o, &k)| *o = *o || k);
    }
    out
}

/// How an elementwise merge reads the masks of its inputs (Keras 3.15.1).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MaskRule {
    /// `Add`, `Subtract`, `Average`: the values as they are (only the output mask changes).
    Ignore,
    /// `Maximum`, `Minimum` (Keras's `_apply_merge_op_and_or_mask`): a masked step of the next
    /// input takes the running result's value, a masked step of the running result the next
    /// input's, before the two are combined.
    Substitute,
    /// `Multiply`: a masked step counts as 1; with every input masked, the steps none keeps
    /// become 0.
    One,
}

/// How an elementwise merge combines its inputs.
trait Combine {
    /// Combines the running result `acc` with the next input's value `x`.
    fn step<E: Float>(acc: E, x: E) -> E;
    /// Finishes the result after `n` inputs (Average divides by `n`).
    fn finish<E: Float>(acc: E, _n: usize) -> E {
        acc
    }
    /// How the merge reads masks.
    const RULE: MaskRule = MaskRule::Ignore;
}

/// The masked form of [`combine`] for the merges whose values depend on the masks, element by
/// element as Keras computes it; `inputs[i]` is input `i`'s values and a function telling
/// whether the step of an element is kept (`None` without a mask).
fn combine_masked<C: Combine, E: Float>(
    y: &mut [E],
    inputs: &[(&[E], &dyn Fn(usize) -> Option<bool>)],
    every_input_masked: bool,
) {
    for (e, slot) in y.iter_mut().enumerate() {
        let (x0, kept0) = inputs[0];
        match C::RULE {
            MaskRule::Ignore => {}
            MaskRule::Substitute => {
                let mut out = x0[e];
                let mut out_kept = kept0(e);
                for (x, kept) in &inputs[1..] {
                    let (mut x, k) = (x[e], kept(e));
                    if k == Some(false) {
                        x = out;
                    }
                    if out_kept == Some(false) {
                        out = x;
                    }
                    out_kept = match (out_kept, k) {
                        (Some(a), Some(b)) => Some(a || b),
                        _ => None,
                    };
                    out = C::step(out, x);
                }
                *slot = out;
            }
            MaskRule::One => {
                let one = |x: E, k: Option<bool>| if k == Some(false) { E::one() } else { x };
                let mut out = one(x0[e], kept0(e));
                let mut any_kept = kept0(e).unwrap_or(true);
                for (x, kept) in &inputs[1..] {
                    out = C::step(out, one(x[e], kept(e)));
                    any_kept = any_kept || kept(e).unwrap_or(true);
                }
                *slot = if every_input_masked && !any_kept { E::zero() } else { out };
            }
        }
    }
}

/// Runs an elementwise merge: a copy of the first input combined in place with each other one.
fn combine<C: Combine, E: Float, S: Shape>(
    first: &Tensor<E, S>,
    rest: &[&[E]],
    ws: &mut Workspace,
) -> Tensor<E, S> {
    let mut y = ws.copy_of(first);
    for x in rest {
        assert_batches(first.len(), x.len());
        for (v, &w) in y.as_mut_slice().iter_mut().zip(x.iter()) {
            *v = C::step(*v, w);
        }
    }
    let n = rest.len() + 1;
    if n > 1 {
        y.as_mut_slice().iter_mut().for_each(|v| *v = C::finish(*v, n));
    }
    y
}

macro_rules! elementwise_merge {
    ($(#[$doc:meta])* $name:ident, $keras:literal, $rule:ident, |$a:ident, $b:ident| $step:expr $(, finish |$f:ident, $n:ident| $fin:expr)?) => {
        $(#[$doc])*
        pub struct $name(PhantomData<()>);
        marker_layer!($name<>);

        impl LayerInfo for $name {
            fn name(&self) -> String {
                $keras.to_string()
            }
            fn param_count(&self) -> usize {
                0
            }
        }

        impl Combine for $name {
            fn step<E: Float>($a: E, $b: E) -> E {
                $step
            }
            $(fn finish<E: Float>($f: E, $n: usize) -> E {
                $fin
            })?
            const RULE: MaskRule = MaskRule::$rule;
        }
    };
}

/// Implements an elementwise merge for tuples of 2 to 8 inputs.
macro_rules! elementwise_arities {
    ($name:ident) => {
        elementwise_arity!($name; T1 t1 Input2);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3, T3 t3 Input4);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3, T3 t3 Input4, T4 t4 Input5);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3, T3 t3 Input4, T4 t4 Input5, T5 t5 Input6);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3, T3 t3 Input4, T4 t4 Input5, T5 t5 Input6, T6 t6 Input7);
        elementwise_arity!($name; T1 t1 Input2, T2 t2 Input3, T3 t3 Input4, T4 t4 Input5, T5 t5 Input6, T6 t6 Input7, T7 t7 Input8);
    };
}

/// The [`MaskPresence`] of a merge's output: `$op` (`And` or `Or`) folded over its inputs'.
macro_rules! fold_masks {
    ($op:ident; $acc:ty;) => { $acc };
    ($op:ident; $acc:ty; $T:ident $($rest:ident)*) => {
        fold_masks!($op; <$acc as MaskPresence>::$op<<$T as MergeInput>::Mask>; $($rest)*)
    };
}

macro_rules! elementwise_arity {
    ($name:ident; $($T:ident $t:ident $I:ident),+) => {
        impl<T0: MergeInput, $($T),+> Layer<(T0, $($T),+)> for $name
        where
            $($T: MergeInput<E = T0::E>, $T::Shape: MergesWith<T0::Shape, $I>,)+
            fold_masks!(And; T0::Mask; $($T)+): MergedOutput<T0::E, T0::Shape>,
        {
            type Output = <fold_masks!(And; T0::Mask; $($T)+) as MergedOutput<T0::E, T0::Shape>>::Output;
            /// # Panics
            ///
            /// When the inputs have run-time batches of different sizes (their other
            /// dimensions agree by type); [`check_batches`] tells before.
            fn forward_with(&self, (t0, $($t),+): &(T0, $($T),+), ws: &mut Workspace) -> Self::Output {
                let mut y = combine::<$name, _, _>(t0.tensor(), &[$($t.tensor().as_slice()),+], ws);
                let masks = [t0.mask_flags(), $($t.mask_flags()),+];
                if <$name as Combine>::RULE != MaskRule::Ignore && masks.iter().any(Option::is_some) {
                    let inputs: &[(&[T0::E], &dyn Fn(usize) -> Option<bool>)] =
                        &[(t0.tensor().as_slice(), &|i| t0.kept(i)), $(($t.tensor().as_slice(), &|i| $t.kept(i))),+];
                    let every_input_masked = masks.iter().all(Option::is_some);
                    combine_masked::<$name, _>(y.as_mut_slice(), inputs, every_input_masked);
                }
                <fold_masks!(And; T0::Mask; $($T)+) as MergedOutput<T0::E, T0::Shape>>::wrap(y, |_, _| or_masks(&masks))
            }
        }
    };
}

elementwise_merge! {
    /// Elementwise sum of two to eight branches of the same shape.
    ///
    /// **Keras equivalent:** `keras.layers.Add()([a, b, ...])`. **PyTorch:** `a + b + ...`.
    /// Branches of different shapes do not compile (Keras raises "Inputs have incompatible
    /// shapes"); the error names the input and the dimension that differ.
    ///
    /// ```
    /// use shaped::layers::{merge::Add, Layer};
    /// use shaped::shapes::shape;
    /// use shaped::tensor::Tensor;
    /// let a = Tensor::<f32, shape![2, 10, 3]>::from_fn(|_| 1.0);
    /// let b = Tensor::<f32, shape![2, 10, 3]>::from_fn(|_| 2.0);
    /// let c = Tensor::<f32, shape![2, 10, 3]>::from_fn(|_| 3.0);
    /// let y = Add::new().forward(&(&a, &b, &c)); // borrowed: a, b, c stay usable
    /// assert_eq!(y.as_slice()[0], 6.0);
    /// ```
    Add, "Add", Ignore, |a, b| a + b
}
elementwise_arities!(Add);

elementwise_merge! {
    /// Elementwise product of two to eight branches of the same shape.
    ///
    /// **Keras equivalent:** `keras.layers.Multiply()([a, b, ...])`; the gate of a gated
    /// activation unit (`tanh(f) * sigmoid(g)`).
    Multiply, "Multiply", One, |a, b| a * b
}
elementwise_arities!(Multiply);

elementwise_merge! {
    /// Elementwise mean of two to eight branches of the same shape: their sum divided by their
    /// number, as Keras computes it.
    ///
    /// **Keras equivalent:** `keras.layers.Average()([a, b, ...])`.
    Average, "Average", Ignore, |a, b| a + b, finish |acc, n| acc / num_traits::cast::<usize, E>(n).unwrap_or_else(E::nan)
}
elementwise_arities!(Average);

elementwise_merge! {
    /// Elementwise maximum of two to eight branches of the same shape; NaN in any input gives
    /// NaN, as TensorFlow's `maximum`.
    ///
    /// **Keras equivalent:** `keras.layers.Maximum()([a, b, ...])`.
    Maximum, "Maximum", Substitute, |a, b| if a.is_nan() || b.is_nan() { E::nan() } else { a.max(b) }
}
elementwise_arities!(Maximum);

elementwise_merge! {
    /// Elementwise minimum of two to eight branches of the same shape; NaN in any input gives
    /// NaN, as TensorFlow's `minimum`.
    ///
    /// **Keras equivalent:** `keras.layers.Minimum()([a, b, ...])`.
    Minimum, "Minimum", Substitute, |a, b| if a.is_nan() || b.is_nan() { E::nan() } else { a.min(b) }
}
elementwise_arities!(Minimum);

elementwise_merge! {
    /// The difference of exactly two branches of the same shape, `a - b`.
    ///
    /// **Keras equivalent:** `keras.layers.Subtract()([a, b])` (Keras takes exactly two inputs;
    /// a tuple of three does not compile here).
    Subtract, "Subtract", Ignore, |a, b| a - b
}
elementwise_arity!(Subtract; T1 t1 Input2);

/// Joins two to eight branches along an axis: [`ChannelAxis`] (default, Keras `axis=-1`: the
/// channels of sequences or the features of vectors) or [`TimeAxis`] (Keras `axis=1`); every
/// other axis must agree, and an error names the input and the axis that differ.
///
/// **Keras equivalent:** `keras.layers.Concatenate(axis=-1)([a, b, ...])` / `axis=1`.
/// **PyTorch:** `torch.cat([a, b, ...], dim=...)`.
///
/// ```
/// use shaped::layers::{merge::{Concatenate, TimeAxis}, Layer};
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// let a = Tensor::<f32, shape![2, 10, 3]>::zeros();
/// let b = Tensor::<f32, shape![2, 10, 5]>::zeros();
/// let c = Tensor::<f32, shape![2, 10, 1]>::zeros();
/// let y: Tensor<f32, shape![2, 10, 9]> = Concatenate::new().forward(&(&a, &b, &c));
/// let t: Tensor<f32, shape![2, 20, 3]> = Concatenate::axis(TimeAxis).forward(&(&a, &a));
/// // Two pooled vectors:
/// let p = Tensor::<f32, shape![2, 4]>::zeros();
/// let q: Tensor<f32, shape![2, 8]> = Concatenate::new().forward(&(&p, &p));
/// ```
pub struct Concatenate<Axis = ChannelAxis>(PhantomData<fn() -> Axis>);

impl Concatenate {
    /// Concatenate along the channel axis (Keras's default `axis=-1`).
    #[must_use]
    pub fn new() -> Self {
        Self(PhantomData)
    }

    /// Concatenate along an axis: `Concatenate::axis(TimeAxis)` is Keras's
    /// `Concatenate(axis=1)`.
    pub fn axis<Axis>(_axis: Axis) -> Concatenate<Axis> {
        Concatenate(PhantomData)
    }
}

impl<Axis> Default for Concatenate<Axis> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

impl<Axis> Clone for Concatenate<Axis> {
    fn clone(&self) -> Self {
        Self(PhantomData)
    }
}

impl<Axis> core::fmt::Debug for Concatenate<Axis>
where
    Self: LayerInfo,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.name())
    }
}

impl LayerInfo for Concatenate<ChannelAxis> {
    fn name(&self) -> String {
        "Concatenate(axis=-1)".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

impl LayerInfo for Concatenate<TimeAxis> {
    fn name(&self) -> String {
        "Concatenate(axis=1)".to_string()
    }
    fn param_count(&self) -> usize {
        0
    }
}

/// Copies each input's blocks into the output rows: output row `r` is block `r` of input 1,
/// then block `r` of input 2, and so on.
fn concatenate<E: Float>(inputs: &[&[E]], blocks: &[usize], batches: &[usize], y: &mut [E]) {
    for &b in &batches[1..] {
        assert_batches(batches[0], b);
    }
    let row: usize = blocks.iter().sum();
    if row == 0 {
        return;
    }
    let mut offset = 0;
    for (x, &block) in inputs.iter().zip(blocks) {
        if block > 0 {
            for (dst, src) in y.chunks_exact_mut(row).zip(x.chunks_exact(block)) {
                dst[offset..offset + block].copy_from_slice(src);
            }
        }
        offset += block;
    }
}

/// How Concatenate joins the masks of its inputs along its axis (Keras 3.15.1's
/// `Concatenate.compute_mask`: an input without a mask counts as keeping every step).
pub trait ConcatMask {
    /// The output's `(batch, steps)` flags from each input's mask (`None` without one) and
    /// elements per sample, for `batch` samples and `steps` output steps.
    fn concat_masks(inputs: &[(Option<&[bool]>, usize)], batch: usize, steps: usize) -> Vec<bool>;
}

/// Along the channels a step is kept when any input keeps it (Keras ORs the masks, so an
/// unmasked input keeps every step).
impl ConcatMask for ChannelAxis {
    fn concat_masks(inputs: &[(Option<&[bool]>, usize)], batch: usize, steps: usize) -> Vec<bool> {
        let mut out = vec![inputs.iter().any(|(m, _)| m.is_none()); batch * steps];
        for m in inputs.iter().filter_map(|(m, _)| *m) {
            out.iter_mut().zip(m).for_each(|(o, &k)| *o = *o || k);
        }
        out
    }
}

/// Along time the masks are joined one after the other, sample by sample (an unmasked input's
/// steps all kept).
impl ConcatMask for TimeAxis {
    fn concat_masks(inputs: &[(Option<&[bool]>, usize)], batch: usize, steps: usize) -> Vec<bool> {
        let per_sample: usize = inputs.iter().map(|(_, n)| n).sum();
        let channels = per_sample.checked_div(steps).unwrap_or(0);
        let mut out = Vec::with_capacity(batch * steps);
        for n in 0..batch {
            for &(m, elements) in inputs {
                let len = elements.checked_div(channels).unwrap_or(0);
                match m {
                    Some(m) => out.extend_from_slice(&m[n * len..(n + 1) * len]),
                    None => out.extend(core::iter::repeat_n(true, len)),
                }
            }
        }
        out
    }
}

macro_rules! concatenate_arity {
    ($T0:ident $t0:ident $(, $T:ident $t:ident)+) => {
        impl<Axis, $T0, $($T),+> Layer<($T0, $($T),+)> for Concatenate<Axis>
        where
            Concatenate<Axis>: LayerInfo,
            Axis: ConcatMask,
            $T0: MergeInput,
            $($T: MergeInput<E = $T0::E>,)+
            ($T0::Shape, $($T::Shape,)+): ConcatShapes<Axis>,
            <($T0::Shape, $($T::Shape,)+) as ConcatShapes<Axis>>::Output: Shape<Batch = <$T0::Shape as Shape>::Batch>,
            fold_masks!(Or; $T0::Mask; $($T)+): MergedOutput<$T0::E, <($T0::Shape, $($T::Shape,)+) as ConcatShapes<Axis>>::Output>,
        {
            type Output = <fold_masks!(Or; $T0::Mask; $($T)+) as MergedOutput<$T0::E, <($T0::Shape, $($T::Shape,)+) as ConcatShapes<Axis>>::Output>>::Output;
            /// # Panics
            ///
            /// When the inputs have run-time batches of different sizes (their other
            /// dimensions agree by type); [`check_batches`] tells before.
            fn forward_with(&self, ($t0, $($t),+): &($T0, $($T),+), ws: &mut Workspace) -> Self::Output {
                let mut y = ws.tensor_like($t0.tensor());
                let blocks = <($T0::Shape, $($T::Shape,)+) as ConcatShapes<Axis>>::BLOCKS;
                let batches = [$t0.tensor().batch(), $($t.tensor().batch()),+];
                concatenate(&[$t0.tensor().as_slice(), $($t.tensor().as_slice()),+], blocks, &batches, y.as_mut_slice());
                let batch = batches[0];
                let per_sample = |t: usize| t.checked_div(batch).unwrap_or(0);
                let masks = [($t0.mask_flags(), per_sample($t0.tensor().len())), $(($t.mask_flags(), per_sample($t.tensor().len()))),+];
                <fold_masks!(Or; $T0::Mask; $($T)+) as MergedOutput<$T0::E, _>>::wrap(y, |b, steps| Axis::concat_masks(&masks, b, steps))
            }
        }
    };
}

concatenate_arity!(T0 t0, T1 t1);
concatenate_arity!(T0 t0, T1 t1, T2 t2);
concatenate_arity!(T0 t0, T1 t1, T2 t2, T3 t3);
concatenate_arity!(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4);
concatenate_arity!(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4, T5 t5);
concatenate_arity!(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4, T5 t5, T6 t6);
concatenate_arity!(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4, T5 t5, T6 t6, T7 t7);

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{shape, Dyn};

    #[test]
    #[should_panic(expected = "merging branches of")]
    fn merging_run_time_batches_of_different_sizes_panics_with_a_message() {
        let a = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(3).unwrap();
        let b = Tensor::<f32, shape![Dyn, 4, 2]>::zeros_with_batch(2).unwrap();
        let _ = Add::new().forward(&(a, b));
    }

    fn t<const N: usize>(base: f32) -> Tensor<f32, shape![2, 3, 2]> {
        Tensor::from_fn(|i| base + (i[0] * 6 + i[1] * 2 + i[2]) as f32)
    }

    #[test]
    fn n_ary_elementwise_merges_fold_every_input() {
        let (a, b, c, d) = (t::<0>(0.0), t::<0>(1.0), t::<0>(-4.0), t::<0>(0.5));
        let sum = Add::new().forward(&(&a, &b, &c, &d));
        let avg = Average::new().forward(&(&a, &b, &c, &d));
        let max = Maximum::new().forward(&(&a, &b, &c));
        let min = Minimum::new().forward(&(&a, &b, &c));
        let prod = Multiply::new().forward(&(&a, &b, &d));
        let diff = Subtract::new().forward(&(&a, &b));
        for i in 0..12 {
            let (x, y, z, w) = (a.as_slice()[i], b.as_slice()[i], c.as_slice()[i], d.as_slice()[i]);
            assert_eq!(sum.as_slice()[i], x + y + z + w);
            assert_eq!(avg.as_slice()[i], (x + y + z + w) / 4.0);
            assert_eq!(max.as_slice()[i], x.max(y).max(z));
            assert_eq!(min.as_slice()[i], x.min(y).min(z));
            assert_eq!(prod.as_slice()[i], x * y * w);
            assert_eq!(diff.as_slice()[i], x - y);
        }
    }

    #[test]
    fn maximum_and_minimum_propagate_nan() {
        let a = Tensor::<f32, shape![1, 2]>::from_vec(vec![f32::NAN, 1.0]).unwrap();
        let b = Tensor::<f32, shape![1, 2]>::from_vec(vec![1.0, f32::NAN]).unwrap();
        let max = Maximum::new().forward(&(&a, &b));
        let min = Minimum::new().forward(&(&b, &a));
        assert!(max.as_slice().iter().chain(min.as_slice()).all(|v| v.is_nan()));
    }

    #[test]
    fn concatenate_joins_blocks_in_input_order_on_either_axis() {
        let a = Tensor::<f32, shape![2, 2, 1]>::from_vec(vec![1., 2., 3., 4.]).unwrap();
        let b = Tensor::<f32, shape![2, 2, 2]>::from_vec((10..18).map(|v| v as f32).collect()).unwrap();
        let c = Tensor::<f32, shape![2, 2, 1]>::from_vec(vec![-1., -2., -3., -4.]).unwrap();
        let y: Tensor<f32, shape![2, 2, 4]> = Concatenate::new().forward(&(&a, &b, &c));
        assert_eq!(
            y.as_slice(),
            &[1., 10., 11., -1., 2., 12., 13., -2., 3., 14., 15., -3., 4., 16., 17., -4.]
        );
        let t: Tensor<f32, shape![2, 6, 1]> = Concatenate::axis(TimeAxis).forward(&(&a, &c, &a));
        assert_eq!(t.as_slice(), &[1., 2., -1., -2., 1., 2., 3., 4., -3., -4., 3., 4.]);
        let p = Tensor::<f32, shape![Dyn, 2]>::from_vec(vec![1., 2., 3., 4.]).unwrap();
        let q = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![9., 8.]).unwrap();
        let pq: Tensor<f32, shape![Dyn, 3]> = Concatenate::new().forward(&(p, q));
        assert_eq!(pq.as_slice(), &[1., 2., 9., 3., 4., 8.]);
    }

    #[test]
    fn eight_inputs_merge() {
        let a = t::<0>(1.0);
        let y = Add::new().forward(&(&a, &a, &a, &a, &a, &a, &a, &a));
        assert_eq!(y.as_slice()[0], 8.0);
        let c: Tensor<f32, shape![2, 3, 16]> = Concatenate::new().forward(&(&a, &a, &a, &a, &a, &a, &a, &a));
        assert_eq!(c.as_slice()[15], a.as_slice()[1]);
    }
}
