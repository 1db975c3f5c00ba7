//! Sizes from run time never wrap, panic or abort: batches whose element count or byte size
//! overflows are `ShapeError::TooLarge` (checked arithmetic, so the same in debug and release
//! builds: `cargo test --test overflow` and `cargo test --release --test overflow`), and a
//! zero-sized sample refuses data. Reader sizes from files are in `crates/io/tests/limits.rs`
//! and the fuzz corpus replay.

use shaped::prelude::*;
use shaped::tensor::ShapeError;

fn too_large(e: ShapeError, batch: usize, sample_len: usize) {
    assert_eq!(e, ShapeError::TooLarge { batch, sample_len }, "{e}");
    assert!(e.to_string().contains(&batch.to_string()), "{e}");
}

#[test]
fn huge_batches_are_errors_not_wrapped_sizes() {
    type X = Tensor<f32, shape![Dyn, 20, 1]>;
    // 2^62 + 1 samples of 20: 20 * (2^62 + 1) wraps to 20 in 64 bits.
    let batch = (1usize << 62) + 1;
    too_large(X::zeros_with_batch(batch).unwrap_err(), batch, 20);
    too_large(X::len_for_batch(batch).unwrap_err(), batch, 20);
    too_large(X::from_fn_with_batch(batch, |_| 0.0).unwrap_err(), batch, 20);
    // 2^57 samples: the element count fits, the bytes (2^57 * 20 * 4) do not.
    too_large(X::zeros_with_batch(1 << 57).unwrap_err(), 1 << 57, 20);
    too_large(X::zeros_with_batch(usize::MAX).unwrap_err(), usize::MAX, 20);
    // The largest batch whose bytes fit is accepted by the size check (not allocated here).
    let max = isize::MAX as usize / (20 * 4);
    assert_eq!(X::len_for_batch(max).unwrap(), max * 20);
    too_large(X::len_for_batch(max + 1).unwrap_err(), max + 1, 20);
    // f64 halves the largest batch.
    type Y = Tensor<f64, shape![Dyn, 20, 1]>;
    too_large(Y::len_for_batch(max).unwrap_err(), max, 20);
}

#[test]
fn the_workspace_checks_sizes_too() {
    let mut ws = Workspace::new();
    let batch = (1usize << 62) + 1;
    let e = ws.zeros::<f32, shape![Dyn, 20, 1]>(batch).unwrap_err();
    too_large(e, batch, 20);
    let e = ws.tensor::<f32, shape![Dyn, 4]>(usize::MAX / 2).unwrap_err();
    too_large(e, usize::MAX / 2, 4);
    assert_eq!(ws.bytes(), 0, "nothing was allocated");
}

#[test]
fn zero_sized_samples_refuse_data() {
    type Z = Tensor<f32, shape![Dyn, 0, 3]>;
    assert!(Z::from_vec(vec![1.0; 5]).is_err());
    assert!(Z::from_slice(&[1.0; 3]).is_err());
    assert!(Z::from_vec_cast(&[1i32; 6]).is_err());
    // No data: a batch of zero samples (the batch of an empty sample is unknowable).
    let empty = Z::from_vec(Vec::new()).unwrap();
    assert_eq!(empty.len(), 0);
    // A huge batch of empty samples holds no element and fits.
    assert_eq!(Z::len_for_batch(usize::MAX).unwrap(), 0);
}

#[test]
fn pad_sequences_sizes_are_checked() {
    // maxlen 0 with data: no wrap, no panic.
    let seqs: Vec<Vec<f32>> = vec![vec![1.0, 2.0]; 3];
    let (x, report) = pad_sequences::<f32, U![0], _>(&seqs, &PadOptions::new()).unwrap();
    assert_eq!((x.batch(), x.len(), report.truncated, report.steps_dropped), (3, 0, 3, 6));
    let (x, report) = pad_sequences::<f32, U![2], _>(&seqs, &PadOptions::new()).unwrap();
    assert_eq!((x.batch(), report.sequences), (3, 3));
}
