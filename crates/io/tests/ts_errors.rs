//! Every `.ts` reader error, with its message and line.

use shaped_io::{TsDataset, TsErrorKind};

const HEAD: &str =
    "@problemName T\n@univariate false\n@dimensions 2\n@equalLength false\n@classLabel true a b\n@data\n";

/// Parses `text` and returns the error message.
fn err(text: &str) -> String {
    TsDataset::<f32>::parse(text).map(|_| ()).unwrap_err().to_string()
}

#[test]
fn valid_minimal_file() {
    let d = TsDataset::<f32>::parse(&format!("{HEAD}1,2:3,4:a\n\n# comment\n5:6:b\r\n")).expect("valid");
    assert_eq!(d.len(), 2);
    assert_eq!(d.labels(), &[0, 1]);
    assert_eq!(d.line_of(1), Some(10));
}

#[test]
fn bad_number() {
    assert_eq!(
        err(&format!("{HEAD}1,2:3,x4:a\n")),
        "line 7: dimension 1, step 1: expected a number, found \"x4\""
    );
    assert_eq!(
        err(&format!("{HEAD}1,,2:3,4,5:a\n")),
        "line 7: dimension 0, step 1: expected a number, found \"\""
    );
}

#[test]
fn wrong_dimension_count() {
    assert_eq!(err(&format!("{HEAD}1,2:3,4:5,6:a\n")), "line 7: expected 2 dimensions, found 3");
    // Without @dimensions, the first case sets the count.
    let text = "@classLabel true a\n@data\n1:2:a\n1:a\n";
    assert_eq!(err(text), "line 4: expected 2 dimensions, found 1");
}

#[test]
fn missing_data_line() {
    assert_eq!(
        err("@problemName T\n@classLabel true a\n"),
        "line 3: no @data line: the file ends inside the header"
    );
    assert_eq!(err(""), "line 1: no @data line: the file ends inside the header");
}

#[test]
fn unknown_label() {
    assert_eq!(err(&format!("{HEAD}1:2:c\n")), "line 7: unknown class label \"c\", expected one of a b");
}

#[test]
fn missing_label() {
    assert_eq!(
        err("@classLabel true a\n@data\n1,2,3\n"),
        "line 3: expected `dimension:...:label`, found no `:` before the class label"
    );
}

#[test]
fn inconsistent_lengths_within_a_case() {
    assert_eq!(
        err(&format!("{HEAD}1,2,3:4,5:a\n")),
        "line 7: dimension 1 has 2 values, expected 3 (the length of dimension 0: the dimensions of a case must have equal lengths)"
    );
}

#[test]
fn series_length_mismatch() {
    let text = "@equalLength true\n@seriesLength 3\n@classLabel true a\n@data\n1,2,3:a\n1,2:a\n";
    assert_eq!(err(text), "line 6: expected 3 values per dimension (@equalLength true), found 2");
    // Without @seriesLength, the first case sets the length.
    let text = "@equalLength true\n@classLabel true a\n@data\n1,2:a\n1,2,3:a\n";
    assert_eq!(err(text), "line 5: expected 2 values per dimension (@equalLength true), found 3");
}

#[test]
fn missing_values_are_reported() {
    let text = "@missing true\n@classLabel true a\n@data\n1,?,3:a\n";
    assert_eq!(
        err(text),
        "line 4: dimension 0, step 1: missing value `?` (TsOptions::missing_as_nan reads it as NaN)"
    );
    let e = TsDataset::<f32>::parse(text).unwrap_err();
    assert_eq!(e.line(), Some(4));
    assert_eq!(e.kind(), &TsErrorKind::MissingValue { dimension: 0, step: 1 });
}

#[test]
fn header_errors() {
    assert_eq!(err("@dimensions two\n"), "line 1: @dimensions expects a positive integer, found \"two\"");
    assert_eq!(err("@dimensions 0\n"), "line 1: @dimensions expects a positive integer, found \"0\"");
    assert_eq!(err("@univariate maybe\n"), "line 1: @univariate expects true or false, found \"maybe\"");
    assert_eq!(err("@seriesLength\n"), "line 1: @seriesLength expects a positive integer, found \"\"");
    assert_eq!(err("@problemName A\n@problemName B\n"), "line 2: @problemName given twice (first on line 1)");
    assert!(err("@colour blue\n").starts_with("line 1: unknown header @colour (expected @problemName"));
    assert_eq!(
        err("hello\n"),
        "line 1: expected a header line (`@...`), a comment (`#...`) or `@data`, found \"hello\""
    );
    assert_eq!(err("@classLabel true\n"), "line 1: @classLabel true lists no labels");
    assert_eq!(err("@classLabel true a b a\n"), "line 1: @classLabel lists \"a\" twice");
    assert_eq!(
        err("@data\n"),
        "line 1: @data before @classLabel: the header must declare the class labels (or `@classLabel false`)"
    );
    assert_eq!(
        err("@univariate true\n@dimensions 3\n@classLabel true a\n@data\n"),
        "line 2: @univariate true but @dimensions 3, expected 1"
    );
    assert_eq!(
        err("@timeStamps true\n"),
        "line 1: unsupported: @timeStamps true (time-stamped `(t,value)` data)"
    );
    assert_eq!(err("@targetLabel true\n"), "line 1: unsupported: @targetLabel (regression targets)");
    assert_eq!(err(&format!("{HEAD}1:2:a\n@data\n")), "line 8: header line @data after @data");
}

#[test]
fn not_utf8_names_the_line() {
    let bytes = b"@classLabel true a\n@data\n1,2:a\n1,\xff:a\n";
    let e = TsDataset::<f32>::from_bytes(bytes).unwrap_err();
    assert_eq!(e.to_string(), "line 4: expected UTF-8 text, found invalid bytes");
}

#[test]
fn class_label_false_has_no_labels() {
    let d = TsDataset::<f64>::parse("@classLabel false\n@data\n1,2:3,4\n").expect("valid");
    assert!(d.labels().is_empty());
    assert!(d.class_names().is_empty());
    assert_eq!(d.dimensions(), 2);
}

#[test]
fn long_tokens_are_cut_in_messages() {
    let long = "z".repeat(500);
    let msg = err(&format!("{HEAD}1:{long}:a\n"));
    assert!(msg.len() < 120, "{msg}");
    assert!(msg.ends_with("zzz...\""), "{msg}");
}
