//! `Embedding`: a table of vectors indexed by token ids.

use core::marker::PhantomData;
use core::ops::Mul;

use shaped_shapes::layer_rules::TokensFitVocabulary;
use shaped_shapes::{Dim, StaticDim};
use shaped_tensor::{ShapeError, Tensor, Tokens, Workspace};
use typenum::{Prod, Unsigned};

use crate::init::random_uniform;
use crate::layer::{Layer, LayerInfo, TypeShape};
use crate::weights::check_weight;
use crate::Float;

/// Each token id `i` of a `(batch, length)` input becomes row `i` of a `(V, D)` table:
/// `(batch, length)` token ids give `(batch, length, D)` vectors, which a Conv1D of `D` input
/// channels reads.
///
/// The input is [`Tokens<V, _>`](Tokens): ids checked against the vocabulary
/// `0..V` once, when they entered (an id outside it is a [`ShapeError::Token`] naming the id,
/// its position and `V`), so the lookup cannot read outside the table and `forward` cannot fail.
/// Tokens checked against a larger vocabulary than the Embedding's `V` do not compile.
///
/// **Keras equivalent:** `keras.layers.Embedding(input_dim=V, output_dim=D)` (default
/// `embeddings_initializer="uniform"`, `[-0.05, 0.05)`; `mask_zero=False`). **PyTorch
/// equivalent:** `nn.Embedding(num_embeddings=V, embedding_dim=D)` (its `weight` is the same
/// `(V, D)` table).
///
/// ```
/// use shaped::layers::{Embedding, Layer};
/// use shaped::shapes::{shape, Dyn, U};
/// use shaped::tensor::{Tensor, Tokens};
/// // Keras: Embedding(input_dim=3, output_dim=2) with its table set to [[0, 0], [1, 10], [2, 20]]
/// let emb = Embedding::<f32, U![3], U![2]>::from_keras(&[0., 0., 1., 10., 2., 20.])?;
/// let ids = Tokens::<U![3], shape![Dyn, 4]>::from_ids(&[2, 1, 0, 1])?;
/// let y: Tensor<f32, shape![Dyn, 4, 2]> = emb.forward(&ids);
/// assert_eq!(y.as_slice(), &[2., 20., 1., 10., 0., 0., 1., 10.]);
/// // An id outside 0..3 never reaches the layer:
/// assert!(Tokens::<U![3], shape![Dyn, 4]>::from_ids(&[2, 1, 3, 1]).is_err());
/// # Ok::<(), shaped::tensor::ShapeError>(())
/// ```
///
/// An Embedding whose width is not the next layer's input is a compile error:
///
/// ```compile_fail
/// use shaped::prelude::*;
/// let emb = Embedding::<f32, U![100], U![8]>::new(0);
/// let conv = Conv1D::<f32, U![16], U![4], U![3]>::new(0); // built for 16 channels, not 8
/// let ids = Tokens::<U![100], shape![Dyn, 20]>::from_ids(&[0; 20]).unwrap();
/// let _ = conv.forward(&emb.forward(&ids));
/// ```
pub struct Embedding<E, V, D> {
    /// The `(V, D)` table, row-major.
    embeddings: Vec<E>,
    types: PhantomData<fn() -> (V, D)>,
}

impl<E: Clone, V, D> Clone for Embedding<E, V, D> {
    fn clone(&self) -> Self {
        Self { embeddings: self.embeddings.clone(), types: PhantomData }
    }
}

/// The configuration (input_dim, output_dim), not the table.
impl<E, V: StaticDim, D: StaticDim> core::fmt::Debug for Embedding<E, V, D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Embedding").field("input_dim", &V::USIZE).field("output_dim", &D::USIZE).finish()
    }
}

impl<E: Float, V: StaticDim, D: StaticDim> Embedding<E, V, D> {
    /// A layer with Keras's default initialisation, uniform in `[-0.05, 0.05)`, drawn from
    /// `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { embeddings: random_uniform(V::USIZE * D::USIZE, -0.05, 0.05, seed), types: PhantomData }
    }

    /// A layer from Keras's `embeddings` variable, shape `(input_dim, output_dim)` = `(V, D)`,
    /// row-major (PyTorch's `nn.Embedding.weight` has the same layout).
    ///
    /// # Errors
    ///
    /// [`ShapeError::Weight`] if the table does not hold `V * D` values.
    pub fn from_keras(embeddings: &[E]) -> Result<Self, ShapeError> {
        check_weight("embedding.embeddings", &[V::USIZE, D::USIZE], embeddings.len())?;
        Ok(Self { embeddings: embeddings.to_vec(), types: PhantomData })
    }

    /// The `(V, D)` table, row-major: Keras's `embeddings`.
    #[must_use]
    pub fn embeddings(&self) -> &[E] {
        &self.embeddings
    }

    /// The vector of one id, `None` outside the vocabulary.
    #[must_use]
    pub fn row(&self, id: usize) -> Option<&[E]> {
        self.embeddings.chunks_exact(D::USIZE.max(1)).nth(id).filter(|_| D::USIZE > 0)
    }

    /// The table, mutably (training, or setting rows by hand).
    pub fn embeddings_mut(&mut self) -> &mut [E] {
        &mut self.embeddings
    }
}

impl<E, V: StaticDim, D: StaticDim> LayerInfo for Embedding<E, V, D> {
    fn name(&self) -> String {
        format!("Embedding({}, {})", V::USIZE, D::USIZE)
    }
    fn param_count(&self) -> usize {
        V::USIZE * D::USIZE
    }
}

impl<V: StaticDim, S: shaped_shapes::Shape> TypeShape for Tokens<V, S> {
    fn type_shape() -> String {
        Tokens::<V, S>::type_shape()
    }
}

impl<E, V, D, VT, B, L> Layer<Tokens<VT, (B, L)>> for Embedding<E, V, D>
where
    E: Float,
    V: StaticDim,
    D: StaticDim,
    VT: StaticDim + TokensFitVocabulary<V>,
    B: Dim,
    L: StaticDim + Mul<D>,
    Prod<L, D>: Unsigned,
{
    type Output = Tensor<E, (B, L, D)>;

    /// # Panics
    ///
    /// Only if the output (`batch * length * D` elements) does not fit in memory, as any
    /// allocation of that size.
    fn forward_with(&self, x: &Tokens<VT, (B, L)>, ws: &mut Workspace) -> Self::Output {
        let mut out: Tensor<E, (B, L, D)> =
            ws.tensor(x.batch()).unwrap_or_else(|e| panic!("the Embedding output cannot be allocated: {e}"));
        let d = D::USIZE.max(1);
        for (slot, &id) in out.as_mut_slice().chunks_exact_mut(d).zip(x.ids()) {
            // `Tokens<VT, _>` holds ids below VT <= V (checked at entry and by the bound).
            let start = id as usize * D::USIZE;
            slot.copy_from_slice(&self.embeddings[start..start + D::USIZE]);
        }
        out
    }
}
