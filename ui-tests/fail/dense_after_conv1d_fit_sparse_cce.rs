// Catalog row `dense_after_conv1d_fit_sparse_cce`: Conv1D then Dense(3, softmax) without Flatten, fit with class labels (N,); Keras raises ValueError "Argument output must have rank (ndim) target.ndim - 1".
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::{ClassLabels, SparseCategoricalCrossentropy};
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(vec![0.0; 8 * 20]).unwrap();
    let y = ClassLabels::<Dyn, U![3]>::new(vec![0, 1, 2, 0, 1, 2, 0, 1]).unwrap();
    let model = (Conv1D::<f32, U![1], U![8], U![3]>::new(0), Dense::<f32, U![8], U![3]>::new(1).activation(Activation::Softmax));
    let mut trainer = Trainer::new(model, Adam::new(), SparseCategoricalCrossentropy::new());
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
