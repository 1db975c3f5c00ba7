// Catalog row `data_format_invalid`: Conv1D(data_format='NCL'); Keras raises ValueError "The `data_format` argument must be one of {'channels_first', 'channels_last'}".
use shaped::prelude::*;

fn main() {
    let conv: Conv1D<f32, U![1], U![4], U![3], U![1], Valid, U![1], U![1], NCL> = Conv1D::new(0);
    let _ = conv;
}
