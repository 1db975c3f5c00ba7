//! `pad_sequences` against real Keras output (`tests/data/pad_sequences.json`, written by
//! `tools/gen_pad_sequences.py` with `keras.utils.pad_sequences`).

use serde_json::Value;
use shaped_io::{pad_sequences, pad_sequences_multi, PadOptions, PadReport, Side};
use shaped_shapes::{Dyn, Shape, StaticDim, U};
use shaped_tensor::{Element, Tensor};

fn golden() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pad_sequences.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("golden file")).expect("golden JSON")
}

fn side(v: &Value) -> Side {
    match v.as_str() {
        Some("pre") => Side::Pre,
        Some("post") => Side::Post,
        other => panic!("unexpected side {other:?}"),
    }
}

/// The inputs as `f64` sequences of steps of channels (univariate: one channel per step).
fn sequences(v: &Value) -> Vec<Vec<Vec<f64>>> {
    v.as_array()
        .expect("list of sequences")
        .iter()
        .map(|s| {
            s.as_array()
                .expect("sequence")
                .iter()
                .map(|step| match step {
                    Value::Array(ch) => ch.iter().map(|c| c.as_f64().expect("number")).collect(),
                    n => vec![n.as_f64().expect("number")],
                })
                .collect()
        })
        .collect()
}

/// Keras's expected report, computed from the lengths.
fn expected_report(lengths: &[usize], maxlen: usize) -> (usize, usize, usize, usize) {
    let padded = lengths.iter().filter(|&&n| n < maxlen).count();
    let truncated = lengths.iter().filter(|&&n| n > maxlen).count();
    let dropped: usize = lengths.iter().map(|&n| n.saturating_sub(maxlen)).sum();
    let max_dropped = lengths.iter().map(|&n| n.saturating_sub(maxlen)).max().unwrap_or(0);
    (padded, truncated, dropped, max_dropped)
}

fn check_report(report: &PadReport, lengths: &[usize], maxlen: usize) {
    let (padded, truncated, dropped, max_dropped) = expected_report(lengths, maxlen);
    assert_eq!(report.padded, padded);
    assert_eq!(report.truncated, truncated);
    assert_eq!(report.steps_dropped, dropped);
    assert_eq!(report.max_steps_dropped, max_dropped);
    assert_eq!(report.steps_padded, lengths.iter().map(|&n| maxlen.saturating_sub(n)).sum::<usize>());
    assert_eq!(report.sequences, lengths.len());
}

/// Pads `seqs` as `E` to length `L` with `C` channels and compares with Keras's values.
fn run<E: Element + num_traits_like::FromF64, L: StaticDim, C: StaticDim>(
    seqs: &[Vec<Vec<f64>>],
    options: &PadOptions<E>,
    keras: &Value,
    label: &str,
) where
    (Dyn, L, C): Shape,
    (Dyn, L, U![1]): Shape,
{
    let cast = |v: f64| -> E { E::from_f64(v) };
    let converted: Vec<Vec<Vec<E>>> =
        seqs.iter().map(|s| s.iter().map(|st| st.iter().map(|&v| cast(v)).collect()).collect()).collect();
    let (x, report): (Tensor<E, (Dyn, L, C)>, _) =
        pad_sequences_multi(&converted, options).unwrap_or_else(|e| panic!("{label}: {e}"));
    let shape: Vec<usize> =
        keras["shape"].as_array().expect("shape").iter().map(|d| d.as_u64().expect("dim") as usize).collect();
    assert_eq!(x.dims()[..2], shape[..2], "{label}: shape");
    let expected: Vec<E> =
        keras["values"].as_array().expect("values").iter().map(|v| cast(v.as_f64().expect("v"))).collect();
    assert_eq!(x.as_slice(), expected.as_slice(), "{label}: values");
    let lengths: Vec<usize> = seqs.iter().map(Vec::len).collect();
    check_report(&report, &lengths, L::USIZE);

    // The univariate entry point gives the same result.
    if C::USIZE == 1 {
        let flat: Vec<Vec<E>> = converted.iter().map(|s| s.iter().map(|st| st[0]).collect()).collect();
        let (x1, report1) =
            pad_sequences::<E, L, _>(&flat, options).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(x1.as_slice(), x.as_slice(), "{label}: univariate");
        assert_eq!(report1, report);
    }
}

/// `f64` to `E` as numpy's `astype` does (round to nearest).
mod num_traits_like {
    pub trait FromF64 {
        fn from_f64(v: f64) -> Self;
    }
    impl FromF64 for f32 {
        fn from_f64(v: f64) -> Self {
            v as f32
        }
    }
    impl FromF64 for f64 {
        fn from_f64(v: f64) -> Self {
            v
        }
    }
}

macro_rules! dispatch {
    ($maxlen:expr, $c:ty, $seqs:expr, $opts32:expr, $opts64:expr, $case:expr, $label:expr, [$($n:literal),*]) => {
        match $maxlen {
            $( $n => {
                run::<f32, U![$n], $c>($seqs, $opts32, &$case["output"]["float32"], &format!("{} f32", $label));
                if $case["output"].get("float64").is_some() {
                    run::<f64, U![$n], $c>($seqs, $opts64, &$case["output"]["float64"], &format!("{} f64", $label));
                }
            } )*
            other => panic!("no type for maxlen {other}"),
        }
    };
}

#[test]
fn every_keras_case_matches() {
    let g = golden();
    assert!(g["keras"].as_str().is_some_and(|v| v.starts_with('3')), "recorded keras version");
    let cases = g["cases"].as_array().expect("cases");
    assert!(cases.len() >= 50);
    for case in cases {
        let input = case["input"].as_str().expect("input");
        let seqs = sequences(&g["inputs"][input]);
        let longest = seqs.iter().map(Vec::len).max().unwrap_or(0);
        let value = case["value"].as_f64().expect("value");
        let maxlen_none = case["maxlen"].is_null();
        let maxlen = case["maxlen"].as_u64().map_or(longest, |m| m as usize);
        let mut o32 = PadOptions::<f32>::new()
            .padding(side(&case["padding"]))
            .truncating(side(&case["truncating"]))
            .value(value as f32);
        let mut o64 = PadOptions::<f64>::new()
            .padding(side(&case["padding"]))
            .truncating(side(&case["truncating"]))
            .value(value);
        if maxlen_none {
            o32 = o32.require_longest();
            o64 = o64.require_longest();
        }
        let label = format!(
            "{input} maxlen={maxlen} padding={} truncating={} value={value}",
            case["padding"], case["truncating"]
        );
        if input == "uni" {
            dispatch!(maxlen, U![1], &seqs, &o32, &o64, case, label, [4, 8, 10]);
        } else {
            dispatch!(maxlen, U![3], &seqs, &o32, &o64, case, label, [4, 7, 9]);
        }
    }
}

/// Keras's int32 default zeroes float data (catalog row `seed_example2_fix_pad_sequences_int32`);
/// the element type here is the data's, so nothing is lost.
#[test]
fn keras_int32_default_loses_what_the_typed_version_keeps() {
    let g = golden();
    let keras = &g["int32_default_uni_maxlen6_post"];
    assert_eq!(keras["dtype"], "int32");
    let seqs: Vec<Vec<f32>> =
        sequences(&g["inputs"]["uni"]).iter().map(|s| s.iter().map(|st| st[0] as f32).collect()).collect();
    let (x, _) = pad_sequences::<f32, U![6], _>(&seqs, &PadOptions::new().padding(Side::Post)).expect("pad");
    let keras_values: Vec<f64> =
        keras["values"].as_array().expect("values").iter().map(|v| v.as_f64().expect("v")).collect();
    let differ = x.as_slice().iter().zip(&keras_values).filter(|(a, b)| f64::from(**a) != **b).count();
    let nonzero = x.as_slice().iter().filter(|v| **v != 0.0).count();
    assert!(
        differ > 0 && differ == nonzero,
        "int32 truncated every non-integer value: {differ} of {nonzero}"
    );
}

#[test]
fn require_longest_is_keras_maxlen_none() {
    let seqs = vec![vec![1.0f32; 3], vec![2.0; 5]];
    let err = pad_sequences::<f32, U![4], _>(&seqs, &PadOptions::new().require_longest()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the longest sequence has 5 time steps but the tensor length is 4 (maxlen=None pads to the longest: make the length type 5)"
    );
    let (x, report) =
        pad_sequences::<f32, U![5], _>(&seqs, &PadOptions::new().require_longest()).expect("fits");
    assert_eq!(x.dims(), vec![2, 5, 1]);
    assert!(report.is_lossless());
}

#[test]
fn forbid_truncation_names_the_first_long_sequence() {
    let seqs = vec![vec![1.0f64; 3], vec![2.0; 7], vec![3.0; 9]];
    let err = pad_sequences::<f64, U![5], _>(&seqs, &PadOptions::new().forbid_truncation()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sequence 1 has 7 time steps, more than maxlen 5: truncation would drop 2 steps and was forbidden"
    );
}

#[test]
fn report_counts_truncation() {
    let seqs = vec![vec![1.0f32; 3], vec![2.0; 7], vec![3.0; 9], vec![]];
    let (_, report) = pad_sequences::<f32, U![5], _>(&seqs, &PadOptions::new()).expect("pad");
    assert_eq!(report.truncated, 2);
    assert_eq!(report.steps_dropped, 6);
    assert_eq!(report.max_steps_dropped, 4);
    assert_eq!(report.first_truncated, Some(1));
    assert_eq!(report.padded, 2);
    assert_eq!(report.steps_padded, 7);
    assert_eq!((report.longest, report.shortest), (9, 0));
    assert_eq!(
        report.to_string(),
        "4 sequences to length 5 (longest 9, shortest 0): 2 padded (7 steps added), 2 truncated \
         (6 steps dropped, at most 4 from one sequence; first: sequence 1)"
    );
}

#[test]
fn channel_count_is_checked_at_every_step() {
    let seqs = vec![vec![vec![1.0f32, 2.0]; 4], vec![vec![1.0, 2.0], vec![1.0, 2.0], vec![1.0, 2.0, 3.0]]];
    let err = pad_sequences_multi::<f32, U![3], U![2], _, _>(&seqs, &PadOptions::new()).unwrap_err();
    assert_eq!(err.to_string(), "sequence 1, time step 2 has 3 channels, expected 2");
    // Even a step that truncation would drop is checked.
    let err = pad_sequences_multi::<f32, U![2], U![2], _, _>(
        &seqs[..1].iter().cloned().chain([vec![vec![0.0]]]).collect::<Vec<_>>(),
        &PadOptions::new(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "sequence 1, time step 0 has 1 channels, expected 2");
}

#[test]
fn empty_batch_and_empty_sequences() {
    let none: Vec<Vec<f32>> = vec![];
    let (x, report) = pad_sequences::<f32, U![4], _>(&none, &PadOptions::new()).expect("empty batch");
    assert_eq!(x.dims(), vec![0, 4, 1]);
    assert_eq!(report.sequences, 0);
    let empties: Vec<Vec<f32>> = vec![vec![], vec![]];
    let (x, _) = pad_sequences::<f32, U![2], _>(&empties, &PadOptions::new().value(-1.0)).expect("empties");
    assert_eq!(x.as_slice(), &[-1.0; 4]);
}

#[test]
fn arrays_of_channels_are_accepted() {
    let seqs: Vec<Vec<[f64; 2]>> = vec![vec![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]];
    let opts = PadOptions::new().truncating(Side::Post).padding(Side::Post);
    let (x, report) = pad_sequences_multi::<f64, U![2], U![2], _, _>(&seqs, &opts).expect("pad");
    assert_eq!(x.as_slice(), &[1.0, 2.0, 3.0, 4.0]);
    assert_eq!(report.steps_dropped, 1);
}
