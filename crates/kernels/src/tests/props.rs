//! Property tests: random shapes, strides, dilations, paddings, groups and layouts.

use proptest::prelude::*;

use super::support::{check, Case, RefConv};
use crate::Layout;

fn case() -> impl Strategy<Value = (Case, bool, u64)> {
    (
        (0usize..3, 0usize..40, 1usize..6, 1usize..4, 1usize..40, 1usize..6),
        (1usize..4, 1usize..4, 0usize..6, 0usize..6),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<u64>()),
    )
        .prop_map(|((batch, length, cig, groups, fog, k), (stride, dilation, pl, pr), flags)| {
            let (relu, bias, first, f64s, depthwise, seed) = flags;
            let (in_channels, filters, groups) = if depthwise {
                (groups * cig, groups * cig, groups * cig)
            } else {
                (groups * cig, groups * fog, groups)
            };
            let conv = RefConv {
                batch,
                length,
                in_channels,
                filters,
                kernel_size: k,
                stride,
                dilation,
                groups,
                pad_left: pl,
                pad_right: pr,
                relu,
            };
            let layout = if first { Layout::ChannelsFirst } else { Layout::ChannelsLast };
            (Case { conv, bias, layout }, f64s, seed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    #[cfg_attr(miri, ignore = "too slow under Miri; the edge cases cover the portable path")]
    fn matches_reference((case, f64s, seed) in case()) {
        if f64s {
            check::<f64>(&case, seed);
        } else {
            check::<f32>(&case, seed);
        }
    }
}
