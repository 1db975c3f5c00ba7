// Shape rule `LengthsAgree`, passing twin of `fail/rule_fork_branch_mismatch.rs`: both branches use padding='same', so both keep 50 steps and concatenate to 16 channels.
use shaped::prelude::*;

fn main() {
    type X = Tensor<f32, shape![Dyn, 50, 4]>;
    let inception = Sequential::<X, _>::new((
        Fork::new((
            Conv1D::<f32, U![4], U![8], U![3], U![1], Same>::new(0),
            Conv1D::<f32, U![4], U![8], U![5], U![1], Same>::new(1),
        )),
        Concatenate::new(),
    ));
    let y: Tensor<f32, shape![Dyn, 50, 16]> = inception.forward(&X::zeros_with_batch(2).unwrap());
    assert_eq!(y.batch(), 2);
}
