// Held-out mistake: a 2-class classifier trained with one-hot labels of 10 classes; Keras raises "Shapes (None, 10) and (None, 2) are incompatible".
use shaped::prelude::*;

use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::CategoricalCrossentropy;
use shaped::train::optim::Adam;

fn main() {
    let model = (
        Conv1D::<f32, U![1], U![8], U![3]>::new(0),
        GlobalAveragePooling1D::new(),
        Dense::<f32, U![8], U![2]>::new(1).activation(Activation::Softmax),
    );
    let x = Tensor::<f32, shape![Dyn, 40, 1]>::zeros_with_batch(16).unwrap();
    let y = Tensor::<f32, shape![Dyn, 10]>::zeros_with_batch(16).unwrap();
    let mut trainer = Trainer::new(model, Adam::new(), CategoricalCrossentropy::new());
    let _history = trainer.fit(&x, &y, FitOptions::new().verbose(0));
}
