//! Every layer's warmed-up `Layer::forward_into` allocates nothing, in both data formats where
//! a layer has them; and two threads sharing one channels-first Conv1D (each with its own
//! workspace) allocate nothing in 2 x 50 calls: the channels-first transposes take their
//! scratch from the caller's workspace, not from the mutex-held scratch in the weights. A
//! counting global allocator; one test function only, as the counter is global.
//!
//! The sizes keep every kernel on the calling thread (a call from outside a rayon pool that
//! does go to the pool allocates in rayon's injector; `tests/graph_no_alloc.rs` covers pools).

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use std::sync::Barrier;

use shaped::layers::merge::Add;
use shaped::prelude::*;

use counting_alloc::allocations_during;

fn input<S: Shape>(batch: usize) -> Tensor<f32, S> {
    Tensor::from_fn_with_batch(batch, |i| ((i.iter().sum::<usize>() % 7) as f32 - 3.0) * 0.25).unwrap()
}

/// Warms `layer` up on `x` (two calls), then counts the allocations of three more; returns
/// (label, allocations, workspace bytes).
macro_rules! check {
    ($rows:ident, $label:literal, $layer:expr, $x:expr) => {{
        let layer = $layer;
        let x = $x;
        let mut ws = Workspace::new();
        let mut out = layer.forward(&x);
        Layer::forward_into(&layer, &x, &mut out, &mut ws);
        Layer::forward_into(&layer, &x, &mut out, &mut ws);
        let n = allocations_during(|| {
            for _ in 0..3 {
                Layer::forward_into(&layer, &x, &mut out, &mut ws);
            }
        });
        assert!(out == layer.forward(&x), "{}: the workspace result is forward's", $label);
        $rows.push(($label, n, ws.bytes()));
    }};
}

/// Two threads share `conv` (channels-first), each with its own workspace: 50 warmed-up calls
/// each, counted together.
fn shared_channels_first_conv() -> usize {
    type Cf = Conv1D<f32, U![4], U![8], U![3], U![1], Same, U![1], U![1], ChannelsFirst>;
    let conv: Cf = Conv1D::new(3).activation(Activation::Relu);
    let x: Tensor<f32, shape![Dyn, 4, 64; ChannelsFirst]> = input(4);
    let start = Barrier::new(2);
    let done = Barrier::new(2);
    let after = Barrier::new(2);
    let counts: Vec<usize> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut ws = Workspace::new();
                    let mut out = conv.forward(&x);
                    Layer::forward_into(&conv, &x, &mut out, &mut ws);
                    Layer::forward_into(&conv, &x, &mut out, &mut ws);
                    // The workspace holds the transposes' scratch: input and output again.
                    assert!(ws.bytes() >= 4 * (2 * out.len() + x.len()), "{} bytes", ws.bytes());
                    start.wait();
                    let n = allocations_during(|| {
                        for _ in 0..50 {
                            Layer::forward_into(&conv, &x, &mut out, &mut ws);
                        }
                        done.wait();
                    });
                    // Neither thread allocates before both have read the counter.
                    after.wait();
                    assert!(out == conv.forward(&x));
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    counts.into_iter().max().unwrap_or(0)
}

#[test]
fn every_layer_forward_into_does_not_allocate() {
    // The global rayon pool's workers start (and allocate their queues) asynchronously once
    // it exists: have every one run a job first, so that none allocates during a count.
    rayon::broadcast(|_| ());
    let mut rows: Vec<(&str, usize, usize)> = Vec::new();
    type Cl = shape![Dyn, 16, 4];
    type Cf = shape![Dyn, 4, 16; ChannelsFirst];
    let cl = || input::<Cl>(3);
    let cf = || input::<Cf>(3);

    check!(rows, "Conv1D channels_last", Conv1D::<f32, U![4], U![6], U![3], U![1], Same>::new(0), cl());
    check!(
        rows,
        "Conv1D channels_first",
        Conv1D::<f32, U![4], U![6], U![3], U![1], Same, U![1], U![1], ChannelsFirst>::new(0),
        cf()
    );
    check!(
        rows,
        "Conv1D channels_first softmax",
        Conv1D::<f32, U![4], U![6], U![3], U![2], Valid, U![2], U![2], ChannelsFirst>::new(0)
            .activation(Activation::Softmax),
        cf()
    );
    check!(
        rows,
        "Conv1D channels_last tanh dilated",
        Conv1D::<f32, U![4], U![6], U![3], U![1], Causal, U![2]>::new(0).activation(Activation::Tanh),
        cl()
    );
    check!(rows, "DepthwiseConv1D", DepthwiseConv1D::<f32, U![4], U![3], U![2], U![1], Same>::new(0), cl());
    check!(rows, "SeparableConv1D", SeparableConv1D::<f32, U![4], U![5], U![3]>::new(0), cl());
    check!(
        rows,
        "DepthwiseConv1D channels_first",
        DepthwiseConv1D::<f32, U![4], U![3], U![2], U![2], Same, U![1], ChannelsFirst>::new(0),
        cf()
    );
    check!(
        rows,
        "SeparableConv1D channels_first",
        SeparableConv1D::<f32, U![4], U![5], U![3], U![2], U![1], Valid, U![2], ChannelsFirst>::new(0)
            .activation(Activation::Relu),
        cf()
    );
    check!(rows, "Conv1DTranspose", Conv1DTranspose::<f32, U![4], U![5], U![3], U![2]>::new(0), cl());
    check!(
        rows,
        "Conv1DTranspose same output_padding=1",
        Conv1DTranspose::<f32, U![4], U![5], U![3], U![2], Same, U![1], U![1]>::new(0),
        cl()
    );
    check!(
        rows,
        "Conv1DTranspose channels_first",
        Conv1DTranspose::<f32, U![4], U![5], U![3], U![2], Valid, U![1], Inferred, ChannelsFirst>::new(0),
        cf()
    );
    check!(
        rows,
        "Dense",
        Dense::<f32, U![64], U![5]>::new(0).activation(Activation::Relu),
        input::<shape![Dyn, 64]>(3)
    );
    check!(rows, "Dense softmax", Dense::<f32, U![4], U![5]>::new(0).activation(Activation::Softmax), cl());
    check!(rows, "BatchNormalization", BatchNormalization::<f32, U![4]>::new(), cl());
    check!(rows, "Activation relu", Activation::Relu, cl());
    check!(rows, "Activation softmax", Activation::Softmax, cl());
    check!(rows, "Dropout", dropout!(0.5), cl());
    check!(rows, "MaxPooling1D channels_last", MaxPooling1D::<U![2]>::new(), cl());
    check!(
        rows,
        "MaxPooling1D channels_first",
        MaxPooling1D::<U![3], U![2], Same, ChannelsFirst>::new(),
        cf()
    );
    check!(rows, "AveragePooling1D channels_last", AveragePooling1D::<U![3], U![1], Same>::new(), cl());
    check!(
        rows,
        "AveragePooling1D channels_first",
        AveragePooling1D::<U![2], U![2], Valid, ChannelsFirst>::new(),
        cf()
    );
    check!(rows, "GlobalMaxPooling1D channels_last", GlobalMaxPooling1D::new(), cl());
    check!(rows, "GlobalMaxPooling1D channels_first", GlobalMaxPooling1D::channels_first(), cf());
    check!(rows, "GlobalAveragePooling1D channels_last", GlobalAveragePooling1D::new(), cl());
    check!(rows, "GlobalAveragePooling1D channels_first", GlobalAveragePooling1D::channels_first(), cf());
    check!(rows, "Flatten", Flatten::new(), cl());
    check!(rows, "Reshape", Reshape::<(U![8], U![8])>::new(), cl());
    check!(rows, "UpSampling1D", UpSampling1D::<U![2]>::new(), cl());
    check!(rows, "ZeroPadding1D", ZeroPadding1D::<U![2], U![1]>::new(), cl());
    check!(rows, "Cropping1D", Cropping1D::<U![1], U![2]>::new(), cl());
    let (a, b, c) = (cl(), input::<Cl>(3), cl());
    check!(rows, "Add", Add::new(), (&a, &b));
    check!(rows, "Subtract", Subtract::new(), (&a, &b));
    check!(rows, "Multiply", Multiply::new(), (&a, &b, &c));
    check!(rows, "Average", Average::new(), (&a, &b));
    check!(rows, "Maximum", Maximum::new(), (&a, &b));
    check!(rows, "Minimum", Minimum::new(), (&a, &b));
    check!(rows, "Concatenate channels", Concatenate::new(), (&a, &b));
    check!(rows, "Concatenate time", Concatenate::axis(TimeAxis), (&a, &b));

    let ids: Vec<u32> = (0..48).map(|i| i % 10).collect();
    check!(
        rows,
        "Embedding",
        Embedding::<f32, U![10], U![4]>::new(0),
        Tokens::<U![10], shape![Dyn, 16]>::from_ids(&ids).unwrap()
    );
    check!(rows, "LayerNormalization", LayerNormalization::<f32, U![4]>::new(), cl());
    check!(rows, "GroupNormalization", GroupNormalization::<f32, U![4], U![2]>::new(), cl());
    check!(rows, "GlobalAveragePooling1D keepdims", GlobalAveragePooling1D::new().keepdims(), cl());
    check!(rows, "GlobalMaxPooling1D keepdims", GlobalMaxPooling1D::new().keepdims(), cl());
    check!(rows, "AdaptiveAveragePooling1D", AdaptiveAveragePooling1D::<U![5]>::new(), cl());
    check!(rows, "AdaptiveMaxPooling1D", AdaptiveMaxPooling1D::<U![5]>::new(), cl());
    check!(
        rows,
        "ReLU(max_value, negative_slope, threshold)",
        ReLU::with_args(Some(6.0), 0.1, 0.5).unwrap(),
        cl()
    );
    check!(rows, "LeakyReLU", LeakyReLU::new(), cl());
    check!(rows, "PReLU", PReLU::<f32, U![1], U![4]>::new(), cl());
    check!(rows, "Permute", Permute::<(U![2], U![1])>::new(), cl());
    check!(rows, "RepeatVector", RepeatVector::<U![3]>::new(), input::<shape![Dyn, 8]>(3));
    check!(rows, "SpatialDropout1D", SpatialDropout1D::new(0.5).unwrap(), cl());

    let shared = shared_channels_first_conv();
    for (label, n, bytes) in &rows {
        println!("{label:40} {n} allocations in 3 calls, workspace {bytes} bytes");
    }
    println!("shared channels-first Conv1D, 2 threads x 50 calls: {shared} allocations");
    let allocating: Vec<_> = rows.iter().filter(|r| r.1 != 0).collect();
    assert!(allocating.is_empty(), "allocating layers: {allocating:?}");
    assert_eq!(shared, 0, "2 threads sharing a channels-first Conv1D");
    assert_eq!(rows.len(), 51);
}
