//! A declared model with the layers trained since `training_models.rs` (LayerNormalization,
//! PReLU, SpatialDropout1D, a keepdims pooling) compiles through `shaped::model!`, and `fit`
//! lowers its loss on small seeded data. The whole model's gradient against finite differences
//! is checked in `f64` by `shaped-train`'s gradcheck (`a_declared_model_of_the_new_layers`).

use shaped::layers::pool::{GlobalAveragePooling1D, KeepDims};
use shaped::layers::reshaping::Flatten;
use shaped::layers::{Activation, Conv1D, Dense, LayerNormalization, PReLU, SpatialDropout1D};
use shaped::shapes::{shape, Dyn, Same, U};
use shaped::tensor::Tensor;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;

shaped::model! {
    /// A convolution, LayerNormalization, a PReLU shared over time, channel dropout, a
    /// keepdims average and a softmax classifier.
    pub struct Net16(x: Tensor<f32, shape![Dyn, 12, 2]>) -> Tensor<f32, shape![Dyn, 2]> {
        let c = Conv1D<f32, U![2], U![4], U![3], U![1], Same>(x);
        let n = LayerNormalization<f32, U![4]>(c);
        let a = PReLU<f32, U![1], U![4]>(n);
        let d = SpatialDropout1D(a).with(SpatialDropout1D::new(0.25).unwrap());
        let p = KeepDims<GlobalAveragePooling1D>(d);
        let f = Flatten(p);
        let y = Dense<f32, U![4], U![2]>(f).activation(Activation::Softmax);
        y
    }
}

/// 64 sequences of 12 steps and 2 channels, uniform in [-1, 1); the class is whether channel
/// 0's first half sums higher than its second half (a rule the model can learn).
fn data() -> (Tensor<f32, shape![Dyn, 12, 2]>, ClassLabels<Dyn, U![2]>) {
    let mut s = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    };
    let values: Vec<f32> = (0..64 * 24).map(|_| next()).collect();
    let labels = values
        .chunks_exact(24)
        .map(|sample| {
            let half = |r: core::ops::Range<usize>| r.map(|t| sample[t * 2]).sum::<f32>();
            usize::from(half(0..6) > half(6..12))
        })
        .collect();
    (Tensor::from_vec(values).unwrap(), ClassLabels::new(labels).unwrap())
}

#[test]
fn the_declared_model_of_the_new_layers_trains() {
    let (x, y) = data();
    let model = Net16::new(3);
    assert_eq!(model.spatial_dropout1d.rate(), 0.25, "the declaration's rate reaches the layer");
    let mut trainer =
        Trainer::new(model, Adam::new().learning_rate(0.02), SparseCategoricalCrossentropy::new());
    let history = trainer.fit(&x, &y, FitOptions::new().epochs(8).batch_size(16).seed(5).verbose(0)).unwrap();
    let loss = history.get("loss").unwrap();
    assert_eq!(loss.len(), 8);
    assert!(loss.iter().all(|l| l.is_finite()), "{loss:?}");
    assert!(loss[7] < loss[0] * 0.9, "the training loss falls by a tenth at least: {loss:?}");
    // The same seeds give the same run (SpatialDropout1D's masks come from fit's context).
    let mut again =
        Trainer::new(Net16::new(3), Adam::new().learning_rate(0.02), SparseCategoricalCrossentropy::new());
    let repeat = again.fit(&x, &y, FitOptions::new().epochs(8).batch_size(16).seed(5).verbose(0)).unwrap();
    assert_eq!(repeat.get("loss").unwrap(), loss);
}

/// An Embedding first in a chain trains through `fit` on token ids: its table gets the
/// gradient of the rows the ids picked (the ids themselves have none), and the loss falls.
#[test]
fn an_embedding_chain_trains_on_token_ids() {
    use shaped::layers::pool::GlobalAveragePooling1D;
    use shaped::layers::Embedding;
    use shaped::tensor::Tokens;
    // 48 sequences of 8 ids in 0..6; class 1 when id 5 occurs more often than id 0.
    let mut s = 42u64;
    let ids: Vec<u32> = (0..48 * 8)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 33) % 6) as u32
        })
        .collect();
    let labels = ids
        .chunks_exact(8)
        .map(|r| usize::from(r.iter().filter(|&&i| i == 5).count() > r.iter().filter(|&&i| i == 0).count()))
        .collect();
    let x = Tokens::<U![6], shape![Dyn, 8]>::from_ids(&ids).unwrap();
    let y = ClassLabels::<Dyn, U![2]>::new(labels).unwrap();
    let model = (
        Embedding::<f32, U![6], U![4]>::new(1),
        GlobalAveragePooling1D::new(),
        Dense::<f32, U![4], U![2]>::new(2).activation(Activation::Softmax),
    );
    let before = model.0.embeddings().to_vec();
    let mut trainer =
        Trainer::new(model, Adam::new().learning_rate(0.05), SparseCategoricalCrossentropy::new());
    let history = trainer.fit(&x, &y, FitOptions::new().epochs(10).batch_size(8).seed(2).verbose(0)).unwrap();
    let loss = history.get("loss").unwrap();
    assert!(loss[9] < loss[0] * 0.9, "the training loss falls by a tenth at least: {loss:?}");
    let trained = trainer.into_model();
    assert!(
        trained.0.embeddings().iter().zip(&before).all(|(a, b)| a != b),
        "every row was picked and moved"
    );
}
