//! Declared models train and their trained weights round-trip through the weight files the
//! project reads.

use shaped::io::{WeightFile, WeightWriter};
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;
use shaped_models::GunPointResNet;

/// The GunPoint ResNet (a `model!` declaration) trained from scratch for a few epochs: the
/// training loss falls, and the trained weights saved by Keras name load back into a fresh
/// model that predicts the same.
#[test]
fn the_declared_resnet_trains_and_its_weights_round_trip() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/datasets/GunPoint/GunPoint_TRAIN.ts");
    let data = TsDataset::<f32>::read(path).unwrap();
    let x = data.to_tensor::<U![150], U![1]>().unwrap();
    let y = ClassLabels::<Dyn, U![2]>::new(data.labels().to_vec()).unwrap();
    let mut trainer = Trainer::new(GunPointResNet::new(0), Adam::new(), SparseCategoricalCrossentropy::new());
    let history = trainer.fit(&x, &y, FitOptions::new().epochs(4).batch_size(10).seed(1).verbose(0)).unwrap();
    let loss = history.get("loss").unwrap();
    assert!(loss[3] < loss[0], "the training loss falls: {loss:?}");
    let trained = trainer.into_model();
    let mut w = WeightWriter::new();
    trained.save_weights(&mut w).unwrap();
    let file = std::env::temp_dir().join(format!("shaped-trained-resnet-{}.safetensors", std::process::id()));
    w.write(&file).unwrap();
    let mut loaded = GunPointResNet::new(7);
    let mut src = WeightFile::read(&file).unwrap();
    loaded.load_weights(&mut src).unwrap();
    std::fs::remove_file(&file).ok();
    let (a, b) = (trained.forward(&x), loaded.forward(&x));
    assert_eq!(a.as_slice(), b.as_slice(), "the loaded model predicts exactly as the trained one");
}
