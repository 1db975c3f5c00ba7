// Catalog row `wrong_channel_count_fit`, the fix: 2-channel data (8, 20, 2) into a model built for (20, 1), then fit; Keras raises ValueError "expected axis -1 of input shape to have value 1".
use shaped::prelude::*;
use shaped::train::fit::{FitOptions, Trainer};
use shaped::train::loss::MeanSquaredError;
use shaped::train::optim::Adam;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 2]>::from_vec(vec![0.0; 8 * 20 * 2]).unwrap();
    let y = Tensor::<f32, shape![Dyn, 1]>::from_vec(vec![0.0; 8]).unwrap();
    let model = (Conv1D::<f32, U![2], U![8], U![3]>::new(0), GlobalAveragePooling1D::new(), Dense::<f32, U![8], U![1]>::new(1));
    let mut trainer = Trainer::new(model, Adam::new(), MeanSquaredError);
    let history = trainer.fit(&x, &y, FitOptions::new().verbose(0)).unwrap();
    assert_eq!(history.epochs(), 1);
}
