//! Loading Dense and BatchNormalization layers from a weight file.

use shaped_layers::{BatchNormalization, Dense, Float};
use shaped_shapes::StaticDim;

use super::{WeightElement, WeightError, WeightFile, WeightLayout, WeightWriter};

/// Loads a Dense layer: Keras `<layer>.kernel` `(in, units)` and `<layer>.bias` `(units,)`, or
/// PyTorch `<layer>.weight` `(units, in)` and `<layer>.bias` (`nn.Linear`). A missing bias
/// means `use_bias=False`.
///
/// ```
/// use shaped::io::{load_dense, WeightFile, WeightLayout, WeightWriter};
/// use shaped::layers::Dense;
/// use shaped::shapes::U;
/// let mut w = WeightWriter::new();
/// w.add("dense.kernel", &[3, 2], &[1.0f32, 2., 3., 4., 5., 6.])?;
/// w.add("dense.bias", &[2], &[0.5f32, -0.5])?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let dense: Dense<f32, U![3], U![2]> = load_dense(&mut file, "dense", WeightLayout::Keras)?;
/// assert_eq!(dense.keras_kernel()[5], 6.0);
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
///
/// # Errors
///
/// The file's error for a missing kernel or bias, or one of another shape or dtype; the layer
/// is unchanged then.
pub fn load_dense<E, In, Units>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
) -> Result<Dense<E, In, Units>, WeightError>
where
    E: Float + WeightElement,
    In: StaticDim,
    Units: StaticDim,
{
    let bias_name = format!("{layer}.bias");
    // Nothing is marked as loaded unless the whole layer loads.
    let (kernel_name, kernel_shape) = match layout {
        WeightLayout::Keras => (format!("{layer}.kernel"), [In::USIZE, Units::USIZE]),
        WeightLayout::PyTorch => (format!("{layer}.weight"), [Units::USIZE, In::USIZE]),
    };
    let kernel: Vec<E> = file.peek(&kernel_name, &kernel_shape)?;
    let bias: Option<Vec<E>> =
        if file.contains(&bias_name) { Some(file.peek(&bias_name, &[Units::USIZE])?) } else { None };
    let dense = match layout {
        WeightLayout::Keras => Dense::from_keras(&kernel, bias.as_deref()),
        WeightLayout::PyTorch => Dense::from_pytorch(&kernel, bias.as_deref()),
    }?;
    file.mark_used(&kernel_name);
    file.mark_used(&bias_name);
    Ok(dense)
}

/// Loads an inference-mode BatchNormalization: Keras `<layer>.gamma`, `.beta`, `.moving_mean`,
/// `.moving_variance` (gamma/beta absent for `scale=False`/`center=False`), or PyTorch
/// `<layer>.weight`, `.bias`, `.running_mean`, `.running_var`; `epsilon` comes from the layer's
/// configuration (Keras's default is 1e-3, PyTorch's 1e-5), not from the file.
///
/// In PyTorch layout, `<layer>.num_batches_tracked` (the int64 counter `BatchNorm1d` keeps in
/// its `state_dict`, unused at inference) is checked to be an integer scalar and marked as
/// loaded, so that [`WeightFile::finish_strict`] passes on a whole `state_dict`. Nothing is
/// marked as loaded if the layer fails to load.
///
/// ```
/// use shaped::io::{load_batch_norm, WeightFile, WeightLayout, WeightWriter};
/// use shaped::layers::BatchNormalization;
/// use shaped::shapes::U;
/// let mut w = WeightWriter::new();
/// for name in ["weight", "bias", "running_mean", "running_var"] {
///     w.add(&format!("bn.{name}"), &[2], &[1.0f32, 2.0])?;
/// }
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let bn: BatchNormalization<f32, U![2]> = load_batch_norm(&mut file, "bn", WeightLayout::PyTorch, 1e-5)?;
/// assert_eq!(bn.moving_variance(), &[1.0, 2.0]);
/// assert!(file.finish_strict().is_ok());
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
///
/// # Errors
///
/// The file's error for a missing statistic, or one of another shape or dtype; the layer is
/// unchanged then.
pub fn load_batch_norm<E, C>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
    epsilon: f64,
) -> Result<BatchNormalization<E, C>, WeightError>
where
    E: Float + WeightElement,
    C: StaticDim,
{
    let c = [C::USIZE];
    let names = match layout {
        WeightLayout::Keras => ["gamma", "beta", "moving_mean", "moving_variance"],
        WeightLayout::PyTorch => ["weight", "bias", "running_mean", "running_var"],
    };
    let full = names.map(|n| format!("{layer}.{n}"));
    let optional = |name: &str| -> Result<Option<Vec<E>>, WeightError> {
        if file.contains(name) {
            file.peek(name, &c).map(Some)
        } else {
            Ok(None)
        }
    };
    let gamma = optional(&full[0])?;
    let beta = optional(&full[1])?;
    let mean: Vec<E> = file.peek(&full[2], &c)?;
    let var: Vec<E> = file.peek(&full[3], &c)?;
    let counter = format!("{layer}.num_batches_tracked");
    let track = layout == WeightLayout::PyTorch && file.contains(&counter);
    if track {
        file.peek_i64(&counter, &[])?;
    }
    let bn = BatchNormalization::from_keras(gamma.as_deref(), beta.as_deref(), &mean, &var, epsilon)?;
    for name in &full {
        file.mark_used(name);
    }
    if track {
        file.mark_used(&counter);
    }
    Ok(bn)
}

/// Adds a Dense layer's weights to `writer`: Keras `<layer>.kernel` `(in, units)` or PyTorch
/// `<layer>.weight` `(units, in)`, and `<layer>.bias` if the layer has one.
///
/// # Errors
///
/// [`WeightError::Duplicate`] if the layer's names are already in `writer`.
pub fn save_dense<E, In, Units>(
    writer: &mut WeightWriter,
    layer: &str,
    dense: &Dense<E, In, Units>,
    layout: WeightLayout,
) -> Result<(), WeightError>
where
    E: Float + WeightElement,
    In: StaticDim,
    Units: StaticDim,
{
    let (i, u) = (In::USIZE, Units::USIZE);
    match layout {
        WeightLayout::Keras => writer.add(&format!("{layer}.kernel"), &[i, u], dense.keras_kernel())?,
        WeightLayout::PyTorch => {
            let k = dense.keras_kernel();
            let weight: Vec<E> = (0..u * i).map(|j| k[(j % i) * u + j / i]).collect();
            writer.add(&format!("{layer}.weight"), &[u, i], &weight)?;
        }
    }
    if let Some(bias) = dense.bias() {
        writer.add(&format!("{layer}.bias"), &[u], bias)?;
    }
    writer.note_layout(layout);
    Ok(())
}

/// Adds a BatchNormalization layer's weights to `writer` under Keras's (`gamma`, `beta`,
/// `moving_mean`, `moving_variance`) or PyTorch's (`weight`, `bias`, `running_mean`,
/// `running_var`) names. `epsilon` is configuration, not a weight: it is not written.
///
/// # Errors
///
/// [`WeightError::Duplicate`] if the layer's names are already in `writer`.
pub fn save_batch_norm<E, C>(
    writer: &mut WeightWriter,
    layer: &str,
    bn: &BatchNormalization<E, C>,
    layout: WeightLayout,
) -> Result<(), WeightError>
where
    E: Float + WeightElement,
    C: StaticDim,
{
    let c = [C::USIZE];
    let names = match layout {
        WeightLayout::Keras => ["gamma", "beta", "moving_mean", "moving_variance"],
        WeightLayout::PyTorch => ["weight", "bias", "running_mean", "running_var"],
    };
    if let Some(g) = bn.gamma() {
        writer.add(&format!("{layer}.{}", names[0]), &c, g)?;
    }
    if let Some(b) = bn.beta() {
        writer.add(&format!("{layer}.{}", names[1]), &c, b)?;
    }
    writer.add(&format!("{layer}.{}", names[2]), &c, bn.moving_mean())?;
    writer.add(&format!("{layer}.{}", names[3]), &c, bn.moving_variance())?;
    writer.note_layout(layout);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::U;

    #[test]
    fn dense_and_batch_norm_round_trip_in_both_layouts() {
        let dense = Dense::<f32, U![5], U![3]>::new(4);
        let bn = BatchNormalization::<f64, U![4]>::from_keras(
            Some(&[1.0, 2.0, 3.0, 4.0]),
            None,
            &[0.1, 0.2, 0.3, 0.4],
            &[1.0, 1.5, 2.0, 2.5],
            1e-3,
        )
        .unwrap();
        for layout in [WeightLayout::Keras, WeightLayout::PyTorch] {
            let mut w = WeightWriter::new();
            save_dense(&mut w, "fc", &dense, layout).unwrap();
            save_batch_norm(&mut w, "bn", &bn, layout).unwrap();
            let mut file = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
            let d: Dense<f32, U![5], U![3]> = load_dense(&mut file, "fc", layout).unwrap();
            assert_eq!(d.keras_kernel(), dense.keras_kernel());
            assert_eq!(d.bias(), dense.bias());
            let b: BatchNormalization<f64, U![4]> = load_batch_norm(&mut file, "bn", layout, 1e-3).unwrap();
            assert_eq!(b.affine(), bn.affine());
            assert_eq!(b.beta(), None);
            assert!(file.finish_strict().unwrap().unused.is_empty());
        }
    }

    #[test]
    fn a_failed_dense_marks_nothing() {
        let mut w = WeightWriter::new();
        w.add("fc.kernel", &[4, 3], &[0.0f32; 12]).unwrap();
        w.add("fc.bias", &[3], &[0.0f32; 3]).unwrap();
        let mut file = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
        // Wrong input size: the kernel does not fit, and the bias must not count as loaded.
        let err =
            load_dense::<f32, U![5], U![3]>(&mut file, "fc", WeightLayout::Keras).map(|_| ()).unwrap_err();
        assert_eq!(err.to_string(), "weight fc.kernel: expected shape (5, 3), found (4, 3) in the file");
        assert!(file.report().loaded.is_empty(), "{:?}", file.report());
        // A bias of the wrong size fails too, after a kernel that fits: neither is marked.
        let mut w = WeightWriter::new();
        w.add("fc.kernel", &[4, 3], &[0.0f32; 12]).unwrap();
        w.add("fc.bias", &[2], &[0.0f32; 2]).unwrap();
        let mut file = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
        assert!(load_dense::<f32, U![4], U![3]>(&mut file, "fc", WeightLayout::Keras).is_err());
        assert!(file.report().loaded.is_empty(), "{:?}", file.report());
        let mut w = WeightWriter::new();
        w.add("fc.kernel", &[4, 3], &[0.0f32; 12]).unwrap();
        w.add("fc.bias", &[3], &[0.0f32; 3]).unwrap();
        let mut file = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
        assert!(load_dense::<f32, U![4], U![3]>(&mut file, "fc", WeightLayout::Keras).is_ok());
        assert_eq!(file.report().loaded, ["fc.bias", "fc.kernel"]);
    }

    #[test]
    fn a_failed_batch_norm_marks_nothing() {
        let mut w = WeightWriter::new();
        w.add("bn.weight", &[2], &[1.0f32; 2]).unwrap();
        w.add("bn.bias", &[2], &[0.0f32; 2]).unwrap();
        w.add("bn.running_mean", &[2], &[0.0f32; 2]).unwrap();
        w.add("bn.running_var", &[3], &[1.0f32; 3]).unwrap();
        let mut file = WeightFile::from_bytes(w.to_bytes().unwrap()).unwrap();
        let err = load_batch_norm::<f32, U![2]>(&mut file, "bn", WeightLayout::PyTorch, 1e-5)
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err.to_string(), "weight bn.running_var: expected shape (2,), found (3,) in the file");
        assert!(file.report().loaded.is_empty(), "{:?}", file.report());
    }
}
