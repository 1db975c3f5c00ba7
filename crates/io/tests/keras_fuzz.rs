//! Mutated Keras files (`.keras` archives and `.h5` files): bit flips, byte changes,
//! truncation, inserted and deleted bytes, and huge size fields. Reading never panics, and no
//! single allocation is larger than a small multiple of the input: every size the file claims
//! is checked against the bytes it has before anything is allocated. The result is an error or
//! a file whose tensors can all be taken.
//!
//! `PROPTEST_CASES` sets the number of cases of each property (default 300); for a long run:
//! `PROPTEST_CASES=20000 cargo test -p shaped-io --release --test keras_fuzz`.
#![cfg(feature = "keras")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use proptest::prelude::*;
use shaped_io::WeightFile;

/// The system allocator, recording the largest single allocation of the current thread.
struct Tracking;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    // `try_with`: no panic if the thread is being torn down.
    let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
    let _ = TOTAL.try_with(|t| t.set(t.get().saturating_add(size)));
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s contract;
// `note` only writes a const-initialised thread-local `Cell` (no allocation, no reentrancy).
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: forwarded with the caller's layout, as the caller guarantees for us.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: `ptr` and `layout` come from `System`, as the caller guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("test data")
}

/// One edit of a file.
#[derive(Clone, Debug)]
enum Edit {
    /// Flip bit `bit` of the byte at `at`.
    Flip(prop::sample::Index, u8),
    /// Set the byte at `at`.
    Set(prop::sample::Index, u8),
    /// Write 2, 4 or 8 bytes of `0xFF` (a huge size, length or address field) at `at`.
    Huge(prop::sample::Index, u8),
    /// Insert a byte.
    Insert(prop::sample::Index, u8),
    /// Delete a byte.
    Delete(prop::sample::Index),
    /// Cut the file.
    Truncate(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), 0u8..8).prop_map(|(i, b)| Edit::Flip(i, b)),
        2 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        2 => (any::<prop::sample::Index>(), 0u8..3).prop_map(|(i, w)| Edit::Huge(i, w)),
        1 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        1 => any::<prop::sample::Index>().prop_map(Edit::Delete),
        1 => any::<prop::sample::Index>().prop_map(Edit::Truncate),
    ]
}

/// Applies the edits; `focus` bytes at the start (and, for zip archives, the end) get half of
/// them, where the superblock, root group and central directory are.
fn apply(mut bytes: Vec<u8>, edits: &[Edit], focus: usize, tail: bool) -> Vec<u8> {
    for (n, e) in edits.iter().enumerate() {
        if bytes.is_empty() {
            break;
        }
        let len = bytes.len();
        let place = |i: &prop::sample::Index| {
            if n % 2 == 0 {
                i.index(len)
            } else if tail && n % 4 == 1 {
                len - 1 - i.index(focus.min(len))
            } else {
                i.index(focus.min(len))
            }
        };
        match e {
            Edit::Flip(i, b) => {
                let at = place(i);
                bytes[at] ^= 1 << b;
            }
            Edit::Set(i, v) => {
                let at = place(i);
                bytes[at] = *v;
            }
            Edit::Huge(i, w) => {
                let at = place(i);
                let end = (at + (2usize << w)).min(len);
                bytes[at..end].fill(0xFF);
            }
            Edit::Insert(i, v) => {
                let at = place(i);
                bytes.insert(at, *v);
            }
            Edit::Delete(i) => {
                let at = place(i);
                bytes.remove(at);
            }
            Edit::Truncate(i) => bytes.truncate(i.index(len)),
        }
    }
    bytes
}

/// The `config.json` and `model.weights.h5` of the tiny archive (stored entries).
fn archive_parts() -> (String, Vec<u8>) {
    let zip = data("tiny_trained.keras");
    let mut parts = (String::new(), Vec::new());
    let mut at = 0;
    while zip[at..].starts_with(b"PK\x03\x04") {
        let u16_at = |i: usize| usize::from(u16::from_le_bytes([zip[at + i], zip[at + i + 1]]));
        let size = u32::from_le_bytes(zip[at + 18..at + 22].try_into().expect("4 bytes")) as usize;
        let (name_len, extra) = (u16_at(26), u16_at(28));
        let name = &zip[at + 30..at + 30 + name_len];
        let body = &zip[at + 30 + name_len + extra..at + 30 + name_len + extra + size];
        match name {
            b"config.json" => parts.0 = String::from_utf8(body.to_vec()).expect("utf-8"),
            b"model.weights.h5" => parts.1 = body.to_vec(),
            _ => {}
        }
        at += 30 + name_len + extra + size;
    }
    assert!(!parts.0.is_empty() && !parts.1.is_empty());
    parts
}

/// Reads the bytes (with `config`: as a Keras 3 `model.weights.h5`) and takes every tensor;
/// returns whether the file was read, and checks the largest allocation.
fn exercise(bytes: Vec<u8>) -> bool {
    exercise_with(bytes, None)
}

fn exercise_with(bytes: Vec<u8>, config: Option<&str>) -> bool {
    let len = bytes.len();
    LARGEST.with(|l| l.set(0));
    TOTAL.with(|t| t.set(0));
    let file = match config {
        Some(config) => WeightFile::from_keras_weights_h5(&bytes, config),
        None => WeightFile::from_bytes(bytes),
    };
    let read = match file {
        Ok(mut file) => {
            let names: Vec<String> = file.names().map(str::to_string).collect();
            for name in names {
                let shape = file.shape(&name).map(<[usize]>::to_vec).unwrap_or_default();
                let f = file.tensor::<f32>(&name, &shape);
                let d = file.tensor::<f64>(&name, &shape);
                let i = file.tensor_i64(&name, &shape);
                assert!(f.is_ok() || d.is_ok() || i.is_ok(), "{name}: no element type takes it");
            }
            let _ = file.finish_strict();
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    };
    let largest = LARGEST.with(Cell::get);
    // The reader's own copies are at most the input's size; Vec growth doubles.
    let bound = 4 * len + (1 << 20);
    assert!(largest <= bound, "an allocation of {largest} bytes for a {len}-byte input");
    // All allocations of the case added up (freed or not): the step budget and the caps on
    // copied data and text keep a hostile file from making the reader churn through memory.
    let total = TOTAL.with(Cell::get);
    assert!(total <= 64 * len + (16 << 20), "{total} bytes allocated in all for a {len}-byte input");
    MOST.with(|m| m.set(m.get().max(total)));
    read
}

thread_local! {
    /// The largest total of one case, for the statistics.
    static MOST: Cell<usize> = const { Cell::new(0) };
}

#[test]
fn the_unedited_files_read() {
    for name in ["tiny_trained.keras", "tiny_trained.h5"] {
        assert!(exercise(data(name)), "{name}");
    }
    let (config, h5) = archive_parts();
    assert!(exercise_with(h5, Some(&config)));
}

/// A fixed run of single edits (xorshift), counting the files read and rejected: the edits
/// must reach both outcomes, or the properties below would test nothing.
#[test]
fn single_edits_reach_both_outcomes() {
    let (config, weights_h5) = archive_parts();
    let inputs =
        [("tiny_trained.h5", data("tiny_trained.h5"), None), ("model.weights.h5", weights_h5, Some(config))];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (name, good, config) in &inputs {
        let (mut read, mut rejected) = (0, 0);
        for _ in 0..2000 {
            let mut bytes = good.clone();
            let at = (next() as usize) % bytes.len();
            bytes[at] ^= 1 << (next() % 8);
            if exercise_with(bytes, config.as_deref()) {
                read += 1;
            } else {
                rejected += 1;
            }
        }
        eprintln!(
            "{name}: 2000 single bit flips, {read} read, {rejected} rejected with an error; at most {} bytes \
             allocated in all by one case ({} bytes input)",
            MOST.with(Cell::get),
            good.len()
        );
        assert!(read > 100 && rejected > 20, "{name}: {read} read, {rejected} rejected");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    /// Mutated `.keras` archives (stored zip entries: the HDF5 file inside is mutated too).
    #[test]
    fn mutated_keras_archives_never_panic(edits in proptest::collection::vec(edit(), 1..8)) {
        exercise(apply(data("tiny_trained.keras"), &edits, 512, true));
    }

    /// Mutated Keras 3 `model.weights.h5` files, read with their config.
    #[test]
    fn mutated_keras_3_weights_never_panic(edits in proptest::collection::vec(edit(), 1..8)) {
        let (config, h5) = archive_parts();
        exercise_with(apply(h5, &edits, 2048, false), Some(&config));
    }

    /// Mutated legacy `.h5` files.
    #[test]
    fn mutated_h5_files_never_panic(edits in proptest::collection::vec(edit(), 1..8)) {
        exercise(apply(data("tiny_trained.h5"), &edits, 2048, false));
    }
}

fn bundled_h5() -> Vec<u8> {
    let path = format!("{}/../../data/models/gunpoint_cnn_flatten/model.h5", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).expect("bundled model")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300) / 3 + 1, ..ProptestConfig::default() })]

    /// The bundled GunPoint model's `.h5` (117 KB: 12 tensors, variable-length string
    /// attributes in the global heap), the file on which `hdf5-reader` allocated > 8 GB.
    #[test]
    fn mutated_bundled_model_never_panics(edits in proptest::collection::vec(edit(), 1..8)) {
        exercise(apply(bundled_h5(), &edits, 4096, false));
    }
}
