// Catalog row `fit_units_vs_labels_mse_broadcast`: Flatten then Dense(3), labels (N, 1), MSE; Keras broadcasts the labels to the 3 units and trains silently (loss=1.871).
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(vec![0.0; 8 * 20]).unwrap();
    let model = (Flatten::new(), Dense::<f32, U![20], U![3]>::new(1));
    let y = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![0.0; 8]).unwrap();
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError);
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
