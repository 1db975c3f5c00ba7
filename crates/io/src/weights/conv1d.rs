//! Conv1D weights: `<layer>.kernel` / `<layer>.weight` and `<layer>.bias`.

use shaped_layers::{Conv1D, Float, ValidConv1dArgs};

use super::{fmt_shape, WeightElement, WeightError, WeightFile, WeightLayout, WeightWriter};

/// Loads a Conv1D layer's kernel and bias from `file`, in the layout given.
///
/// The tensors are `<layer>.kernel` (Keras, shape `(kernel_size, in_channels/groups,
/// filters)`) or `<layer>.weight` (PyTorch, `(filters, in_channels/groups, kernel_size)`), and
/// `<layer>.bias` (`(filters,)`). Shapes are checked exactly; a file whose `layout` metadata
/// says otherwise is an error; a missing bias is an error (use [`load_conv1d_without_bias`]
/// for `use_bias=False`). The layer's activation is linear: set it with
/// [`Conv1D::activation`], as it is not a weight.
///
/// ```
/// use shaped::io::{load_conv1d, WeightFile, WeightLayout, WeightWriter};
/// use shaped::layers::Conv1D;
/// use shaped::shapes::U;
///
/// // Keras: Conv1D(32, 3) on 1 channel; set_weights with a (5, 1, 32) kernel.
/// let mut w = WeightWriter::new();
/// w.add("conv1d.kernel", &[5, 1, 32], &[0.0f32; 160])?;
/// w.add("conv1d.bias", &[32], &[0.0f32; 32])?;
/// let mut file = WeightFile::from_bytes(w.to_bytes()?)?;
/// let err = load_conv1d::<f32, U![1], U![32], U![3], _, _, _, _, _>(&mut file, "conv1d", WeightLayout::Keras)
///     .map(|_: Conv1D<f32, U![1], U![32], U![3]>| ())
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "weight conv1d.kernel: expected shape (3, 1, 32) in Keras layout \
///      (kernel_size, in_channels/groups, filters), found (5, 1, 32) in the file"
/// );
/// # Ok::<(), shaped::io::WeightError>(())
/// ```
///
/// # Errors
///
/// The file's error for a missing kernel or bias, or one of another shape (in the layout asked
/// for) or dtype; the layer is unchanged then.
pub fn load_conv1d<E, Cin, F, K, S, P, D, G, Fmt>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
) -> Result<Conv1D<E, Cin, F, K, S, P, D, G, Fmt>, WeightError>
where
    E: Float + WeightElement,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    load(file, layer, layout, true)
}

/// Loads a Conv1D layer without bias (Keras `use_bias=False`, PyTorch `bias=False`): only the
/// kernel. A bias in the file is left unused (and reported by [`WeightFile::report`]).
///
/// # Errors
///
/// As [`load_conv1d`], for the kernel.
pub fn load_conv1d_without_bias<E, Cin, F, K, S, P, D, G, Fmt>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
) -> Result<Conv1D<E, Cin, F, K, S, P, D, G, Fmt>, WeightError>
where
    E: Float + WeightElement,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    load(file, layer, layout, false)
}

fn load<E, Cin, F, K, S, P, D, G, Fmt>(
    file: &mut WeightFile,
    layer: &str,
    layout: WeightLayout,
    with_bias: bool,
) -> Result<Conv1D<E, Cin, F, K, S, P, D, G, Fmt>, WeightError>
where
    E: Float + WeightElement,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    type L<E, Cin, F, K, S, P, D, G, Fmt> = Conv1D<E, Cin, F, K, S, P, D, G, Fmt>;
    if let Some(declared) = file.declared_layout() {
        if (declared == "keras" || declared == "pytorch") && declared != layout.as_str() {
            return Err(WeightError::LayoutMismatch { requested: layout, declared: declared.to_string() });
        }
    }
    let shape_of = |l: WeightLayout| match l {
        WeightLayout::Keras => L::<E, Cin, F, K, S, P, D, G, Fmt>::keras_kernel_shape(),
        WeightLayout::PyTorch => L::<E, Cin, F, K, S, P, D, G, Fmt>::pytorch_kernel_shape(),
    };
    let kernel_name = format!("{layer}.{}", layout.kernel_name());
    let other_name = format!("{layer}.{}", layout.other().kernel_name());
    let expected = shape_of(layout);
    if !file.contains(&kernel_name) {
        let hint = file.contains(&other_name).then(|| {
            format!(
                "{other_name} is the {} name: load with WeightLayout::{:?}",
                layout.other(),
                layout.other()
            )
        });
        return Err(file.missing(&kernel_name, hint));
    }
    let kernel: Vec<E> = file.peek(&kernel_name, &expected).map_err(|e| match e {
        WeightError::Shape { name, expected, actual, .. } => {
            let other = shape_of(layout.other());
            let hint = (actual == other && other != shape_of(layout)).then(|| {
                format!(
                    "{} is the {} shape {}",
                    fmt_shape(&actual),
                    layout.other(),
                    layout.other().conv1d_axes()
                )
            });
            WeightError::Shape {
                name,
                expected,
                actual,
                axes: Some(format!("{layout} {}", layout.conv1d_axes())),
                hint,
            }
        }
        other => other,
    })?;
    let bias_name = format!("{layer}.bias");
    let bias: Option<Vec<E>> = if with_bias {
        Some(file.peek(&bias_name, &[Conv1D::<E, Cin, F, K, S, P, D, G, Fmt>::spec().filters])?)
    } else {
        None
    };
    let conv = match layout {
        WeightLayout::Keras => L::<E, Cin, F, K, S, P, D, G, Fmt>::from_keras(&kernel, bias.as_deref()),
        WeightLayout::PyTorch => L::<E, Cin, F, K, S, P, D, G, Fmt>::from_pytorch(&kernel, bias.as_deref()),
    }?;
    // Marked only once the whole layer loaded.
    file.mark_used(&kernel_name);
    if with_bias {
        file.mark_used(&bias_name);
    }
    Ok(conv)
}

/// Adds a Conv1D layer's kernel (and bias, if it has one) to `writer` under `<layer>.kernel`
/// (Keras) or `<layer>.weight` (PyTorch) and `<layer>.bias`.
///
/// # Errors
///
/// [`WeightError::Duplicate`] if the layer's names are already in `writer`.
pub fn save_conv1d<E, Cin, F, K, S, P, D, G, Fmt>(
    writer: &mut WeightWriter,
    layer: &str,
    conv: &Conv1D<E, Cin, F, K, S, P, D, G, Fmt>,
    layout: WeightLayout,
) -> Result<(), WeightError>
where
    E: Float + WeightElement,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    type L<E, Cin, F, K, S, P, D, G, Fmt> = Conv1D<E, Cin, F, K, S, P, D, G, Fmt>;
    let kernel_name = format!("{layer}.{}", layout.kernel_name());
    match layout {
        WeightLayout::Keras => writer.add(
            &kernel_name,
            &L::<E, Cin, F, K, S, P, D, G, Fmt>::keras_kernel_shape(),
            conv.keras_kernel(),
        )?,
        WeightLayout::PyTorch => writer.add(
            &kernel_name,
            &L::<E, Cin, F, K, S, P, D, G, Fmt>::pytorch_kernel_shape(),
            &conv.pytorch_kernel(),
        )?,
    }
    if let Some(bias) = conv.bias() {
        writer.add(
            &format!("{layer}.bias"),
            &[Conv1D::<E, Cin, F, K, S, P, D, G, Fmt>::spec().filters],
            bias,
        )?;
    }
    writer.note_layout(layout);
    Ok(())
}
