// Argument rule `dropout!`, the fix: a rate in [0, 1); a rate known only at run time goes through `Dropout::new`, whose `Result` names it.
use shaped::prelude::*;

fn main() {
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let drop = dropout!(0.5);
    let y = drop.forward(&x);
    assert_eq!(y, x);
    let rate: f64 = std::env::args().count() as f64 + 0.5;
    assert!(Dropout::new(rate).is_err());
}
