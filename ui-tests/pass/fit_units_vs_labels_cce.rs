// Catalog row `fit_units_vs_labels_cce`, the fix: Flatten then Dense(3, softmax), one-hot labels of 5 classes, categorical cross-entropy; Keras raises ValueError "Arguments target and output must have the same shape".
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::CategoricalCrossentropy;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_vec(vec![0.0; 8 * 20]).unwrap();
    let model = (Flatten::new(), Dense::<f32, U![20], U![3]>::new(1).activation(Activation::Softmax));
    let y = Tensor::<f32, shape![Dyn, 3]>::from_vec(vec![1.0 / 3.0; 8 * 3]).unwrap();
    let mut trainer = Trainer::new(model, Adam::new(), CategoricalCrossentropy::new());
    let history = trainer.fit(&x, &y, FitOptions::new().verbose(0)).unwrap();
    assert_eq!(history.epochs(), 1);
}
