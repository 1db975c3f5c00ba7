// Shape rule `SizeAtLeastOne` (no catalog row): UpSampling1D(size=0) would return an empty sequence.
use shaped::prelude::*;

fn main() {
    let _up = UpSampling1D::<U![0]>::new();
}
