//! Loading Dense and BatchNormalization layers from a weight file.

use shaped_layers::{BatchNormalization, Dense, Float};
use shaped_shapes::StaticDim;

use super::{WeightElement, WeightError, WeightFile, WeightLayout, WeightWriter};

/// Loads a Dense layer: Keras `<layer>.kernel` `(in, units)` and `<layer>.bias` `(units,)`, or
/// PyTorch `<layer>.weight` `(units, in)` and `<layer>.bias` (`nn.Linear`). A missing bias
/// means `use_bias=False`.
///
/// ```
/// use shaped_io::{load_dense, WeightFile, WeightLayout, WeightWriter};
/// use shaped_layers::Dense;
/// use shaped_shapes::U;
/// let mut w = WeightWriter::new();
/// w.add("dense.kernel", &[3, 2], &[1.0f32, 2., 3., 4., 5., 6.])?;
/// w.add("dense.bias", &[2], &[0.5f32, -0.5])?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let dense: Dense<f32, U![3], U![2]> = load_dense(&mut file, "dense", WeightLayout::Keras)?;
/// assert_eq!(dense.keras_kernel()[5], 6.0);
/// # Ok::<(), shaped_io::WeightError>(())
/// ```
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
    let bias: Option<Vec<E>> =
        if file.contains(&bias_name) { Some(file.tensor(&bias_name, &[Units::USIZE])?) } else { None };
    let dense = match layout {
        WeightLayout::Keras => {
            let kernel: Vec<E> = file.tensor(&format!("{layer}.kernel"), &[In::USIZE, Units::USIZE])?;
            Dense::from_keras(&kernel, bias.as_deref())
        }
        WeightLayout::PyTorch => {
            let weight: Vec<E> = file.tensor(&format!("{layer}.weight"), &[Units::USIZE, In::USIZE])?;
            Dense::from_pytorch(&weight, bias.as_deref())
        }
    }?;
    Ok(dense)
}

/// Loads an inference-mode BatchNormalization: Keras `<layer>.gamma`, `.beta`, `.moving_mean`,
/// `.moving_variance` (gamma/beta absent for `scale=False`/`center=False`), or PyTorch
/// `<layer>.weight`, `.bias`, `.running_mean`, `.running_var`; `epsilon` comes from the layer's
/// configuration (Keras's default is 1e-3, PyTorch's 1e-5), not from the file.
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
    let mut optional = |name: &str| -> Result<Option<Vec<E>>, WeightError> {
        let full = format!("{layer}.{name}");
        if file.contains(&full) {
            file.tensor(&full, &c).map(Some)
        } else {
            Ok(None)
        }
    };
    let gamma = optional(names[0])?;
    let beta = optional(names[1])?;
    let mean: Vec<E> = file.tensor(&format!("{layer}.{}", names[2]), &c)?;
    let var: Vec<E> = file.tensor(&format!("{layer}.{}", names[3]), &c)?;
    Ok(BatchNormalization::from_keras(gamma.as_deref(), beta.as_deref(), &mean, &var, epsilon)?)
}

/// Adds a Dense layer's weights to `writer`: Keras `<layer>.kernel` `(in, units)` or PyTorch
/// `<layer>.weight` `(units, in)`, and `<layer>.bias` if the layer has one.
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
}
