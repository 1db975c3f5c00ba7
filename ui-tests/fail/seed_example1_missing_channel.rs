// Catalog row `seed_example1_missing_channel`: seed Example 1: tf.random.normal((100, 20)) into Conv1D(32, 3, input_shape=(20, 1)); Keras 3 silently adds the channel axis.
use shaped::prelude::*;

fn main() {
    let input_data = Tensor::<f32, shape![100, 20]>::zeros();
    let conv: Conv1D<f32, U![1], U![32], U![3]> = Conv1D::new(0).activation(Activation::Relu);
    let _y = conv.forward(&input_data);
}
