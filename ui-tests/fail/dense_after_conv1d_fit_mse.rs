// Catalog row `dense_after_conv1d_fit_mse`: Conv1D then Dense(1) without Flatten, fit with labels (N, 1) and MSE; Keras broadcasts the labels over the 18 time steps and trains silently (loss=1.885).
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(vec![0.0; 8 * 20]).unwrap();
    let y = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![0.0; 8]).unwrap();
    let model = (Conv1D::<f32, U![1], U![8], U![3]>::new(0), Dense::<f32, U![8], U![1]>::new(1));
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError);
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
