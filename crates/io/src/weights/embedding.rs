//! Loading and saving Embedding layers.

use shaped_layers::{Embedding, Float};
use shaped_shapes::StaticDim;

use super::{WeightElement, WeightError, WeightFile, WeightLayout, WeightWriter};

/// The variable name of an Embedding's table in each layout.
fn table_name(layer: &str, layout: WeightLayout) -> String {
    match layout {
        WeightLayout::Keras => format!("{layer}.embeddings"),
        WeightLayout::PyTorch => format!("{layer}.weight"),
    }
}

/// Loads an Embedding layer: Keras `<layer>.embeddings` `(input_dim, output_dim)`, or PyTorch
/// `<layer>.weight` `(num_embeddings, embedding_dim)` (`nn.Embedding`; the same layout). From
/// a safetensors file, a Keras `.keras` archive or a legacy `.h5` file alike.
///
/// ```
/// use shaped::io::{load_embedding, WeightFile, WeightLayout, WeightWriter};
/// use shaped::layers::Embedding;
/// use shaped::shapes::U;
/// let mut w = WeightWriter::new();
/// w.add("embedding.embeddings", &[3, 2], &[0.0f32, 0., 1., 10., 2., 20.])?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let emb: Embedding<f32, U![3], U![2]> = load_embedding(&mut file, "embedding", WeightLayout::Keras)?;
/// assert_eq!(emb.row(2), Some(&[2.0f32, 20.][..]));
/// // A table of another shape is an error naming the variable and both shapes.
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let err = load_embedding::<f32, U![4], U![2]>(&mut file, "embedding", WeightLayout::Keras).unwrap_err();
/// assert!(err.to_string().contains("embedding.embeddings"), "{err}");
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
///
/// # Errors
///
/// The file's error for a missing table, or one of another shape or dtype; the file is
/// unchanged then (nothing is marked as used).
pub fn load_embedding<E, V, D>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
) -> Result<Embedding<E, V, D>, WeightError>
where
    E: Float + WeightElement,
    V: StaticDim,
    D: StaticDim,
{
    let name = table_name(layer, layout);
    let table: Vec<E> = file.peek(&name, &[V::USIZE, D::USIZE])?;
    let emb = Embedding::from_keras(&table)?;
    file.mark_used(&name);
    Ok(emb)
}

/// Adds an Embedding layer's table to `writer`: Keras `<layer>.embeddings` or PyTorch
/// `<layer>.weight`, shape `(input_dim, output_dim)` either way.
///
/// # Errors
///
/// [`WeightError::Duplicate`] if the name is already in `writer`.
pub fn save_embedding<E, V, D>(
    writer: &mut WeightWriter,
    layer: &str,
    emb: &Embedding<E, V, D>,
    layout: WeightLayout,
) -> Result<(), WeightError>
where
    E: Float + WeightElement,
    V: StaticDim,
    D: StaticDim,
{
    writer.add(&table_name(layer, layout), &[V::USIZE, D::USIZE], emb.embeddings())?;
    writer.note_layout(layout);
    Ok(())
}
