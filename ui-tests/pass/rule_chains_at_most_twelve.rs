// Shape rule `ChainsAtMostTwelve`, passing twin of `fail/rule_chains_at_most_twelve.rs`: the 13 layers in two nested tuples chain (a tuple of layers is itself a layer).
use shaped::prelude::*;

fn main() {
    type X = Tensor<f32, shape![Dyn, 20, 4]>;
    type C = Conv1D<f32, U![4], U![4], U![3], U![1], Same>;
    let model = Sequential::<X, _>::new((
        (C::new(0), C::new(1), C::new(2), C::new(3), C::new(4), C::new(5), C::new(6)),
        (C::new(7), C::new(8), C::new(9), C::new(10), C::new(11), C::new(12)),
    ));
    let y: Tensor<f32, shape![Dyn, 20, 4]> = model.forward(&X::zeros_with_batch(2).unwrap());
    assert_eq!(y.batch(), 2);
}
