// Catalog row `fit_units_vs_labels_cce`: Flatten then Dense(3, softmax), one-hot labels of 5 classes, categorical cross-entropy; Keras raises ValueError "Arguments target and output must have the same shape".
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::CategoricalCrossentropy;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(vec![0.0; 8 * 20]).unwrap();
    let model = (Flatten::new(), Dense::<f32, U![20], U![3]>::new(1).activation(Activation::Softmax));
    let y = Tensor::<f32, shape![Dyn, 5]>::from_vec(vec![0.2; 8 * 5]).unwrap();
    let mut trainer = Trainer::new(model, Adam::new(), CategoricalCrossentropy::new());
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
