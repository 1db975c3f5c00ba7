//! Edge shapes, each on every path, both layouts, `f32` and `f64`.

use super::support::{check_all, conv, RefConv};

/// `full` normally, `miri` under Miri (where every case costs seconds).
fn sizes<T: Clone>(full: &[T], miri: &[T]) -> Vec<T> {
    if cfg!(miri) { miri } else { full }.to_vec()
}

fn pads(c: RefConv, pad_left: usize, pad_right: usize) -> RefConv {
    RefConv { pad_left, pad_right, ..c }
}

#[test]
fn smallest() {
    check_all(conv(1, 5, 1, 1, 3), true, 1);
    check_all(conv(1, 1, 1, 1, 1), false, 2);
}

#[test]
fn filters_not_a_multiple_of_the_vector() {
    for f in sizes(&[1, 7, 9, 15, 17, 31, 33, 47, 65, 70], &[7, 9]) {
        check_all(pads(conv(2, 17, 3, f, 3), 1, 1), f % 2 == 0, f as u64);
    }
}

#[test]
fn lengths_around_the_tile() {
    for l in sizes(&[1, 2, 3, 5, 6, 7, 11, 12, 13, 25, 37], &[3, 5]) {
        check_all(conv(1, l, 4, 20, 1), true, l as u64);
        check_all(pads(conv(1, l, 2, 40, 2), 0, 1), true, 100 + l as u64);
    }
}

#[test]
fn kernel_longer_than_the_input() {
    check_all(pads(conv(2, 2, 3, 5, 5), 2, 2), true, 3);
    check_all(pads(conv(1, 1, 2, 3, 7), 3, 3), true, 4);
    // No tap ever reads the input: the output is the bias.
    check_all(pads(conv(1, 0, 2, 3, 3), 2, 2), true, 5);
}

#[test]
fn stride_and_dilation() {
    for (s, d) in sizes(&[(1, 2), (2, 1), (3, 2), (2, 3), (4, 4)], &[(3, 2)]) {
        let c = RefConv { stride: s, dilation: d, ..pads(conv(2, 23, 5, 20, 3), 3, 1) };
        check_all(c, true, (s * 10 + d) as u64);
    }
    // S5-like: causal dilated.
    check_all(RefConv { dilation: 4, ..pads(conv(1, 30, 8, 24, 3), 8, 0) }, true, 9);
    // S2-like: one channel, long kernel, stride 4.
    check_all(RefConv { stride: 4, ..conv(1, if cfg!(miri) { 24 } else { 120 }, 1, 64, 20) }, true, 10);
}

#[test]
fn groups() {
    check_all(pads(RefConv { groups: 2, ..conv(2, 11, 4, 6, 3) }, 1, 1), true, 11);
    check_all(pads(RefConv { groups: 3, stride: 2, dilation: 2, ..conv(1, 19, 6, 9, 3) }, 2, 0), true, 12);
    check_all(RefConv { groups: 2, ..conv(1, 9, 8, 68, 2) }, false, 13);
}

#[test]
fn depthwise() {
    for c in sizes(&[1, 5, 16, 35, 83], &[5, 9]) {
        check_all(pads(RefConv { groups: c, ..conv(2, 13, c, c, 3) }, 1, 1), true, c as u64);
    }
    let c = if cfg!(miri) { 9 } else { 83 };
    check_all(RefConv { groups: c, stride: 2, dilation: 3, ..pads(conv(1, 20, c, c, 4), 4, 2) }, false, 14);
    // Channel multiplier 2 and 3.
    check_all(pads(RefConv { groups: 4, ..conv(2, 9, 4, 8, 3) }, 1, 1), true, 15);
    check_all(RefConv { groups: 5, relu: true, ..conv(1, 9, 5, 15, 2) }, true, 16);
}

#[test]
fn relu_and_no_bias() {
    check_all(RefConv { relu: true, ..pads(conv(2, 15, 3, 33, 3), 2, 0) }, true, 17);
    check_all(RefConv { relu: true, ..conv(1, 15, 3, 33, 3) }, false, 18);
    check_all(RefConv { relu: true, groups: 3, ..conv(1, 15, 3, 3, 3) }, false, 19);
}

#[test]
fn empty_batch_and_empty_output() {
    check_all(conv(0, 10, 3, 4, 3), true, 20);
    check_all(conv(2, 2, 3, 4, 3), true, 21);
}

#[test]
fn larger_problem() {
    let (l, f) = if cfg!(miri) { (9, 20) } else { (70, 72) };
    check_all(pads(conv(2, l, 20, f, 4), 3, 0), true, 22);
    check_all(RefConv { dilation: 2, ..pads(conv(2, l, 20, f, 3), 2, 2) }, true, 23);
}

#[test]
fn reductions_longer_than_one_cache_block() {
    // Reduction blocks hold 32 KiB of packed weights: 128 steps for 64 f32 filters, 1024 for
    // the portable 8-lane f32 vector. Merged taps (no dilation) and whole-tap blocks.
    if cfg!(miri) {
        // The portable path's blocks only: merged taps, then one tap per block.
        check_all(pads(conv(1, 3, 300, 3, 4), 1, 1), true, 25);
        check_all(RefConv { dilation: 2, relu: true, ..pads(conv(1, 3, 600, 2, 2), 1, 1) }, true, 26);
        return;
    }
    check_all(pads(conv(1, 30, 140, 70, 5), 2, 2), true, 24);
    check_all(pads(conv(1, 30, 300, 70, 4), 1, 2), true, 25);
    check_all(RefConv { dilation: 2, relu: true, ..pads(conv(1, 30, 300, 70, 3), 2, 2) }, true, 26);
    check_all(RefConv { dilation: 2, ..pads(conv(1, 30, 600, 20, 2), 1, 1) }, true, 27);
    check_all(RefConv { groups: 2, ..conv(1, 30, 600, 140, 2) }, false, 28);
}

#[test]
fn edges_wider_than_a_tile() {
    // More padded positions than a tile has rows, on both sides, with every position of a
    // group reading a different set of taps (the edge groups' common-tap tiles and their
    // one-row remainders).
    check_all(pads(conv(2, 30, 3, 40, 15), 7, 7), true, 22);
    check_all(RefConv { relu: true, ..pads(conv(1, 12, 5, 70, 16), 9, 6) }, false, 23);
    let grouped = RefConv { groups: 2, dilation: 2, ..pads(conv(2, 25, 4, 34, 7), 6, 6) };
    check_all(grouped, true, 24);
    check_all(RefConv { stride: 3, ..pads(conv(1, 40, 6, 20, 9), 8, 8) }, true, 25);
}
