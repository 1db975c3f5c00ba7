//! The readers' limits and their treatment of non-finite values: every limit of `TsLimits`
//! and `WeightLimits` refused with its name, in linear time (no timing is asserted: the sizes
//! here would take minutes with a quadratic reader), and `nan`, `inf` and out-of-range numbers
//! refused by default.

use std::fmt::Write as _;

use shaped_io::{
    TsDataset, TsErrorKind, TsLimit, TsLimits, TsOptions, WeightError, WeightFile, WeightLimit, WeightLimits,
    WeightWriter,
};

fn header_with_labels(n: usize) -> String {
    let mut text = String::from("@classLabel true");
    for i in 0..n {
        write!(text, " c{i}").unwrap();
    }
    text.push_str("\n@data\n");
    text
}

#[test]
fn non_finite_values_are_refused_by_default_and_accepted_on_request() {
    for (value, message) in [
        ("nan", "\"nan\" is not a finite number; TsOptions::allow_non_finite accepts NaN and infinities"),
        ("-inf", "\"-inf\" is not a finite number"),
        ("Infinity", "\"Infinity\" is not a finite number"),
        ("1e39", "\"1e39\" is out of the range of float32 (it reads as inf)"),
        ("-3.5e38", "\"-3.5e38\" is out of the range of float32 (it reads as -inf)"),
    ] {
        let text = format!("@classLabel true a\n@data\n1,2:a\n1,{value}:a\n");
        let err = TsDataset::<f32>::parse(&text).unwrap_err();
        assert_eq!(err.line(), Some(4), "{value}");
        assert!(err.to_string().starts_with("line 4: dimension 0, step 1: "), "{err}");
        assert!(err.to_string().contains(message), "{value}: {err}");
        assert!(matches!(err.kind(), TsErrorKind::NonFinite { step: 1, dtype: "float32", .. }));
        let data = TsDataset::<f32>::parse_with(&text, &TsOptions::new().allow_non_finite(true)).unwrap();
        assert!(!data.case(1).unwrap()[1].is_finite(), "{value}");
    }
    // 1e39 is a finite f64.
    let data = TsDataset::<f64>::parse("@classLabel true a\n@data\n1,1e39:a\n").unwrap();
    assert_eq!(data.case(0).unwrap()[1], 1e39);
    // `?` is a missing value: an error by default, NaN on request (and not a non-finite value).
    let text = "@missing true\n@classLabel true a\n@data\n1,?:a\n";
    let err = TsDataset::<f32>::parse(text).unwrap_err();
    assert!(matches!(err.kind(), TsErrorKind::MissingValue { dimension: 0, step: 1 }), "{err}");
    assert!(err.to_string().contains("TsOptions::missing_as_nan"), "{err}");
    let data = TsDataset::<f32>::parse_with(text, &TsOptions::new().missing_as_nan(true)).unwrap();
    assert!(data.case(0).unwrap()[1].is_nan());
}

#[test]
fn many_class_labels_parse_in_linear_time() {
    // 100,000 labels (the default limit): a quadratic duplicate check makes 5e9 comparisons.
    let n = TsLimits::default().max_labels;
    let mut text = header_with_labels(n);
    text.push_str(&format!("1,2:c{}\n3,4:c0\n", n - 1));
    let data = TsDataset::<f32>::parse(&text).unwrap();
    assert_eq!(data.class_names().len(), n);
    assert_eq!(data.labels(), &[n - 1, 0]);
    // A duplicate at the very end is found.
    let dup = header_with_labels(n - 1).replacen("\n@data", " c7\n@data", 1);
    let err = TsDataset::<f32>::parse(&dup).unwrap_err();
    assert_eq!(err.to_string(), "line 1: @classLabel lists \"c7\" twice");
    // An unknown label names a few of the labels and how many there are, not all of them.
    let mut unknown = header_with_labels(n);
    unknown.push_str("1,2:nope\n");
    let err = TsDataset::<f32>::parse(&unknown).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: unknown class label \"nope\", expected one of c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 ... (100000 labels)"
    );
    // One more label than the limit.
    let err = TsDataset::<f32>::parse(&header_with_labels(n + 1)).unwrap_err();
    assert!(matches!(
        err.kind(),
        TsErrorKind::Limit { limit: TsLimit::Labels, found: 100_001, max: 100_000 }
    ));
}

#[test]
fn every_ts_limit_is_enforced() {
    let text = "@classLabel true a b\n@data\n1,2,3:a\n4,5,6:b\n7,8,9:a\n";
    assert!(TsDataset::<f32>::parse(text).is_ok());
    let with = |limits: TsLimits| TsDataset::<f32>::parse_with(text, &TsOptions::new().limits(limits));
    let base = TsLimits::default();

    let err = with(TsLimits { max_bytes: 20, ..base.clone() }).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the file is {} bytes, more than the limit of 20 (TsLimits::max_bytes)", text.len())
    );
    let err = TsDataset::<f32>::from_bytes_with(
        text.as_bytes(),
        &TsOptions::new().limits(TsLimits { max_bytes: 20, ..base.clone() }),
    )
    .unwrap_err();
    assert!(matches!(err.kind(), TsErrorKind::Limit { limit: TsLimit::Bytes, max: 20, .. }));

    let err = with(TsLimits { max_line_bytes: 10, ..base.clone() }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: the line is 20 bytes long, more than the limit of 10 (TsLimits::max_line_bytes)"
    );

    let err = with(TsLimits { max_labels: 1, ..base.clone() }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: @classLabel lists 2 labels, more than the limit of 1 (TsLimits::max_labels)"
    );

    let err = with(TsLimits { max_cases: 2, ..base.clone() }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: the file has 3 cases or more, more than the limit of 2 (TsLimits::max_cases)"
    );
    assert_eq!(with(TsLimits { max_cases: 3, ..base }).unwrap().len(), 3);
}

#[test]
fn ts_read_with_checks_the_size_before_reading() {
    let dir = std::env::temp_dir().join(format!("shaped-io-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("toy.ts");
    std::fs::write(&path, "@classLabel true a\n@data\n1,2:a\n").unwrap();
    let small = TsOptions::new().limits(TsLimits { max_bytes: 8, ..TsLimits::default() });
    let err = TsDataset::<f32>::read_with(&path, &small).unwrap_err();
    assert!(matches!(err.kind(), TsErrorKind::Limit { limit: TsLimit::Bytes, found: 31, max: 8 }), "{err}");
    assert_eq!(TsDataset::<f32>::read(&path).unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A safetensors file whose header lists `n` empty tensors (then `tail` inside the JSON).
fn empty_tensors(n: usize, tail: &str) -> Vec<u8> {
    let mut header = String::from("{");
    for i in 0..n {
        write!(header, "\"{i}\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}},").unwrap();
    }
    header.pop();
    header.push_str(tail);
    header.push('}');
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(header.as_bytes());
    bytes
}

#[test]
fn a_huge_well_formed_header_is_refused_before_it_is_parsed() {
    // 1.7 million empty tensors: a well-formed header of about 100 MB (the safetensors crate's
    // own limit), refused by its size.
    let bytes = empty_tensors(1_700_000, "");
    assert!(bytes.len() > 90_000_000 && bytes.len() < 100_000_000, "{}", bytes.len());
    let err = WeightFile::from_bytes(bytes).unwrap_err();
    assert!(
        matches!(err, WeightError::Limit { limit: WeightLimit::HeaderBytes, max: 16_777_216, .. }),
        "{err}"
    );

    // Under the size limit with more tensors than allowed: refused by the count before the
    // JSON is parsed (the header ends in garbage the parser would report).
    let bytes = empty_tensors(100_001, ",\"x\": not json");
    assert!(bytes.len() < 16 << 20);
    let err = WeightFile::from_bytes(bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file has 100001 tensors or more, more than the limit of 100000 (WeightLimits::max_tensors)"
    );
    // The limit itself is fine (the parser reads it).
    let file = WeightFile::from_bytes(empty_tensors(100_000, "")).unwrap();
    assert_eq!(file.len(), 100_000);
    // ... and garbage at the limit is the parser's error, not the limit's.
    let err = WeightFile::from_bytes(empty_tensors(10, ",\"x\": not json")).unwrap_err();
    assert!(matches!(err, WeightError::InvalidHeader { .. }), "{err}");
}

#[test]
fn every_weight_limit_is_enforced() {
    let mut w = WeightWriter::new();
    w.add("a", &[2], &[1.0f32, 2.0]).unwrap();
    w.add("b", &[1], &[3.0f32]).unwrap();
    let bytes = w.to_bytes().unwrap();
    let base = WeightLimits::default();
    let len = bytes.len() as u64;

    let limits = WeightLimits { max_file_bytes: len - 1, ..base.clone() };
    let err = WeightFile::from_bytes_with(bytes.clone(), &limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the file is {len} bytes, more than the limit of {} (WeightLimits::max_file_bytes)", len - 1)
    );
    let limits = WeightLimits { max_header_bytes: 10, ..base.clone() };
    let err = WeightFile::from_bytes_with(bytes.clone(), &limits).unwrap_err();
    assert!(matches!(err, WeightError::Limit { limit: WeightLimit::HeaderBytes, max: 10, .. }), "{err}");
    let limits = WeightLimits { max_tensors: 1, ..base.clone() };
    let err = WeightFile::from_bytes_with(bytes.clone(), &limits).unwrap_err();
    assert!(matches!(err, WeightError::Limit { limit: WeightLimit::Tensors, found: 2, max: 1 }), "{err}");
    let limits = WeightLimits { max_tensors: 2, ..base };
    assert_eq!(WeightFile::from_bytes_with(bytes, &limits).unwrap().len(), 2);
}

#[test]
fn keras_files_are_held_to_the_limits() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/models/gunpoint_cnn_flatten");
    for name in ["model.keras", "model.h5", "weights.safetensors"] {
        let path = format!("{dir}/{name}");
        let file = WeightFile::read(&path).unwrap();
        let n = file.len();
        let limits = WeightLimits { max_tensors: n - 1, ..WeightLimits::default() };
        let err = WeightFile::read_with(&path, &limits).unwrap_err();
        assert!(matches!(err, WeightError::Limit { limit: WeightLimit::Tensors, .. }), "{name}: {err}");
        let limits = WeightLimits { max_file_bytes: 1000, ..WeightLimits::default() };
        let err = WeightFile::read_with(&path, &limits).unwrap_err();
        assert!(
            matches!(err, WeightError::Limit { limit: WeightLimit::FileBytes, max: 1000, .. }),
            "{name}: {err}"
        );
    }
    // A .keras archive's config.json is its header.
    let limits = WeightLimits { max_header_bytes: 100, ..WeightLimits::default() };
    let err = WeightFile::read_with(format!("{dir}/model.keras"), &limits).unwrap_err();
    assert!(matches!(err, WeightError::Limit { limit: WeightLimit::HeaderBytes, max: 100, .. }), "{err}");
}

#[test]
fn weight_read_checks_the_header_before_the_data() {
    let dir = std::env::temp_dir().join(format!("shaped-io-weight-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A header length of 20 MB in a file that has it: refused from its first 8 bytes.
    let mut bytes = (20u64 << 20).to_le_bytes().to_vec();
    bytes.resize(8 + (20 << 20), b' ');
    let path = dir.join("big-header.safetensors");
    std::fs::write(&path, &bytes).unwrap();
    let err = WeightFile::read(&path).unwrap_err();
    assert!(
        matches!(err, WeightError::Limit { limit: WeightLimit::HeaderBytes, found, .. } if found == 20 << 20),
        "{err}"
    );
    // A header with too many tensors, then data the file does not have: the count comes first.
    let mut bytes = empty_tensors(1_001, "");
    bytes.extend_from_slice(&[0u8; 64]);
    let path = dir.join("many.safetensors");
    std::fs::write(&path, &bytes).unwrap();
    let limits = WeightLimits { max_tensors: 1_000, ..WeightLimits::default() };
    let err = WeightFile::read_with(&path, &limits).unwrap_err();
    assert!(matches!(err, WeightError::Limit { limit: WeightLimit::Tensors, .. }), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
