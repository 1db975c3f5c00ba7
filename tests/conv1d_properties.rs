//! Property tests: the Conv1D kernel that the typed layer runs against the plain reference
//! convolution, over random shapes, strides, dilations, paddings, groups, layouts and element
//! types; and the typed layer against the same reference on run-time batches.

mod support;

use proptest::prelude::*;
use shaped::kernels::{Activation as Fused, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
use shaped::prelude::*;
use support::reference::{swap_last_axes, RefConv};

#[derive(Clone, Debug)]
struct Case {
    conv: RefConv,
    layout: Layout,
    bias: bool,
    input: Vec<f64>,
    kernel: Vec<f64>,
    bias_values: Vec<f64>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0usize..4,
        1usize..4,
        1usize..5,
        1usize..5,
        1usize..7,
        1usize..5,
        1usize..5,
        0usize..5,
        0usize..5,
        1usize..40,
    )
        .prop_flat_map(|(batch, groups, cig, fog, k, stride, dilation, pl, pr, length)| {
            let conv = RefConv {
                batch,
                length,
                in_channels: groups * cig,
                filters: groups * fog,
                kernel_size: k,
                stride,
                dilation,
                groups,
                pad_left: pl,
                pad_right: pr,
                relu: false,
            };
            let n_in = batch * length * conv.in_channels;
            let n_k = k * cig * conv.filters;
            (
                Just(conv),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                proptest::collection::vec(-2.0f64..2.0, n_in),
                proptest::collection::vec(-1.0f64..1.0, n_k),
                proptest::collection::vec(-1.0f64..1.0, conv.filters),
            )
        })
        .prop_filter("the kernel must fit the padded input", |(c, ..)| c.output_length().is_some())
        .prop_map(|(mut conv, relu, channels_first, bias, input, kernel, bias_values)| {
            conv.relu = relu;
            Case {
                conv,
                layout: if channels_first { Layout::ChannelsFirst } else { Layout::ChannelsLast },
                bias,
                input,
                kernel,
                bias_values,
            }
        })
}

/// Runs the kernel on `case` in element type `E` and returns its output in channels-last order.
fn run_kernel<E: shaped::layers::Float>(case: &Case) -> Vec<f64> {
    let c = &case.conv;
    let cast = |v: &[f64]| v.iter().map(|&x| num_traits::cast::<f64, E>(x).unwrap()).collect::<Vec<E>>();
    let spec = Conv1dSpec {
        in_channels: c.in_channels,
        filters: c.filters,
        kernel_size: c.kernel_size,
        stride: c.stride,
        dilation: c.dilation,
        groups: c.groups,
        activation: if c.relu { Fused::Relu } else { Fused::Linear },
    };
    let bias = case.bias.then(|| cast(&case.bias_values));
    let weights = Conv1dWeights::from_keras(spec, &cast(&case.kernel), bias.as_deref()).unwrap();
    let geo = Conv1dGeometry {
        batch: c.batch,
        length: c.length,
        pad_left: c.pad_left,
        pad_right: c.pad_right,
        layout: case.layout,
    };
    let input = match case.layout {
        Layout::ChannelsLast => cast(&case.input),
        Layout::ChannelsFirst => cast(&swap_last_axes(&case.input, c.batch, c.length, c.in_channels)),
    };
    let mut out = vec![E::zero(); geo.output_len(&spec)];
    weights.forward(&geo, &input, &mut out).unwrap();
    let out: Vec<f64> = out.iter().map(|v| v.to_f64().unwrap()).collect();
    let lout = geo.output_length(&spec);
    match case.layout {
        Layout::ChannelsLast => out,
        Layout::ChannelsFirst => swap_last_axes(&out, c.batch, c.filters, lout),
    }
}

fn max_normalized_error(actual: &[f64], expected: &[f64]) -> f64 {
    assert_eq!(actual.len(), expected.len());
    actual.iter().zip(expected).map(|(a, r)| (a - r).abs() / (1.0 + r.abs())).fold(0.0, f64::max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn kernel_matches_reference_f32(case in case()) {
        let bias = case.bias.then_some(case.bias_values.as_slice());
        // The reference sees the same f32-rounded values the kernel sees.
        let round = |v: &[f64]| v.iter().map(|&x| f64::from(x as f32)).collect::<Vec<_>>();
        let expected = case.conv.run(&round(&case.input), &round(&case.kernel), bias.map(round).as_deref());
        let actual = run_kernel::<f32>(&case);
        prop_assert!(max_normalized_error(&actual, &expected) <= 1e-5);
    }

    #[test]
    fn kernel_matches_reference_f64(case in case()) {
        let bias = case.bias.then_some(case.bias_values.as_slice());
        let expected = case.conv.run(&case.input, &case.kernel, bias);
        let actual = run_kernel::<f64>(&case);
        prop_assert!(max_normalized_error(&actual, &expected) <= 1e-12);
    }

    /// The typed layer on a run-time batch of any size: the seed's Conv1D(32, 3, relu).
    #[test]
    fn typed_layer_on_dyn_batch_matches_reference(
        batch in 0usize..6,
        seed in any::<u64>(),
        data in proptest::collection::vec(-3.0f32..3.0, 5 * 20 * 2),
    ) {
        let conv: Conv1D<f32, U![2], U![32], U![3], U![2], Same, U![1]> =
            Conv1D::new(seed).activation(Activation::Relu);
        let input = &data[..batch * 20 * 2.min(data.len())];
        let x = Tensor::<f32, shape![Dyn, 20, 2]>::from_slice(input).unwrap();
        let y: Tensor<f32, shape![Dyn, 10, 32]> = conv.forward(&x);
        prop_assert_eq!(y.batch(), batch);
        let (pl, pr) = Same::pads(20, 3, 2, 1);
        let reference = RefConv {
            batch, length: 20, in_channels: 2, filters: 32, kernel_size: 3, stride: 2,
            dilation: 1, groups: 1, pad_left: pl, pad_right: pr, relu: true,
        };
        let to64 = |v: &[f32]| v.iter().map(|&x| f64::from(x)).collect::<Vec<_>>();
        let expected = reference.run(&to64(input), &to64(conv.keras_kernel()), conv.bias().map(to64).as_deref());
        prop_assert!(max_normalized_error(&to64(y.as_slice()), &expected) <= 1e-5);
    }
}

/// Keras and PyTorch kernel layouts describe the same layer.
#[test]
fn pytorch_and_keras_layouts_agree() {
    type Layer = Conv1D<f64, U![6], U![4], U![3], U![1], Valid, U![2], U![2]>;
    let keras = Layer::new(7);
    let torch = Layer::from_pytorch(&keras.pytorch_kernel(), keras.bias()).unwrap();
    assert_eq!(torch.keras_kernel(), keras.keras_kernel());
    let x = Tensor::<f64, shape![3, 17, 6]>::from_fn(|i| (i[0] * 31 + i[1] * 7 + i[2]) as f64 * 0.01);
    assert_eq!(keras.forward(&x), torch.forward(&x));
}

/// The same convolution in both data formats gives transposed outputs.
#[test]
fn channels_first_is_the_transpose_of_channels_last() {
    let last: Conv1D<f32, U![4], U![5], U![4], U![2], Same, U![1], U![1], ChannelsLast> = Conv1D::new(3);
    let first: Conv1D<f32, U![4], U![5], U![4], U![2], Same, U![1], U![1], ChannelsFirst> =
        Conv1D::from_keras(last.keras_kernel(), last.bias()).unwrap();
    let x =
        Tensor::<f32, shape![2, 11, 4]>::from_fn(|i| ((i[0] * 13 + i[1] * 5 + i[2] * 3) % 7) as f32 - 3.0);
    let y_last = last.forward(&x);
    let y_first = first.forward(&x.to_channels_first());
    assert_eq!(y_last.to_channels_first(), y_first);
}

/// forward_into writes the same values as forward, and rejects an output of another batch.
#[test]
fn forward_into_matches_forward() {
    let conv: Conv1D<f32, U![3], U![8], U![5], U![1], Causal, U![2]> = Conv1D::new(11);
    let x = Tensor::<f32, shape![Dyn, 30, 3]>::from_fn_with_batch(4, |i| (i[1] as f32).sin() + i[2] as f32)
        .unwrap();
    let mut out = Tensor::<f32, shape![Dyn, 30, 8]>::zeros_with_batch(4).unwrap();
    conv.forward_into(&x, &mut out).unwrap();
    assert_eq!(out, conv.forward(&x));
    let mut wrong = Tensor::<f32, shape![Dyn, 30, 8]>::zeros_with_batch(3).unwrap();
    let err = conv.forward_into(&x, &mut wrong).unwrap_err();
    assert_eq!(err.to_string(), "expected a batch of 4 samples, got 3");
}
