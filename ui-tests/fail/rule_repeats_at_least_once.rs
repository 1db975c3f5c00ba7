// Shape rule `RepeatsAtLeastOnce`: RepeatVector(0); Keras raises "Argument `n` should be a positive integer. Received: n=0".
use shaped::prelude::*;

fn main() {
    let _repeat = RepeatVector::<U![0]>::new();
}
