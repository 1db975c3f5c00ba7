// Argument rule `dropout!`: Dropout(1.5); Keras raises ValueError "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5".
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let drop = dropout!(1.5);
    let _y = drop.forward(&x);
}
