//! Fuzz target `weight_file`: see `entries.rs` (also replayed by `tests/fuzz_corpus.rs`).
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::weight_file(data));
