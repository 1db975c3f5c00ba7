// Catalog row `fit_y_1d_vs_dense1`: a Dense(1) output (N, 1) with labels given as one value per sample, MSE; Keras accepts (N,) labels and trains (loss=0.8928). Here the labels are written as the output's shape, (N, 1), from the same values.
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec((0..8 * 20).map(|i| (i % 7) as f32 / 7.0).collect()).unwrap();
    let values = [0.5f32, 1.0, 0.0, 2.0, 1.5, 0.5, 1.0, 0.0];
    let y = Tensor::<f32, shape![Dyn, 1]>::from_vec(values.to_vec()).unwrap();
    let model = (Conv1D::<f32, U![1], U![8], U![3]>::new(0), GlobalAveragePooling1D::new(), Dense::<f32, U![8], U![1]>::new(1));
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError);
    let history = trainer.fit(&x, &y, FitOptions::new().epochs(3).verbose(0)).unwrap();
    assert_eq!(history.get("loss").unwrap().len(), 3);
}
