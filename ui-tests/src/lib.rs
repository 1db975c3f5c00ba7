//! The compile-fail suite of `shaped` (no library code: see `tests/ui.rs`).
//!
//! Each file `fail/<catalog_id>.rs` is one Keras mistake from `tests/golden/keras_value_errors.json`
//! that `shaped` turns into a compile error; its `.stderr` is the reviewed error a user sees.
//! Each `pass/<catalog_id>.rs` is the fix, which compiles and runs.
