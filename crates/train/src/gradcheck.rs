//! Finite-difference checks of every layer's backward pass, in `f64`.
//!
//! The objective is `sum(w * y)` for fixed random weights `w`, so its gradient with respect to
//! the output is `w`; each input and parameter is moved by `±h` and the central difference is
//! compared with what `backward` returns.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use crate::{Backward, TrainContext, Trainable};

const H: f64 = 1e-6;

/// A small deterministic generator for the checks' data.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }
}

fn objective<L, X, Y>(layer: &L, x: &Tensor<f64, X>, w: &[f64], seed: u64) -> f64
where
    L: Backward<f64, Tensor<f64, X>, Output = Tensor<f64, Y>> + Clone,
    X: Shape,
    Y: Shape,
{
    let mut l = layer.clone();
    let (y, _) = l.forward_train(x, &mut TrainContext::new(seed));
    y.as_slice().iter().zip(w).map(|(a, b)| a * b).sum()
}

/// Checks `layer`'s input and parameter gradients at `x` against central differences.
pub(crate) fn check<L, X, Y>(layer: &L, x: &Tensor<f64, X>, data_seed: u64) -> Result<(), TestCaseError>
where
    L: Backward<f64, Tensor<f64, X>, Output = Tensor<f64, Y>, InputGrad = Tensor<f64, X>> + Clone,
    X: Shape,
    Y: Shape,
{
    let ctx_seed = 7;
    let mut rng = Lcg(data_seed);
    let mut l = layer.clone();
    let mut ctx = TrainContext::new(ctx_seed);
    let (y, tape) = l.forward_train(x, &mut ctx);
    let w: Vec<f64> = (0..y.len()).map(|_| rng.next()).collect();
    let mut dy = y.clone();
    dy.as_mut_slice().copy_from_slice(&w);
    let mut grads = vec![f64::NAN; layer.trainable_len()];
    // The forward pass above updated moving statistics in `l`; the gradient is `layer`'s.
    let dx = layer.backward(x, &y, tape, dy, &mut grads, &mut ctx);
    prop_assert!(grads.iter().all(|g| g.is_finite()), "every parameter gradient is written");
    let close = |analytic: f64, numeric: f64, what: &str| -> Result<(), TestCaseError> {
        let tol = 1e-6 * (1.0 + numeric.abs().max(analytic.abs()));
        prop_assert!(
            (analytic - numeric).abs() <= tol,
            "{what}: backward {analytic}, finite difference {numeric}"
        );
        Ok(())
    };
    for i in 0..x.len() {
        let mut xp = x.clone();
        xp.as_mut_slice()[i] += H;
        let mut xm = x.clone();
        xm.as_mut_slice()[i] -= H;
        let numeric = (objective(layer, &xp, &w, ctx_seed) - objective(layer, &xm, &w, ctx_seed)) / (2.0 * H);
        close(dx.as_slice()[i], numeric, &format!("input {i}"))?;
    }
    for j in 0..layer.trainable_len() {
        let moved = |delta: f64| {
            let mut l = layer.clone();
            let mut at = 0;
            l.update_trainable(&mut |_, v| {
                if (at..at + v.len()).contains(&j) {
                    v[j - at] += delta;
                }
                at += v.len();
            });
            objective(&l, x, &w, ctx_seed)
        };
        let numeric = (moved(H) - moved(-H)) / (2.0 * H);
        close(grads[j], numeric, &format!("parameter {j}"))?;
    }
    Ok(())
}

/// Random data for a tensor type with a run-time batch.
pub(crate) fn random<X: Shape>(batch: usize, seed: u64) -> Tensor<f64, X> {
    let mut rng = Lcg(seed);
    Tensor::from_fn_with_batch(batch, |_| rng.next()).unwrap_or_else(|e| panic!("{e}"))
}

/// A layer with random weights (its trainable variables, through `update_trainable`).
pub(crate) fn randomized<L: Trainable<f64>>(mut layer: L, seed: u64) -> L {
    let mut rng = Lcg(seed ^ 0x5EED);
    layer.update_trainable(&mut |_, v| v.iter_mut().for_each(|x| *x = rng.next()));
    layer
}

mod layers {
    use proptest::prelude::*;
    use shaped_layers::pool::{AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D};
    use shaped_layers::reshaping::{Cropping1D, Flatten, Reshape, UpSampling1D, ZeroPadding1D};
    use shaped_layers::{dropout, Activation, BatchNormalization, Conv1D, Dense};
    use shaped_shapes::{shape, Causal, ChannelsFirst, Dyn, Explicit, Inferred, Same, Valid, U};
    use typenum::U1;

    use super::{check, random, randomized};

    const ACTIVATIONS: [Activation; 9] = [
        Activation::Linear,
        Activation::Relu,
        Activation::LeakyRelu(0.3),
        Activation::Elu(1.0),
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Softmax,
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn conv1d_every_argument(batch in 1usize..3, seed in any::<u64>(), act in 0usize..9, bias in any::<bool>()) {
            let act = ACTIVATIONS[act];
            type X = shape![Dyn, 11, 4];
            let x = random::<X>(batch, seed);
            check(&randomized(Conv1D::<f64, U![4], U![3], U![3]>::new(0).activation(act).use_bias(bias), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![2], U![3], U![2], Same>::new(0).activation(act).use_bias(bias), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![2], U![2], U1, Causal, U![3]>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![4], U![3], U![3], Explicit<U![2], U![1]>, U![2]>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![6], U![3], U1, Valid, U1, U![2]>::new(0).activation(act), seed), &x, seed)?;
            // Depthwise, with a channel multiplier of 2.
            check(&randomized(Conv1D::<f64, U![4], U![8], U![3], U1, Same, U1, U![4]>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![4], U![5], U1, Same, U1, U![4]>::new(0).activation(act), seed), &x, seed)?;
        }

        #[test]
        fn conv1d_channels_first(batch in 1usize..3, seed in any::<u64>(), act in 0usize..9) {
            let act = ACTIVATIONS[act];
            type X = shape![Dyn, 4, 9; ChannelsFirst];
            let x = random::<X>(batch, seed);
            check(&randomized(Conv1D::<f64, U![4], U![3], U![3], U1, Valid, U1, U1, ChannelsFirst>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![2], U![4], U![2], Same, U1, U![2], ChannelsFirst>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1D::<f64, U![4], U![4], U![3], U1, Causal, U![2], U![4], ChannelsFirst>::new(0).activation(act), seed), &x, seed)?;
        }

        #[test]
        fn dense_on_rank_2_and_3(batch in 1usize..4, seed in any::<u64>(), act in 0usize..9, bias in any::<bool>()) {
            let act = ACTIVATIONS[act];
            let d = randomized(Dense::<f64, U![5], U![3]>::new(0).activation(act).use_bias(bias), seed);
            check(&d, &random::<shape![Dyn, 5]>(batch, seed), seed)?;
            check(&d, &random::<shape![Dyn, 4, 5]>(batch, seed), seed)?;
        }

        #[test]
        fn batch_normalization_training_mode(batch in 2usize..4, seed in any::<u64>(), scale in any::<bool>(), center in any::<bool>()) {
            let c = 3;
            let ones = vec![1.0; c];
            let zeros = vec![0.0; c];
            let bn = BatchNormalization::<f64, U![3]>::from_keras(
                scale.then_some(&ones[..]), center.then_some(&zeros[..]), &zeros, &ones, 1e-3,
            ).unwrap();
            let bn = randomized(bn, seed);
            check(&bn, &random::<shape![Dyn, 5, 3]>(batch, seed), seed)?;
            check(&bn, &random::<shape![Dyn, 3]>(batch, seed), seed)?;
            // Channels-first (axis=1): each channel over the batch and the steps.
            let bn = BatchNormalization::<f64, U![3], ChannelsFirst>::from_keras(
                scale.then_some(&ones[..]), center.then_some(&zeros[..]), &zeros, &ones, 1e-3,
            ).unwrap();
            check(&randomized(bn, seed), &random::<shape![Dyn, 3, 5; ChannelsFirst]>(batch, seed), seed)?;
        }

        #[test]
        fn activations_and_dropout(batch in 1usize..3, seed in any::<u64>(), act in 0usize..9) {
            let x = random::<shape![Dyn, 6, 3]>(batch, seed);
            check(&ACTIVATIONS[act], &x, seed)?;
            check(&dropout!(0.0), &x, seed)?;
            check(&dropout!(0.4), &x, seed)?;
        }

        #[test]
        fn pooling(batch in 1usize..3, seed in any::<u64>()) {
            let x = random::<shape![Dyn, 9, 3]>(batch, seed);
            check(&MaxPooling1D::<U![2]>::new(), &x, seed)?;
            check(&MaxPooling1D::<U![3], U![2], Same>::new(), &x, seed)?;
            check(&AveragePooling1D::<U![2]>::new(), &x, seed)?;
            check(&AveragePooling1D::<U![4], U![3], Same>::new(), &x, seed)?;
            check(&AveragePooling1D::<U![4], U![3], Same>::new().count_include_pad(true), &x, seed)?;
            check(&GlobalAveragePooling1D::new(), &x, seed)?;
            check(&GlobalMaxPooling1D::new(), &x, seed)?;
            let xf = random::<shape![Dyn, 3, 9; ChannelsFirst]>(batch, seed);
            check(&MaxPooling1D::<U![3], U![2], Same, ChannelsFirst>::new(), &xf, seed)?;
            check(&AveragePooling1D::<U![2], U![2], Valid, ChannelsFirst>::new(), &xf, seed)?;
            check(&GlobalAveragePooling1D::channels_first(), &xf, seed)?;
            check(&GlobalMaxPooling1D::channels_first(), &xf, seed)?;
        }

        #[test]
        fn reshaping(batch in 1usize..3, seed in any::<u64>()) {
            let x = random::<shape![Dyn, 6, 2]>(batch, seed);
            check(&Flatten::new(), &x, seed)?;
            check(&Reshape::<(U![3], U![4])>::new(), &x, seed)?;
            check(&ZeroPadding1D::<U![2], U![1]>::new(), &x, seed)?;
            check(&Cropping1D::<U![1], U![2]>::new(), &x, seed)?;
            check(&UpSampling1D::<U![3]>::new(), &x, seed)?;
        }

        #[test]
        fn merges_forks_and_residuals(batch in 1usize..3, seed in any::<u64>()) {
            use shaped_layers::graph::{Fork, Residual};
            use shaped_layers::merge::{Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract, TimeAxis};
            let x = random::<shape![Dyn, 7, 3]>(batch, seed);
            let conv = |s: u64| randomized(Conv1D::<f64, U![3], U![3], U![3], U1, Same>::new(0), seed ^ s);
            check(&(Fork::new((conv(1), conv(2))), Add::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2))), Subtract::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2), conv(3))), Multiply::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2), conv(3))), Average::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2), conv(3))), Maximum::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2))), Minimum::new()), &x, seed)?;
            check(&(Fork::new((conv(1), randomized(Conv1D::<f64, U![3], U![2], U![1]>::new(0), seed))), Concatenate::new()), &x, seed)?;
            check(&(Fork::new((conv(1), conv(2))), Concatenate::axis(TimeAxis)), &x, seed)?;
            check(&Residual::new((conv(4), Activation::Relu, conv(5))), &x, seed)?;
            let projection = randomized(Conv1D::<f64, U![3], U![4], U![1]>::new(0), seed ^ 6);
            let branch = randomized(Conv1D::<f64, U![3], U![4], U![3], U1, Same>::new(0), seed ^ 7);
            check(&Residual::with_shortcut(branch, projection), &x, seed)?;
        }

        #[test]
        fn separable_and_transposed_convolutions(batch in 1usize..3, seed in any::<u64>(), act in 0usize..9) {
            use shaped_layers::{Conv1DTranspose, DepthwiseConv1D, SeparableConv1D};
            let act = ACTIVATIONS[act];
            let x = random::<shape![Dyn, 7, 3]>(batch, seed);
            let sep = SeparableConv1D::<f64, U![3], U![4], U![3], U![2], U1, Same>::new(0).activation(act);
            check(&randomized(sep, seed), &x, seed)?;
            let sep = SeparableConv1D::<f64, U![3], U![2], U![2], U1, U![2], Valid, U![2]>::new(0);
            check(&randomized(sep, seed), &x, seed)?;
            let dw = DepthwiseConv1D::<f64, U![3], U![3], U![2], U1, Causal, U![2]>::new(0).activation(act);
            check(&randomized(dw, seed), &x, seed)?;
            let xf = random::<shape![Dyn, 3, 7; ChannelsFirst]>(batch, seed ^ 1);
            let sep = SeparableConv1D::<f64, U![3], U![4], U![3], U![2], U![2], Same, U1, ChannelsFirst>::new(0).activation(act);
            check(&randomized(sep, seed), &xf, seed)?;
            let dw = DepthwiseConv1D::<f64, U![3], U![2], U![2], U1, Valid, U![2], ChannelsFirst>::new(0);
            check(&randomized(dw.use_bias(false), seed), &xf, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![3], U![2]>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![4], U![4], U![3], Same>::new(0), seed), &x, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![3], U1, Valid, U![2]>::new(0), seed), &x, seed)?;
            // output_padding: the extra steps after the last tap (valid) and the shifted crop (same).
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![3], U![3], Valid, U1, U![2]>::new(0), seed), &x, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![4], U![2], Same, U1, U![1]>::new(0).activation(act), seed), &x, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![4], U![2], Same, U1, U![0]>::new(0), seed), &x, seed)?;
            // Channels-first, with an activation whose derivative reads the last axis (softmax over the steps).
            let xf = random::<shape![Dyn, 3, 7; ChannelsFirst]>(batch, seed);
            check(&randomized(Conv1DTranspose::<f64, U![3], U![2], U![3], U![2], Same, U1, U![1], ChannelsFirst>::new(0).activation(act), seed), &xf, seed)?;
            check(&randomized(Conv1DTranspose::<f64, U![3], U![4], U![2], U![3], Valid, U1, Inferred, ChannelsFirst>::new(0), seed), &xf, seed)?;
        }

        #[test]
        fn a_chain_of_layers(batch in 2usize..4, seed in any::<u64>()) {
            let model = (
                randomized(Conv1D::<f64, U![2], U![4], U![3], U1, Same>::new(0), seed),
                BatchNormalization::<f64, U![4]>::new(),
                Activation::Relu,
                MaxPooling1D::<U![2]>::new(),
                GlobalAveragePooling1D::new(),
                randomized(Dense::<f64, U![4], U![3]>::new(0).activation(Activation::Softmax), seed),
            );
            check(&model, &random::<shape![Dyn, 8, 2]>(batch, seed), seed)?;
        }
    }
}

/// A declared model: its generated backward pass (reverse order, gradients of values used
/// twice added) against finite differences. (The expansion's inference methods are unused
/// here, and inside this crate its path to the crate reads as an import.)
#[allow(dead_code, unused_imports)]
mod declared {
    use proptest::prelude::*;
    use shaped_layers::merge::{Add, Concatenate, Multiply};
    use shaped_layers::pool::GlobalAveragePooling1D;
    use shaped_layers::pool::{AdaptiveAveragePooling1D, AdaptiveMaxPooling1D, GlobalMaxPooling1D, KeepDims};
    use shaped_layers::reshaping::{Flatten, Permute, RepeatVector};
    use shaped_layers::{
        Activation, BatchNormalization, Conv1D, Dense, GroupNormalization, Init, LayerNormalization,
        LeakyReLU, PReLU, ReLU, SpatialDropout1D,
    };
    use shaped_shapes::{shape, Dyn, Same, U};
    use shaped_tensor::Tensor;
    use typenum::{U1, U2};

    use super::{check, random, randomized};

    crate::model! {
        /// Every kind of edge: `x` feeds three layers, `a` two, merges of two and three inputs.
        #[derive(Clone)]
        struct Graph(x: Tensor<f64, shape![Dyn, 9, 2]>) -> Tensor<f64, shape![Dyn, 3]> {
            let a = Conv1D<f64, U![2], U![4], U![3], U1, Same>(x).activation(Activation::Tanh);
            let b = Conv1D<f64, U![4], U![4], U![3], U1, Same>(a);
            let c = Conv1D<f64, U![2], U![4], U1, U1, Same>(x);
            let s = Add(a, b, c);
            let n = BatchNormalization<f64, U![4]>(s);
            let m = Multiply(n, a);
            let j = Concatenate(m, x);
            let p = GlobalAveragePooling1D(j);
            let y = Dense<f64, U![6], U![3]>(p).activation(Activation::Softmax);
            y
        }
    }

    crate::model! {
        /// The layers trained since: every one with an f64 gradient check of its own, here
        /// chained and branched in one declared model.
        #[derive(Clone)]
        struct NewLayers(x: Tensor<f64, shape![Dyn, 9, 2]>) -> Tensor<f64, shape![Dyn, 3]> {
            let c = Conv1D<f64, U![2], U![4], U![3], U1, Same>(x);
            let g = GroupNormalization<f64, U![4], U![2]>(c);
            let r = ReLU(g).with(ReLU::with_args(Some(0.8), 0.1, 0.2).unwrap());
            let m = AdaptiveMaxPooling1D<U![4]>(r);
            let v = AdaptiveAveragePooling1D<U![4]>(c);
            let s = Add(m, v);
            let t = Permute<(U2, U1)>(s);
            let n = LayerNormalization<f64, U![4]>(t);
            let a = PReLU<f64, U1, U![4]>(n);
            let l = LeakyReLU(a);
            let d = SpatialDropout1D(l).with(SpatialDropout1D::new(0.3).unwrap());
            let k = KeepDims<GlobalMaxPooling1D>(d);
            let f = Flatten(k);
            let e = RepeatVector<U![2]>(f);
            let q = KeepDims<GlobalAveragePooling1D>(e);
            let h = Flatten(q);
            let y = Dense<f64, U![4], U![3]>(h).activation(Activation::Softmax);
            y
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

        #[test]
        fn a_declared_graph(batch in 2usize..4, seed in any::<u64>()) {
            let model = randomized(Graph::new(seed), seed);
            check(&model, &random::<shape![Dyn, 9, 2]>(batch, seed), seed)?;
        }

        #[test]
        fn a_declared_model_of_the_new_layers(batch in 2usize..4, seed in any::<u64>()) {
            let model = randomized(NewLayers::new(seed), seed);
            check(&model, &random::<shape![Dyn, 9, 2]>(batch, seed), seed)?;
        }
    }
}

/// The layers trained since: normalisations over the last axis or groups, the activation
/// layers (every `ReLU` argument), channel dropout, permutations and repeats, the adaptive and
/// `keepdims` poolings, and the Embedding's table.
mod more_layers {
    use proptest::prelude::*;
    use shaped_layers::pool::{
        AdaptiveAveragePooling1D, AdaptiveMaxPooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D,
    };
    use shaped_layers::reshaping::{Permute, RepeatVector};
    use shaped_layers::{
        Embedding, GroupNormalization, LayerNormalization, LeakyReLU, PReLU, ReLU, SpatialDropout1D,
    };
    use shaped_shapes::{shape, Dyn, Shape, U};
    use shaped_tensor::{Tensor, Tokens};
    use typenum::{U1, U2};

    use super::{check, random, randomized, Lcg};
    use crate::{Backward, TrainContext, Trainable};

    /// `random` data times `scale`, to reach a ReLU's `max_value` of 6.
    fn scaled<X: Shape>(batch: usize, seed: u64, scale: f64) -> Tensor<f64, X> {
        let mut x = random::<X>(batch, seed);
        x.as_mut_slice().iter_mut().for_each(|v| *v *= scale);
        x
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn layer_normalization(batch in 1usize..4, seed in any::<u64>(), scale in any::<bool>(), center in any::<bool>(), eps in 0usize..3) {
            let eps = [1e-3, 1e-5, 0.5][eps];
            let (ones, zeros) = (vec![1.0; 4], vec![0.0; 4]);
            let ln = LayerNormalization::<f64, U![4]>::from_keras(scale.then_some(&ones[..]), center.then_some(&zeros[..]), eps).unwrap();
            let ln = randomized(ln, seed);
            check(&ln, &random::<shape![Dyn, 4]>(batch, seed), seed)?;
            check(&ln, &random::<shape![Dyn, 5, 4]>(batch, seed), seed)?;
        }

        #[test]
        fn group_normalization(batch in 1usize..4, seed in any::<u64>(), scale in any::<bool>(), center in any::<bool>()) {
            let (ones, zeros) = (vec![1.0; 6], vec![0.0; 6]);
            let (g, b) = (scale.then_some(&ones[..]), center.then_some(&zeros[..]));
            let x = random::<shape![Dyn, 5, 6]>(batch, seed);
            check(&randomized(GroupNormalization::<f64, U![6], U1>::from_keras(g, b, 1e-3).unwrap(), seed), &x, seed)?;
            check(&randomized(GroupNormalization::<f64, U![6], U![2]>::from_keras(g, b, 1e-3).unwrap(), seed), &x, seed)?;
            check(&randomized(GroupNormalization::<f64, U![6], U![3]>::from_keras(g, b, 1e-3).unwrap(), seed), &x, seed)?;
            check(&randomized(GroupNormalization::<f64, U![6], U![6]>::from_keras(g, b, 1e-3).unwrap(), seed), &x, seed)?;
            check(&randomized(GroupNormalization::<f64, U![6], U![2]>::from_keras(g, b, 1e-3).unwrap(), seed), &random::<shape![Dyn, 6]>(batch, seed), seed)?;
        }

        #[test]
        fn prelu_every_sharing(batch in 1usize..4, seed in any::<u64>()) {
            let x = random::<shape![Dyn, 5, 3]>(batch, seed);
            check(&randomized(PReLU::<f64, U![5], U![3]>::new(), seed), &x, seed)?;
            check(&randomized(PReLU::<f64, U1, U![3]>::new(), seed), &x, seed)?;
            check(&randomized(PReLU::<f64, U![5], U1>::new(), seed), &x, seed)?;
            check(&randomized(PReLU::<f64, U1, U1>::new(), seed), &x, seed)?;
        }

        #[test]
        fn relu_every_argument(batch in 1usize..4, seed in any::<u64>(), max in 0usize..4, slope in 0usize..3, thr in 0usize..3) {
            let max = [None, Some(0.6), Some(6.0), Some(0.0)][max];
            let slope = [0.0, 0.1, 0.7][slope];
            let thr = [0.0, 0.2, 3.0][thr];
            let relu = ReLU::with_args(max, slope, thr).unwrap();
            check(&relu, &random::<shape![Dyn, 6, 3]>(batch, seed), seed)?;
            // Beyond 6, and beyond a threshold of 3.
            check(&relu, &scaled::<shape![Dyn, 6, 3]>(batch, seed, 8.0), seed)?;
            check(&LeakyReLU::with_slope(slope).unwrap(), &random::<shape![Dyn, 6, 3]>(batch, seed), seed)?;
            check(&LeakyReLU::new(), &random::<shape![Dyn, 4]>(batch, seed), seed)?;
        }

        #[test]
        fn spatial_dropout_permute_repeat(batch in 1usize..4, seed in any::<u64>()) {
            let x = random::<shape![Dyn, 5, 3]>(batch, seed);
            check(&SpatialDropout1D::new(0.0).unwrap(), &x, seed)?;
            check(&SpatialDropout1D::new(0.4).unwrap(), &x, seed)?;
            check(&SpatialDropout1D::new(0.9).unwrap(), &x, seed)?;
            check(&Permute::<(U2, U1)>::new(), &x, seed)?;
            check(&Permute::<(U1, U2)>::new(), &x, seed)?;
            check(&RepeatVector::<U![3]>::new(), &random::<shape![Dyn, 4]>(batch, seed), seed)?;
            check(&RepeatVector::<U1>::new(), &random::<shape![Dyn, 4]>(batch, seed), seed)?;
        }

        #[test]
        fn adaptive_and_keepdims_pooling(batch in 1usize..4, seed in any::<u64>()) {
            let x = random::<shape![Dyn, 9, 3]>(batch, seed);
            // Output sizes that divide 9, do not, equal it and exceed it.
            check(&AdaptiveAveragePooling1D::<U![3]>::new(), &x, seed)?;
            check(&AdaptiveAveragePooling1D::<U![4]>::new(), &x, seed)?;
            check(&AdaptiveAveragePooling1D::<U![9]>::new(), &x, seed)?;
            check(&AdaptiveAveragePooling1D::<U![12]>::new(), &x, seed)?;
            check(&AdaptiveAveragePooling1D::<U1>::new(), &x, seed)?;
            check(&AdaptiveMaxPooling1D::<U![3]>::new(), &x, seed)?;
            check(&AdaptiveMaxPooling1D::<U![4]>::new(), &x, seed)?;
            check(&AdaptiveMaxPooling1D::<U![12]>::new(), &x, seed)?;
            check(&AdaptiveMaxPooling1D::<U1>::new(), &x, seed)?;
            check(&AdaptiveAveragePooling1D::<U![2]>::new(), &random::<shape![Dyn, 5, 2]>(batch, seed), seed)?;
            check(&AdaptiveMaxPooling1D::<U![3]>::new(), &random::<shape![Dyn, 5, 2]>(batch, seed), seed)?;
            check(&GlobalAveragePooling1D::new().keepdims(), &x, seed)?;
            check(&GlobalMaxPooling1D::new().keepdims(), &x, seed)?;
        }

        #[test]
        fn embedding_table(batch in 1usize..4, seed in any::<u64>()) {
            // 4 ids, 6 positions a sample: ids repeat, and the gradients of a repeated id add up.
            let mut rng = Lcg(seed);
            let ids: Vec<u32> = (0..batch * 6).map(|_| ((rng.next() + 1.0) * 2.0) as u32 % 4).collect();
            let x = Tokens::<U![4], shape![Dyn, 6]>::from_ids(&ids).unwrap();
            let emb = randomized(Embedding::<f64, U![4], U![3]>::new(0), seed);
            let objective = |e: &Embedding<f64, U![4], U![3]>, w: &[f64]| -> f64 {
                let (y, ()) = e.clone().forward_train(&x, &mut TrainContext::new(0));
                y.as_slice().iter().zip(w).map(|(a, b)| a * b).sum()
            };
            let mut ctx = TrainContext::new(0);
            let mut l = emb.clone();
            let (y, tape) = l.forward_train(&x, &mut ctx);
            let w: Vec<f64> = (0..y.len()).map(|_| rng.next()).collect();
            let mut dy = y.clone();
            dy.as_mut_slice().copy_from_slice(&w);
            let mut grads = vec![f64::NAN; emb.trainable_len()];
            emb.backward(&x, &y, tape, dy, &mut grads, &mut ctx);
            for j in 0..emb.trainable_len() {
                let moved = |delta: f64| {
                    let mut e = emb.clone();
                    e.embeddings_mut()[j] += delta;
                    objective(&e, &w)
                };
                let numeric = (moved(1e-6) - moved(-1e-6)) / 2e-6;
                prop_assert!((grads[j] - numeric).abs() <= 1e-6 * (1.0 + numeric.abs()), "row {} column {}: backward {}, finite difference {numeric}", j / 3, j % 3, grads[j]);
                // The sum over the positions holding the row's id, written out.
                let expected: f64 = ids.iter().enumerate().filter(|(_, &id)| id as usize == j / 3).map(|(p, _)| w[p * 3 + j % 3]).sum();
                prop_assert!((grads[j] - expected).abs() <= 1e-12);
            }
        }
    }

    /// Training-mode SpatialDropout1D drops whole channels of a sample (the same at every
    /// step), scales the kept ones by `1 / (1 - rate)`, draws from the context's seed, and is
    /// the identity at inference.
    #[test]
    fn spatial_dropout_drops_whole_channels() {
        use shaped_layers::Layer;
        let x = random::<shape![Dyn, 7, 16]>(8, 3);
        let mut drop = SpatialDropout1D::new(0.5).unwrap();
        let (y, _) = drop.forward_train(&x, &mut TrainContext::new(11));
        let (mut kept, mut dropped) = (0, 0);
        for n in 0..8 {
            for c in 0..16 {
                let at = |t: usize| (n * 7 + t) * 16 + c;
                let zero = y.as_slice()[at(0)] == 0.0;
                for t in 0..7 {
                    let (xv, yv) = (x.as_slice()[at(t)], y.as_slice()[at(t)]);
                    assert_eq!(yv, if zero { 0.0 } else { xv * 2.0 }, "sample {n} channel {c} step {t}");
                }
                if zero {
                    dropped += 1
                } else {
                    kept += 1
                }
            }
        }
        assert!(kept > 30 && dropped > 30, "{kept} kept, {dropped} dropped of 128");
        let (same, _) = drop.forward_train(&x, &mut TrainContext::new(11));
        assert_eq!(same, y);
        let (other, _) = drop.forward_train(&x, &mut TrainContext::new(12));
        assert_ne!(other, y);
        assert_eq!(drop.forward(&x), x);
    }

    /// ReLU's derivative at its kinks is TensorFlow's (from `GradientTape` on Keras 3.15's
    /// `ReLU` layer, tensorflow 2.21), which finite differences cannot see.
    #[test]
    fn relu_derivatives_at_the_kinks_are_tensorflows() {
        let x = Tensor::<f64, shape![1, 9]>::from_vec(vec![-2., -1., 0., 0.5, 1., 2., 5., 6., 7.]).unwrap();
        let cases: [(Option<f64>, f64, f64, [f64; 9]); 7] = [
            (None, 0.0, 0.0, [0., 0., 0., 1., 1., 1., 1., 1., 1.]),
            (Some(6.0), 0.0, 0.0, [0., 0., 0., 1., 1., 1., 1., 0., 0.]),
            (Some(5.0), 0.0, 0.0, [0., 0., 0., 1., 1., 1., 1., 0., 0.]),
            (None, 0.1, 0.0, [0.1, 0.1, 0.1, 1., 1., 1., 1., 1., 1.]),
            (None, 0.1, 1.0, [0.1, 0.1, 0.1, 0.1, 0., 1., 1., 1., 1.]),
            (Some(6.0), 0.0, 1.0, [0., 0., 0., 0., 0., 1., 1., 1., 0.]),
            (Some(5.0), 0.2, 0.0, [0.2, 0.2, 0., 1., 1., 1., 1., 0., 0.]),
        ];
        for (max, slope, thr, expected) in cases {
            let relu = ReLU::with_args(max, slope, thr).unwrap();
            let mut ctx = TrainContext::new(0);
            let (y, tape) = relu.clone().forward_train(&x, &mut ctx);
            let dy = Tensor::<f64, shape![1, 9]>::from_vec(vec![1.0; 9]).unwrap();
            let dx = relu.backward(&x, &y, tape, dy, &mut [], &mut ctx);
            assert_eq!(dx.as_slice(), &expected, "ReLU({max:?}, {slope}, {thr})");
        }
        let mut ctx = TrainContext::new(0);
        let leaky = LeakyReLU::new();
        let (y, tape) = leaky.clone().forward_train(&x, &mut ctx);
        let dx = leaky.backward(&x, &y, tape, Tensor::from_vec(vec![1.0; 9]).unwrap(), &mut [], &mut ctx);
        assert_eq!(dx.as_slice(), &[0.3, 0.3, 0.3, 1., 1., 1., 1., 1., 1.]);
    }
}
