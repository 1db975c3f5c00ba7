// Held-out mistake: a per-step regressor (batch, 50, 1) trained with MSE against labels of shape (batch, 1); Keras broadcasts the labels over the time steps silently.
use shaped::prelude::*;

use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::Adam;

fn main() {
    let model = Conv1D::<f32, U![2], U![1], U![3], U![1], Same>::new(0);
    let x = Tensor::<f32, shape![Dyn, 50, 2]>::zeros_with_batch(16).unwrap();
    let y = Tensor::<f32, shape![Dyn, 1]>::zeros_with_batch(16).unwrap();
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError::new());
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
