// Catalog row `fit_batch_size_gt_n`: fit with batch_size=64 on 10 samples; Keras runs one batch of 10 per epoch. So does `fit`: the last (here the only) batch is partial.
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::{Adam, Optimizer};

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec((0..10 * 20).map(|i| (i % 5) as f32).collect()).unwrap();
    let y = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![1.0; 10]).unwrap();
    let model = (Conv1D::<f32, U![1], U![4], U![3]>::new(0), GlobalAveragePooling1D::new(), Dense::<f32, U![4], U![1]>::new(1));
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError);
    let history = trainer.fit(&x, &y, FitOptions::new().epochs(3).batch_size(64).verbose(0)).unwrap();
    assert_eq!(history.epochs(), 3);
    assert_eq!(trainer.optimizer().iterations(), 3); // one step per epoch
}
