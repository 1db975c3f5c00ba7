//! Weight files as the sources and sinks of declared models (`model!`): every layer's
//! variables by Keras name.

use shaped_layers::{WeightSink, WeightSource};

use super::{WeightElement, WeightError, WeightFile, WeightWriter};

/// A model loads its variables from a weight file by Keras name and shape:
/// `model.load_weights(&mut file)`, then `file.finish_strict()` to refuse unused tensors.
///
/// ```
/// use shaped::io::{WeightFile, WeightWriter};
/// use shaped::layers::{KerasVariables, Dense};
/// use shaped::shapes::U;
/// let dense = Dense::<f32, U![3], U![2]>::new(1);
/// let mut w = WeightWriter::new();
/// dense.save_variables("dense", &mut w)?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let mut loaded = Dense::<f32, U![3], U![2]>::new(2);
/// loaded.load_variables("dense", &mut file)?;
/// assert_eq!(loaded.keras_kernel(), dense.keras_kernel());
/// file.finish_strict()?;
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
impl<E: WeightElement> WeightSource<E> for WeightFile {
    type Error = WeightError;
    fn take(&mut self, name: &str, shape: &[usize]) -> Result<Vec<E>, WeightError> {
        self.tensor(name, shape)
    }
    fn has(&self, name: &str) -> bool {
        self.contains(name)
    }
    fn shape_of(&self, name: &str) -> Option<Vec<usize>> {
        self.shape(name).map(<[usize]>::to_vec)
    }
}

/// A model saves its variables into a writer under their Keras names.
impl<E: WeightElement> WeightSink<E> for WeightWriter {
    type Error = WeightError;
    fn put(&mut self, name: &str, shape: &[usize], data: &[E]) -> Result<(), WeightError> {
        self.add(name, shape, data)
    }
}
