// Shape rule `ChainsAtMostTwelve` (no catalog row): a Sequential of 13 layers in one tuple; Keras has no such limit, here the error says what the limit is and how to go past it.
use shaped::prelude::*;

fn main() {
    type X = Tensor<f32, shape![Dyn, 20, 4]>;
    type C = Conv1D<f32, U![4], U![4], U![3], U![1], Same>;
    let model = Sequential::<X, _>::new((
        C::new(0), C::new(1), C::new(2), C::new(3), C::new(4), C::new(5), C::new(6),
        C::new(7), C::new(8), C::new(9), C::new(10), C::new(11), C::new(12),
    ));
    let _y = model.forward(&X::zeros_with_batch(2).unwrap());
}
