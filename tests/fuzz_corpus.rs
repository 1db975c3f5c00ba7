//! Replays every file of the fuzz corpus (`fuzz/corpus/<target>/`) through the same entry
//! points as the libFuzzer targets (`fuzz/entries.rs`): each must return `Ok` or a clean `Err`,
//! never panic. The corpus holds the seeds and what fuzzing kept (see `fuzz/README.md`); a
//! crash found by fuzzing is added here once fixed.

#[path = "../fuzz/entries.rs"]
mod entries;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target}: {} panicked", path.display());
    }
    files.len()
}

#[test]
fn ts_reader_corpus() {
    assert!(replay("ts_reader", entries::ts_reader) >= 5);
}

#[test]
fn weight_file_corpus() {
    assert!(replay("weight_file", entries::weight_file) >= 5);
}

#[test]
fn pad_sequences_corpus() {
    assert!(replay("pad_sequences", entries::pad_sequences) >= 3);
}

#[test]
fn tensor_entry_corpus() {
    assert!(replay("tensor_entry", entries::tensor_entry) >= 3);
}
