//! Catalog rows whose mistake lives in run-time data: each is a `Result` error where the data
//! enters (a tensor constructor, a layer's weights), with the message asserted.
//!
//! Each test is named after its row in `tests/golden/keras_value_errors.json`; the table in
//! `src/mistakes.rs` links here, and `tests/catalog_coverage.rs` checks that the linked test
//! exists.

use shaped::prelude::*;

/// Keras: `np.array([rand(20, 1), rand(25, 1), rand(15, 1)])` raises numpy's "inhomogeneous
/// shape" ValueError (the seed article's Example 2).
#[test]
fn seed_example2_ragged() {
    let data: Vec<Vec<[f32; 1]>> = [20, 25, 15].iter().map(|&n| vec![[0.5]; n]).collect();
    let err = Tensor::<f32, shape![Dyn, 20, 1]>::from_nested(&data).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ragged data: sample 1 has 25 time steps, expected 20 (pad or truncate the sequences first, e.g. with pad_sequences)"
    );
    assert_eq!(
        err,
        ShapeError::Ragged { at: "sample 1".into(), what: "time steps", expected: 20, actual: 25 }
    );
}

/// Keras: `np.array` of sequences of 3 and 2 steps raises numpy's ValueError.
#[test]
fn ragged_np_array() {
    let data = vec![vec![vec![0.1f32], vec![0.2], vec![0.3]], vec![vec![0.4], vec![0.5]]];
    let err = Tensor::<f32, shape![Dyn, 3, 1]>::from_nested(&data).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ragged data: sample 1 has 2 time steps, expected 3 (pad or truncate the sequences first, e.g. with pad_sequences)"
    );
}

/// Keras: an object array of ragged sequences into predict raises "Invalid dtype: object".
/// There is no object array here: ragged data is nested `Vec`s, refused when it enters.
#[test]
fn ragged_np_array_object_predict() {
    let data: Vec<Vec<Vec<f64>>> = vec![vec![vec![1.0]; 4], vec![vec![1.0]; 7]];
    let err = Tensor::<f64, shape![Dyn, 4, 1]>::from_nested(&data).unwrap_err();
    assert_eq!(err, ShapeError::Ragged { at: "sample 1".into(), what: "time steps", expected: 4, actual: 7 });
}

/// Keras: a nested Python list of ragged sequences raises "Unrecognized data type".
#[test]
fn ragged_list_predict() {
    let data = [vec![[0.1f32], [0.2], [0.3]], vec![[0.4], [0.5]]];
    let err = Tensor::<f32, shape![2, 3, 1]>::from_nested(&data).unwrap_err();
    assert_eq!(err, ShapeError::Ragged { at: "sample 1".into(), what: "time steps", expected: 3, actual: 2 });
}

/// Keras: a `tf.RaggedTensor` into Conv1D raises "object of type 'RaggedTensor' has no len()".
/// A ragged channel axis is caught too, naming the step.
#[test]
fn ragged_tf_ragged_tensor() {
    let data = vec![vec![vec![0.1f32, 0.2], vec![0.3, 0.4]], vec![vec![0.5, 0.6], vec![0.7]]];
    let err = Tensor::<f32, shape![Dyn, 2, 2]>::from_nested(&data).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ragged data: sample 1, time step 1 has 1 channels, expected 2 (pad or truncate the sequences first, e.g. with pad_sequences)"
    );
}

/// Keras: `Input((None, 1)) -> Conv1D(4, 7)` predicting on length-5 data raises "Negative
/// dimension size" at run time. Lengths are types here: data of 5 steps does not enter a tensor
/// typed for the 8 steps the model was written for (and a model written for 5 steps does not
/// compile: `ui-tests/fail/kernel_gt_length_static.rs`).
#[test]
fn kernel_gt_length_dynamic() {
    let err = Tensor::<f32, shape![Dyn, 8, 1]>::from_vec(vec![0.0; 5]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a whole number of samples of shape (8, 1) (8 elements each), got 5 elements"
    );
    let err = Tensor::<f32, shape![2, 8, 1]>::from_vec(vec![0.0; 10]).unwrap_err();
    assert_eq!(err.to_string(), "expected 16 elements for shape (2, 8, 1), got 10");
    let conv: Conv1D<f32, U![1], U![4], U![7]> = Conv1D::new(0);
    let ok = Tensor::<f32, shape![Dyn, 8, 1]>::from_vec(vec![0.0; 16]).unwrap();
    assert_eq!(conv.forward(&ok).dims(), vec![2, 2, 4]);
}

/// Keras: int64 `x` into a float32 model's `fit` is cast silently (large integers lose
/// precision). `from_vec_cast` converts exactly or refuses.
#[test]
fn dtype_int64_fit() {
    let x = Tensor::<f32, shape![Dyn, 2]>::from_vec_cast(&[1i64, -2, 3, 16_777_216]).unwrap();
    assert_eq!(x.as_slice(), &[1.0, -2.0, 3.0, 16_777_216.0]);
    let err = Tensor::<f32, shape![Dyn, 2]>::from_vec_cast(&[1i64, 16_777_217]).unwrap_err();
    assert_eq!(err.to_string(), "value 16777217 at index 1 is not exactly representable as float32");
}

/// Keras: `set_weights` with a `(5, 1, 32)` kernel on a `Conv1D(32, 3)` raises "weight shape
/// (3, 1, 32) is not compatible with provided weight shape (5, 1, 32)".
#[test]
fn set_weights_wrong_kernel_size() {
    type Conv = Conv1D<f32, U![1], U![32], U![3]>;
    let err = Conv::from_keras(&[0.0; 5 * 32], Some(&[0.0; 32])).err().unwrap();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected shape (3, 1, 32) (96 elements), got 160 elements"
    );
    let err = Conv::from_pytorch(&[0.0; 32 * 5], None).err().unwrap();
    assert_eq!(
        err.to_string(),
        "weight conv.weight: expected shape (32, 1, 3) (96 elements), got 160 elements"
    );
}

/// Keras: `set_weights([kernel])` without the bias raises "expecting 2 weights". Accepted on
/// purpose: the bias is an explicit `Option`, and `None` is Keras's `use_bias=False`.
#[test]
fn set_weights_missing_bias() {
    type Conv = Conv1D<f32, U![1], U![32], U![3]>;
    let conv = Conv::from_keras(&[0.0; 96], None).unwrap();
    assert!(conv.bias().is_none());
    assert_eq!(conv.param_count(), 96);
}

/// Keras: a bias of shape `(16,)` for 32 filters raises "weight shape (32,) is not compatible".
#[test]
fn set_weights_wrong_bias() {
    type Conv = Conv1D<f32, U![1], U![32], U![3]>;
    let err = Conv::from_keras(&[0.0; 96], Some(&[0.0; 16])).err().unwrap();
    assert_eq!(err.to_string(), "weight conv1d.bias: expected shape (32,) (32 elements), got 16 elements");
}

/// The PyTorch-layout kernel of a `Conv1D(filters=3, kernel_size=3)` on 3 channels, `(3, 3, 3)`,
/// as `(filters, in_channels, kernel_size)`, and the same weights in Keras layout.
fn pytorch_and_keras_kernels(f: usize, c: usize, k: usize) -> (Vec<f32>, Vec<f32>) {
    let pytorch: Vec<f32> = (0..f * c * k).map(|i| i as f32).collect();
    let mut keras = vec![0.0; f * c * k];
    for o in 0..f {
        for ch in 0..c {
            for t in 0..k {
                keras[(t * c + ch) * f + o] = pytorch[(o * c + ch) * k + t];
            }
        }
    }
    (pytorch, keras)
}

/// Keras: a PyTorch-layout `(32, 1, 3)` kernel given to `set_weights` raises (the shapes
/// differ). A flat slice has no shape, so here the layout is named by the call:
/// `from_pytorch` transposes, `from_keras` does not. Same element count, so `from_keras` cannot
/// tell; weight files keep their shapes and `shaped-io` checks them.
#[test]
fn set_weights_pytorch_layout() {
    let (pytorch, keras) = pytorch_and_keras_kernels(32, 1, 3);
    type Conv = Conv1D<f32, U![1], U![32], U![3]>;
    let from_torch = Conv::from_pytorch(&pytorch, None).unwrap();
    let from_keras = Conv::from_keras(&keras, None).unwrap();
    assert_eq!(from_torch.keras_kernel(), from_keras.keras_kernel());
    assert_eq!(from_torch.pytorch_kernel(), pytorch);
}

/// Keras: a `(3, 3, 3)` PyTorch kernel on `Conv1D(3, 3)` over 3 channels is accepted silently
/// without the transpose (wrong outputs). The same holds for `from_keras` on a PyTorch buffer;
/// `from_pytorch` is the call that says which layout the numbers are in.
#[test]
fn set_weights_pytorch_layout_ambiguous() {
    let (pytorch, keras) = pytorch_and_keras_kernels(3, 3, 3);
    type Conv = Conv1D<f32, U![3], U![3], U![3]>;
    let right = Conv::from_pytorch(&pytorch, None).unwrap();
    assert_eq!(right.keras_kernel(), keras.as_slice());
    let x = Tensor::<f32, shape![1, 3, 3]>::from_fn(|i| (i[1] * 3 + i[2]) as f32);
    let y = right.forward(&x);
    // output o = sum over t, c of x[t, c] * weight[o, c, t]
    let expected: Vec<f32> = (0..3)
        .map(|o| {
            (0..3)
                .flat_map(|t| (0..3).map(move |c| (t, c)))
                .map(|(t, c)| ((t * 3 + c) * ((o * 3 + c) * 3 + t)) as f32)
                .sum()
        })
        .collect();
    assert_eq!(y.as_slice(), expected.as_slice());
}

/// Keras: an ungrouped `(3, 4, 4)` kernel for `Conv1D(4, 3, groups=2)` on 4 channels raises.
#[test]
fn set_weights_groups_full_kernel() {
    type Conv = Conv1D<f32, U![4], U![4], U![3], U![1], Valid, U![1], U![2]>;
    let err = Conv::from_keras(&[0.0; 3 * 4 * 4], None).err().unwrap();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected shape (3, 2, 4) (24 elements), got 48 elements"
    );
}

/// Keras: weights saved from a `Conv1D(32, 3)` model loaded into a `Conv1D(32, 5)` model raise.
#[test]
fn load_weights_wrong_arch() {
    let saved: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(7);
    let err =
        Conv1D::<f32, U![1], U![32], U![5]>::from_keras(saved.keras_kernel(), saved.bias()).err().unwrap();
    assert_eq!(
        err.to_string(),
        "weight conv1d.kernel: expected shape (5, 1, 32) (160 elements), got 96 elements"
    );
}

/// Keras: `predict` on an empty batch `(0, 20, 1)` raises `UnboundLocalError`. Accepted on
/// purpose: an empty batch gives an empty output of the right type.
#[test]
fn predict_empty_batch() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(Vec::new()).unwrap();
    let conv: Conv1D<f32, U![1], U![4], U![3]> = Conv1D::new(0);
    let y = conv.forward(&x);
    assert_eq!(y.dims(), vec![0, 18, 4]);
    assert!(y.is_empty());
}

/// Keras: `Input((None, 1)) -> MaxPooling1D(10)` predicting on length-5 data raises "Negative
/// dimension size caused by subtracting 10 from 5" at run time. Lengths are types here: 5-step
/// sequences do not enter a tensor typed for the model's 10 steps (and a model written for 5
/// steps does not compile: `ui-tests/fail/pool_gt_length_static.rs`).
#[test]
fn pool_gt_length_dynamic() {
    let short = vec![vec![[1.0f32]; 5], vec![[2.0]; 5]];
    let err = Tensor::<f32, shape![Dyn, 10, 1]>::from_nested(&short).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ragged data: sample 0 has 5 time steps, expected 10 (pad or truncate the sequences first, e.g. with pad_sequences)"
    );
    let err = Tensor::<f32, shape![Dyn, 10, 1]>::from_vec(vec![0.0; 5]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a whole number of samples of shape (10, 1) (10 elements each), got 5 elements"
    );
    let ok = Tensor::<f32, shape![Dyn, 10, 1]>::from_vec(vec![0.0; 20]).unwrap();
    let y = MaxPooling1D::<U![10]>::new().forward(&ok);
    assert_eq!(y.dims(), vec![2, 1, 1]);
}

/// A small trainer for the `fit` rows: Conv1D, pooling, Dense(3, softmax), sparse labels.
fn fit_rows_trainer() -> shaped::train::fit::Trainer<
    f32,
    (Conv1D<f32, U![1], U![4], U![3]>, GlobalAveragePooling1D, Dense<f32, U![4], U![3]>),
    shaped::train::optim::Adam<f32>,
    shaped::train::loss::SparseCategoricalCrossentropy,
    Tensor<f32, shape![Dyn, 20, 1]>,
    shaped::train::loss::ClassLabels<Dyn, U![3]>,
> {
    let model =
        (Conv1D::new(0), GlobalAveragePooling1D::new(), Dense::new(1).activation(Activation::Softmax));
    shaped::train::fit::Trainer::new(
        model,
        shaped::train::optim::Adam::new(),
        shaped::train::loss::SparseCategoricalCrossentropy::new(),
    )
}

/// Keras: integer labels 0..4 for a Dense(3) softmax with sparse categorical cross-entropy fail
/// inside the graph ("Received a label value of 4 which is outside the valid range of [0, 3)").
/// Here the labels are checked against the class count where they are built.
#[test]
fn fit_sparse_label_out_of_range() {
    use shaped::train::loss::ClassLabels;
    use shaped::train::TrainError;
    let err = ClassLabels::<Dyn, U![3]>::new(vec![0, 1, 2, 4]).unwrap_err();
    assert_eq!(err.to_string(), "class label 3: expected a class below 3, got 4");
    assert_eq!(err, TrainError::ClassOutOfRange { index: 3, class: 4, classes: 3 });
    let err = ClassLabels::<Dyn, U![3]>::from_values(&[0.0f32, 1.5]).unwrap_err();
    assert_eq!(err.to_string(), "class label 1: expected a class index (a whole number from 0), got 1.5");
}

/// Keras: `fit` with x of 100 samples and y of 90 raises "Data cardinality is ambiguous".
#[test]
fn fit_batch_mismatch() {
    use shaped::train::fit::FitOptions;
    use shaped::train::loss::ClassLabels;
    use shaped::train::TrainError;
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(100).unwrap();
    let y = ClassLabels::<Dyn, U![3]>::new(vec![0; 90]).unwrap();
    let err = fit_rows_trainer().fit(&x, &y, FitOptions::new().verbose(0)).unwrap_err();
    assert_eq!(err, TrainError::Cardinality { data: "training", inputs: 100, targets: 90 });
    assert_eq!(
        err.to_string(),
        "training data: 100 input samples but 90 target samples (Keras: \"Data cardinality is ambiguous\"); give as many targets as inputs"
    );
}

/// Keras: `validation_data=(x_val of 10, y_val of 8)` raises "Data cardinality is ambiguous".
#[test]
fn fit_validation_batch_mismatch() {
    use shaped::train::fit::FitOptions;
    use shaped::train::loss::ClassLabels;
    use shaped::train::TrainError;
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(12).unwrap();
    let y = ClassLabels::<Dyn, U![3]>::new(vec![1; 12]).unwrap();
    let xv = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(10).unwrap();
    let yv = ClassLabels::<Dyn, U![3]>::new(vec![2; 8]).unwrap();
    let mut trainer = fit_rows_trainer();
    let err = trainer.fit(&x, &y, FitOptions::new().verbose(0).validation_data(&xv, &yv)).unwrap_err();
    assert_eq!(err, TrainError::Cardinality { data: "validation", inputs: 10, targets: 8 });
    // Nothing was trained: the check runs before the first step.
    assert_eq!(shaped::train::optim::Optimizer::<f32>::iterations(trainer.optimizer()), 0);
}

/// A Dropout rate known only at run time outside [0, 1) is a `Result` error naming it (Keras
/// raises `ValueError: Invalid value received for argument rate`); a literal one does not
/// compile (`ui-tests/fail/rule_dropout_rate.rs`).
#[test]
fn dropout_rate_out_of_range() {
    for rate in [1.5, 1.0, -0.1, f64::NAN] {
        let err = shaped::layers::Dropout::new(rate).unwrap_err();
        assert_eq!((err.layer, err.argument, err.expected), ("Dropout", "rate", "in [0, 1)"));
        assert!(err
            .to_string()
            .starts_with(&format!("Dropout(rate={rate:?}): rate must be in [0, 1), got {rate:?}")));
    }
    assert_eq!(shaped::layers::Dropout::new(0.0).unwrap().rate(), 0.0);
    assert_eq!(shaped::layers::Dropout::new(0.999).unwrap().rate(), 0.999);
}
