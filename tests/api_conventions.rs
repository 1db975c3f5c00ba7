//! The API guidelines the public types follow: every layer and model is `Debug` and `Clone`,
//! and the facade's error chains its causes. (That the prelude leaves `Add` to `std::ops` is a
//! `compile_fail` doctest of `shaped::prelude`.)

use shaped::layers::merge::Add;
use shaped::layers::pool::GlobalAveragePooling1D;
use shaped::prelude::*;

fn debug_and_clone<T: core::fmt::Debug + Clone>(t: &T) -> String {
    format!("{:?}", t.clone())
}

#[test]
fn layers_and_models_are_debug_and_clone() {
    let dense: Dense<f32, U![4], U![2]> = Dense::new(0).activation(Activation::Softmax);
    assert_eq!(
        debug_and_clone(&dense),
        "Dense { units: 2, in_features: 4, activation: Softmax, use_bias: true }"
    );
    let bn = BatchNormalization::<f32, U![3]>::new();
    assert_eq!(
        debug_and_clone(&bn),
        "BatchNormalization { channels: 3, epsilon: 0.001, scale: true, center: true }"
    );
    let up: Conv1DTranspose<f32, U![5], U![3], U![4], U![2], Same> = Conv1DTranspose::new(0);
    assert_eq!(
        debug_and_clone(&up),
        "Conv1DTranspose(filters=3, kernel_size=4, strides=2, padding=\"same\", dilation_rate=1, activation=Linear, use_bias=true, in_channels=5)"
    );
    let sep: SeparableConv1D<f32, U![4], U![6], U![3]> = SeparableConv1D::new(0);
    let s = debug_and_clone(&sep);
    assert!(s.starts_with("SeparableConv1D { depthwise: Conv1D(filters=4, kernel_size=3"), "{s}");
    type Input = Tensor<f32, shape![Dyn, 10, 2]>;
    let model = Sequential::<Input, _>::new((
        Conv1D::<f32, _, U![4], U![3]>::new(0),
        GlobalAveragePooling1D::new(),
        Dense::<f32, _, U![2]>::new(1),
    ));
    let s = debug_and_clone(&model);
    assert!(s.starts_with("Sequential { layers: (Conv1D(filters=4"), "{s}");
    let _ = debug_and_clone(&Add::new());
}

#[test]
fn the_layers_of_issue_16_are_debug_and_clone() {
    let emb = Embedding::<f32, U![17], U![8]>::new(0);
    assert_eq!(debug_and_clone(&emb), "Embedding { input_dim: 17, output_dim: 8 }");
    let ids = Tokens::<U![17], shape![Dyn, 3]>::from_ids(&[1, 2, 3]).unwrap();
    assert_eq!(debug_and_clone(&ids), "Tokens<vocabulary 17, (None, 3)>");
    let ln = LayerNormalization::<f32, U![4]>::new();
    assert_eq!(
        debug_and_clone(&ln),
        "LayerNormalization { features: 4, epsilon: 0.001, scale: true, center: true }"
    );
    let gn = GroupNormalization::<f32, U![4], U![2]>::new();
    assert_eq!(
        debug_and_clone(&gn),
        "GroupNormalization { channels: 4, groups: 2, epsilon: 0.001, scale: true, center: true }"
    );
    assert_eq!(debug_and_clone(&PReLU::<f32, U![1], U![4]>::new()), "PReLU { alpha_shape: (1, 4) }");
    assert_eq!(debug_and_clone(&AdaptiveMaxPooling1D::<U![5]>::new()), "AdaptiveMaxPooling1D(5)");
    assert_eq!(debug_and_clone(&RepeatVector::<U![3]>::new()), "RepeatVector(3)");
    assert_eq!(debug_and_clone(&Permute::<(U![2], U![1])>::new()), "Permute((2, 1))");
    let relu = ReLU::with_args(Some(6.0), 0.0, 0.5).unwrap();
    assert_eq!(relu.name(), "ReLU(max_value=6, threshold=0.5)");
    assert_eq!(debug_and_clone(&relu), "ReLU { max_value: Some(6.0), negative_slope: 0.0, threshold: 0.5 }");
    assert_eq!(debug_and_clone(&LeakyReLU::new()), "LeakyReLU { negative_slope: 0.3 }");
    assert_eq!(debug_and_clone(&SpatialDropout1D::new(0.5).unwrap()), "SpatialDropout1D { rate: 0.5 }");
    let keep = GlobalAveragePooling1D::new().keepdims();
    assert_eq!(keep.name(), "GlobalAveragePooling1D(keepdims=True)");
    let _ = debug_and_clone(&keep);
}

#[test]
fn the_run_time_arguments_of_issue_16_are_checked_at_construction() {
    for rate in [-0.1, 1.0, 1.5, f64::NAN] {
        let err = SpatialDropout1D::new(rate).unwrap_err();
        assert_eq!((err.layer, err.argument), ("SpatialDropout1D", "rate"), "{rate}");
    }
    assert!(SpatialDropout1D::new(0.0).is_ok() && SpatialDropout1D::new(0.999).is_ok());
    let cases = [
        (Some(-10.0), 1.0, 0.5, "max_value"),
        (Some(10.0), -10.0, 0.5, "negative_slope"),
        (Some(10.0), 1.0, -10.0, "threshold"),
    ];
    for (max_value, slope, threshold, argument) in cases {
        let err = ReLU::with_args(max_value, slope, threshold).unwrap_err();
        assert_eq!(err.argument, argument);
        assert!(err.to_string().contains(&format!("{argument} must be a number >= 0")), "{err}");
    }
    assert_eq!(LeakyReLU::with_slope(-0.5).unwrap_err().argument, "negative_slope");
    assert!(LeakyReLU::with_slope(f64::NAN).is_err());
}

#[test]
fn main_style_errors_print_their_chain() {
    let e: shaped::io::Error = WeightFile::read("/no/such/dir/model.keras").unwrap_err().into();
    assert_eq!(e.to_string(), "cannot read or write the weights");
    let debug = format!("{e:?}");
    assert!(
        debug.starts_with("cannot read or write the weights: cannot access /no/such/dir/model.keras: "),
        "{debug}"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.source().is_some());
}
