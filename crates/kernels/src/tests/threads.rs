//! Results do not depend on the thread count.

use super::support::{isas, values};
use crate::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout, Parallelism};

fn outputs(spec: Conv1dSpec, geo: Conv1dGeometry, seed: u64) -> Vec<Vec<u32>> {
    let x: Vec<f32> = values(geo.input_len(&spec), seed).into_iter().map(|v| v as f32).collect();
    let w: Vec<f32> = values(spec.kernel_len(), seed + 1).into_iter().map(|v| v as f32).collect();
    let b: Vec<f32> = values(spec.filters, seed + 2).into_iter().map(|v| v as f32).collect();
    let mut runs = Vec::new();
    for isa in isas() {
        let weights = Conv1dWeights::from_keras(spec, &w, Some(&b)).unwrap().with_isa(isa);
        let run = |weights: &Conv1dWeights<f32>| {
            let mut y = vec![0.0f32; geo.output_len(&spec)];
            weights.forward(&geo, &x, &mut y).unwrap();
            y.iter().map(|v| v.to_bits()).collect::<Vec<u32>>()
        };
        let seq = run(&weights.clone().with_parallelism(Parallelism::Sequential));
        #[cfg(feature = "parallel")]
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert!(
                pool.install(|| run(&weights)) == seq,
                "{isa:?}: {threads} threads differ from sequential"
            );
        }
        runs.push(seq);
    }
    runs
}

#[test]
#[cfg_attr(miri, ignore = "threads under Miri are slow; the kernel code is covered elsewhere")]
fn thread_count_does_not_change_the_bits() {
    let spec = Conv1dSpec {
        in_channels: 32,
        filters: 48,
        kernel_size: 5,
        stride: 1,
        dilation: 1,
        groups: 1,
        activation: Activation::Relu,
    };
    for layout in [Layout::ChannelsLast, Layout::ChannelsFirst] {
        let geo = Conv1dGeometry { batch: 3, length: 400, pad_left: 2, pad_right: 2, layout };
        outputs(spec, geo, 1);
    }
    // A transcendental activation fused into the epilogue, and softmax as its own pass.
    for activation in [Activation::Tanh, Activation::Gelu, Activation::Softmax] {
        let geo =
            Conv1dGeometry { batch: 3, length: 400, pad_left: 2, pad_right: 2, layout: Layout::ChannelsLast };
        outputs(Conv1dSpec { activation, ..spec }, geo, 3);
    }
    let dw = Conv1dSpec { in_channels: 100, filters: 100, groups: 100, kernel_size: 7, ..spec };
    let geo =
        Conv1dGeometry { batch: 2, length: 2000, pad_left: 3, pad_right: 3, layout: Layout::ChannelsLast };
    outputs(dw, geo, 2);
}
