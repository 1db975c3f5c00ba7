//! The `.ts` reader never panics: random bytes, and valid files with random edits.
//!
//! Bounded so that it runs in seconds; for a longer run:
//! `PROPTEST_CASES=100000 cargo test -p shaped-io --test ts_fuzz --release`.

use proptest::prelude::*;
use shaped_io::TsDataset;
use shaped_shapes::U;

const VALID: &str = "# comment\n@problemName Fuzz\n@univariate false\n@dimensions 2\n@equalLength true\n\
@seriesLength 3\n@classLabel true a b\n@data\n1.5,2,3:4,5e-3,-6:a\n7,8,9:10,11,12:b\n";

/// Pieces a mutation may insert: the format's own punctuation and keywords.
const PIECES: &[&str] = &[
    ":",
    ",",
    "\n",
    "@",
    "#",
    "?",
    "@data",
    "@classLabel true",
    "@dimensions 99999999999999999999",
    "@seriesLength 0",
    "nan",
    "-inf",
    "1e999",
    "",
    " ",
    "\r",
    "a",
    "b",
    "c",
    "\u{fffd}",
    "é",
];

/// `PROPTEST_CASES` if set, else `default` (bounded so that the test runs in seconds).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn exercise(bytes: &[u8]) {
    if let Ok(d) = TsDataset::<f32>::from_bytes(bytes) {
        // Every conversion must also be total.
        let _ = d.to_tensor::<U![3], U![2]>();
        let _ = d.to_tensor::<U![0], U![0]>();
        let _ = d.sequences_array::<2>();
        let _ = d.sequences_array::<0>();
        let _ = d.sequences();
        let _ = d.label_counts();
    }
    let _ = TsDataset::<f64>::from_bytes(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        exercise(&bytes);
    }

    #[test]
    fn edited_valid_files_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4, any::<prop::sample::Index>(), any::<u8>()), 1..6)
    ) {
        let mut bytes = VALID.as_bytes().to_vec();
        for (at, op, piece, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 => { if i < bytes.len() { bytes.remove(i); } }
                2 => { let p = PIECES[piece.index(PIECES.len())]; bytes.splice(i..i, p.bytes()); }
                _ => bytes.truncate(i),
            }
        }
        exercise(&bytes);
    }
}

#[test]
fn the_unedited_file_is_valid() {
    let d = TsDataset::<f32>::parse(VALID).expect("valid");
    assert_eq!(
        d.to_tensor::<U![3], U![2]>().expect("tensor").as_slice(),
        &[1.5, 4.0, 2.0, 0.005, 3.0, -6.0, 7.0, 10.0, 8.0, 11.0, 9.0, 12.0]
    );
}
