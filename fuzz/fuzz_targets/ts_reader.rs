//! Fuzz target `ts_reader`: see `entries.rs` (also replayed by `tests/fuzz_corpus.rs`).
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::ts_reader(data));
