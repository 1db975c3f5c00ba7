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
