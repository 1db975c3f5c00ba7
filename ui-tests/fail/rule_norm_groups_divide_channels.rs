// Shape rule `NormGroupsDivideChannels`: GroupNormalization(groups=4) on 6 channels; Keras raises "Number of groups (4) must be a multiple of the number of channels (6)".
use shaped::prelude::*;

fn main() {
    let _norm = GroupNormalization::<f32, U![6], U![4]>::new();
}
