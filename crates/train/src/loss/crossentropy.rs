//! Cross-entropies: categorical (one-hot or class indices) and binary, from probabilities or
//! logits, as Keras computes them.

use shaped_layers::Float;
use shaped_shapes::{Dim, Shape, StaticDim};
use shaped_tensor::Tensor;

use super::{e, f, ClassLabels, Loss, EPSILON};

/// Keras's `CategoricalCrossentropy(from_logits=False, label_smoothing=0.0)`: one-hot targets
/// of the output's shape, cross-entropy over the last axis.
///
/// From probabilities (the default, after a softmax), as Keras's formula: each row is
/// renormalised to sum to 1 and clipped to `[1e-7, 1 - 1e-7]` (a clipped probability gets no
/// gradient); [`CategoricalCrossentropy::from_logits`] takes the raw scores instead (the
/// numerically stable form: declare the last layer linear).
///
/// ```
/// use shaped::shapes::shape;
/// use shaped::tensor::Tensor;
/// use shaped::train::loss::{CategoricalCrossentropy, Loss};
/// let p = Tensor::<f64, shape![1, 2]>::from_vec(vec![0.25, 0.75])?;
/// let t = Tensor::<f64, shape![1, 2]>::from_vec(vec![0.0, 1.0])?;
/// let loss = CategoricalCrossentropy::new().value(&p, &t);
/// assert!((loss - -(0.75f64).ln()).abs() < 1e-12);
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CategoricalCrossentropy {
    from_logits: bool,
    label_smoothing: f64,
}

impl CategoricalCrossentropy {
    /// Keras's defaults: from probabilities, no label smoothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the output is logits (Keras `from_logits=True`).
    #[must_use]
    pub fn from_logits(mut self, from_logits: bool) -> Self {
        self.from_logits = from_logits;
        self
    }

    /// Keras `label_smoothing`: targets become `t * (1 - s) + s / classes`.
    #[must_use]
    pub fn label_smoothing(mut self, smoothing: f64) -> Self {
        self.label_smoothing = smoothing;
        self
    }
}

/// One row's cross-entropy from probabilities `p` against `t` (already smoothed); writes the
/// gradient of the row's loss, times `scale`, into `g` when given.
fn crossentropy_probs<E: Float>(
    p: &[E],
    t: &mut dyn FnMut(usize) -> f64,
    g: Option<&mut [E]>,
    scale: f64,
) -> f64 {
    let s: f64 = p.iter().map(|&v| f(v)).sum();
    let mut loss = 0.0;
    let mut dq = [0.0f64; 64];
    let mut dq_heap = Vec::new();
    let dq: &mut [f64] = if p.len() <= 64 {
        &mut dq[..p.len()]
    } else {
        dq_heap.resize(p.len(), 0.0);
        &mut dq_heap
    };
    // The clip bounds in the element type, as Keras computes them.
    let (lo, hi) = (f(e::<E>(EPSILON)), f(E::one() - e::<E>(EPSILON)));
    for (i, &v) in p.iter().enumerate() {
        let q = f(v) / s;
        let c = q.clamp(lo, hi);
        let ti = t(i);
        loss -= ti * c.ln();
        // The clip passes the gradient where the value is inside [eps, 1 - eps] (TensorFlow's
        // clip_by_value gradient), and stops it outside.
        dq[i] = if (lo..=hi).contains(&q) { -ti / c } else { 0.0 };
    }
    if let Some(g) = g {
        let dot: f64 = dq.iter().zip(p).map(|(&d, &v)| d * f(v)).sum();
        for (gi, &d) in g.iter_mut().zip(dq.iter()) {
            *gi = e(scale * (d / s - dot / (s * s)));
        }
    }
    loss
}

/// One row's cross-entropy from logits `z`; writes `scale * (softmax(z) * sum(t) - t)` into
/// `g` when given.
fn crossentropy_logits<E: Float>(
    z: &[E],
    t: &mut dyn FnMut(usize) -> f64,
    g: Option<&mut [E]>,
    scale: f64,
) -> f64 {
    let m = z.iter().map(|&v| f(v)).fold(f64::NEG_INFINITY, f64::max);
    let sum_exp: f64 = z.iter().map(|&v| (f(v) - m).exp()).sum();
    let lse = m + sum_exp.ln();
    let mut loss = 0.0;
    let mut t_sum = 0.0;
    for (i, &v) in z.iter().enumerate() {
        let ti = t(i);
        t_sum += ti;
        loss += ti * (lse - f(v));
    }
    if let Some(g) = g {
        for (i, (gi, &v)) in g.iter_mut().zip(z).enumerate() {
            let soft = (f(v) - lse).exp();
            *gi = e(scale * (soft * t_sum - t(i)));
        }
    }
    loss
}

impl CategoricalCrossentropy {
    /// The mean loss over rows of `row` classes; `target(r, i)` is row `r`'s raw target `i`.
    fn rows<E: Float>(
        &self,
        y: &[E],
        row: usize,
        target: &dyn Fn(usize, usize) -> f64,
        mut grad: Option<&mut [E]>,
    ) -> f64 {
        let row = row.max(1);
        let rows = y.len() / row;
        if rows == 0 {
            return 0.0;
        }
        let scale = 1.0 / rows as f64;
        let s = self.label_smoothing;
        let mut total = 0.0;
        for (r, p) in y.chunks_exact(row).enumerate() {
            let mut t = |i: usize| target(r, i) * (1.0 - s) + s / row as f64;
            let g = grad.as_deref_mut().map(|g| &mut g[r * row..(r + 1) * row]);
            total += if self.from_logits {
                crossentropy_logits(p, &mut t, g, scale)
            } else {
                crossentropy_probs(p, &mut t, g, scale)
            };
        }
        total * scale
    }
}

impl<E: Float, S: Shape> Loss<Tensor<E, S>, Tensor<E, S>> for CategoricalCrossentropy {
    fn name(&self) -> &'static str {
        "categorical_crossentropy"
    }
    fn value(&self, y: &Tensor<E, S>, target: &Tensor<E, S>) -> f64 {
        let row = S::SAMPLE_DIMS.last().copied().unwrap_or(1);
        let t = target.as_slice();
        self.rows(y.as_slice(), row, &|r, i| f(t[r * row + i]), None)
    }
    fn value_and_grad(&self, y: &Tensor<E, S>, target: &Tensor<E, S>, grad: &mut Tensor<E, S>) -> f64 {
        let row = S::SAMPLE_DIMS.last().copied().unwrap_or(1);
        let t = target.as_slice();
        self.rows(y.as_slice(), row, &|r, i| f(t[r * row + i]), Some(grad.as_mut_slice()))
    }
}

/// Keras's `SparseCategoricalCrossentropy(from_logits=False)`: the targets are class indices,
/// one per sample ([`ClassLabels`] of the output's batch and class count).
///
/// ```
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::Tensor;
/// use shaped::train::loss::{ClassLabels, Loss, SparseCategoricalCrossentropy};
/// let p = Tensor::<f64, shape![Dyn, 3]>::from_vec(vec![0.2, 0.5, 0.3])?;
/// let labels = ClassLabels::<Dyn, U![3]>::new(vec![1])?;
/// let loss = SparseCategoricalCrossentropy::new().value(&p, &labels);
/// assert!((loss - -(0.5f64).ln()).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SparseCategoricalCrossentropy {
    inner: CategoricalCrossentropy,
}

impl SparseCategoricalCrossentropy {
    /// Keras's defaults: from probabilities.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the output is logits (Keras `from_logits=True`).
    #[must_use]
    pub fn from_logits(self, from_logits: bool) -> Self {
        Self { inner: self.inner.from_logits(from_logits) }
    }
}

impl<E: Float, B: Dim, N: StaticDim> Loss<Tensor<E, (B, N)>, ClassLabels<B, N>>
    for SparseCategoricalCrossentropy
where
    (B, N): Shape,
{
    fn name(&self) -> &'static str {
        "sparse_categorical_crossentropy"
    }
    fn value(&self, y: &Tensor<E, (B, N)>, target: &ClassLabels<B, N>) -> f64 {
        let ids = target.ids();
        self.inner.rows(y.as_slice(), N::USIZE, &|r, i| if ids[r] == i { 1.0 } else { 0.0 }, None)
    }
    fn value_and_grad(
        &self,
        y: &Tensor<E, (B, N)>,
        target: &ClassLabels<B, N>,
        grad: &mut Tensor<E, (B, N)>,
    ) -> f64 {
        let ids = target.ids();
        self.inner.rows(
            y.as_slice(),
            N::USIZE,
            &|r, i| if ids[r] == i { 1.0 } else { 0.0 },
            Some(grad.as_mut_slice()),
        )
    }
}

/// Keras's `BinaryCrossentropy(from_logits=False, label_smoothing=0.0)`: targets in `[0, 1]`
/// of the output's shape, averaged over the last axis.
///
/// From probabilities as Keras's formula: `p` clipped to `[1e-7, 1 - 1e-7]` (a clipped
/// probability gets no gradient), then `-(t log(p) + (1 - t) log(1 - p))`; from logits the
/// stable
/// `max(z, 0) - z t + log(1 + exp(-|z|))`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BinaryCrossentropy {
    from_logits: bool,
    label_smoothing: f64,
}

impl BinaryCrossentropy {
    /// Keras's defaults: from probabilities, no label smoothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the output is logits (Keras `from_logits=True`).
    #[must_use]
    pub fn from_logits(mut self, from_logits: bool) -> Self {
        self.from_logits = from_logits;
        self
    }

    /// Keras `label_smoothing`: targets become `t * (1 - s) + s / 2`.
    #[must_use]
    pub fn label_smoothing(mut self, smoothing: f64) -> Self {
        self.label_smoothing = smoothing;
        self
    }

    fn run<E: Float>(&self, y: &[E], t: &[E], mut grad: Option<&mut [E]>) -> f64 {
        if y.is_empty() {
            return 0.0;
        }
        // Mean over the last axis, then over the rows: one mean over every element.
        let scale = 1.0 / y.len() as f64;
        let s = self.label_smoothing;
        let mut total = 0.0;
        // The clip and `1 - p` in the element type, as Keras computes them: for `f32`,
        // `1 - 1e-7` is 0.99999988 and the clipped `1 - p` is 1.19e-7, not 1e-7.
        let (lo, hi) = (e::<E>(EPSILON), E::one() - e::<E>(EPSILON));
        for (i, (&v, &tv)) in y.iter().zip(t).enumerate() {
            let t = f(tv) * (1.0 - s) + 0.5 * s;
            let (loss, d) = if self.from_logits {
                let v = f(v);
                let loss = v.max(0.0) - v * t + (-v.abs()).exp().ln_1p();
                let sig = if v >= 0.0 { 1.0 / (1.0 + (-v).exp()) } else { v.exp() / (1.0 + v.exp()) };
                (loss, sig - t)
            } else {
                let ce = if v < lo {
                    lo
                } else if v > hi {
                    hi
                } else {
                    v
                };
                let (c, c1) = (f(ce), f(E::one() - ce));
                let loss = -(t * c.ln() + (1.0 - t) * c1.ln());
                let inside = v >= lo && v <= hi;
                let d = if inside { -(t / c - (1.0 - t) / c1) } else { 0.0 };
                (loss, d)
            };
            total += loss;
            if let Some(g) = grad.as_deref_mut() {
                g[i] = e(d * scale);
            }
        }
        total * scale
    }
}

impl<E: Float, S: Shape> Loss<Tensor<E, S>, Tensor<E, S>> for BinaryCrossentropy {
    fn name(&self) -> &'static str {
        "binary_crossentropy"
    }
    fn value(&self, y: &Tensor<E, S>, target: &Tensor<E, S>) -> f64 {
        self.run(y.as_slice(), target.as_slice(), None)
    }
    fn value_and_grad(&self, y: &Tensor<E, S>, target: &Tensor<E, S>, grad: &mut Tensor<E, S>) -> f64 {
        self.run(y.as_slice(), target.as_slice(), Some(grad.as_mut_slice()))
    }
}
