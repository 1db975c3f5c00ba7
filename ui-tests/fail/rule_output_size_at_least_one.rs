// Shape rule `OutputSizeAtLeastOne`: AdaptiveAveragePooling1D(output_size=0), which has no bin to pool into.
use shaped::prelude::*;

fn main() {
    let _pool = AdaptiveAveragePooling1D::<U![0]>::new();
}
