// Catalog row `wrong_length_variable_flatten`: Input((None, 1)) -> Conv1D -> Flatten -> Dense: the Dense kernel's input width is unknown; Keras raises ValueError "Shapes used to initialize variables must be fully-defined (no `None` dimensions)".
use shaped::prelude::*;

fn main() {
    let dense: Dense<f32, Dyn, U![1]> = Dense::new(0);
    let _ = dense;
}
