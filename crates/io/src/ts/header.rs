//! The header of a `.ts` file: the `@` lines before `@data`.

use std::collections::{BTreeMap, HashSet};

use super::error::{excerpt, TsError, TsErrorKind, TsLimit};

/// The header of a `.ts` file, as declared.
///
/// Tags are matched case-insensitively, as sktime does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TsHeader {
    /// `@problemName`.
    pub problem_name: Option<String>,
    /// `@missing`: whether the file says it has missing values.
    pub missing: Option<bool>,
    /// `@univariate`.
    pub univariate: Option<bool>,
    /// `@dimensions`.
    pub dimensions: Option<usize>,
    /// `@equalLength`.
    pub equal_length: Option<bool>,
    /// `@seriesLength`.
    pub series_length: Option<usize>,
    /// `@classLabel true LABEL...`: the labels in order (their indices are the class indices);
    /// `None` for `@classLabel false` (cases without a label).
    pub class_labels: Option<Vec<String>>,
}

/// Collects header lines, remembering where each tag was first seen.
pub(super) struct HeaderParser {
    pub(super) header: TsHeader,
    seen: BTreeMap<String, usize>,
    max_labels: usize,
}

impl HeaderParser {
    pub(super) fn new(max_labels: usize) -> Self {
        Self { header: TsHeader::default(), seen: BTreeMap::new(), max_labels }
    }

    /// Reads one header line (starting with `@`, not `@data`).
    pub(super) fn line(&mut self, line_no: usize, text: &str) -> Result<(), TsError> {
        let mut tokens = text.split_whitespace();
        let raw_tag = tokens.next().unwrap_or("@");
        let tag = raw_tag.to_ascii_lowercase();
        let err = |kind| TsError::at(line_no, kind);
        if let Some(&first_line) = self.seen.get(&tag) {
            return Err(err(TsErrorKind::DuplicateHeader { tag: raw_tag.to_string(), first_line }));
        }
        self.seen.insert(tag.clone(), line_no);
        let rest: Vec<&str> = tokens.collect();
        let h = &mut self.header;
        match tag.as_str() {
            "@problemname" => h.problem_name = Some(rest.join(" ")),
            "@timestamps" => {
                if parse_bool(line_no, raw_tag, &rest)? {
                    return Err(err(TsErrorKind::Unsupported {
                        what: "@timeStamps true (time-stamped `(t,value)` data)",
                    }));
                }
            }
            "@missing" => h.missing = Some(parse_bool(line_no, raw_tag, &rest)?),
            "@univariate" => h.univariate = Some(parse_bool(line_no, raw_tag, &rest)?),
            "@dimensions" => h.dimensions = Some(parse_count(line_no, raw_tag, &rest)?),
            "@equallength" => h.equal_length = Some(parse_bool(line_no, raw_tag, &rest)?),
            "@serieslength" => h.series_length = Some(parse_count(line_no, raw_tag, &rest)?),
            "@classlabel" => {
                let (first, labels) = rest.split_first().map_or((None, &[][..]), |(f, l)| (Some(*f), l));
                if parse_bool(line_no, raw_tag, first.as_slice())? {
                    if labels.is_empty() {
                        return Err(err(TsErrorKind::EmptyClassLabels));
                    }
                    if labels.len() > self.max_labels {
                        return Err(err(TsErrorKind::Limit {
                            limit: TsLimit::Labels,
                            found: labels.len() as u64,
                            max: self.max_labels as u64,
                        }));
                    }
                    // Duplicates by hash: linear in the number of labels.
                    let mut distinct: HashSet<&str> = HashSet::with_capacity(labels.len());
                    let mut names: Vec<String> = Vec::with_capacity(labels.len());
                    for label in labels {
                        if !distinct.insert(label) {
                            return Err(err(TsErrorKind::DuplicateClassLabel { label: excerpt(label) }));
                        }
                        names.push((*label).to_string());
                    }
                    h.class_labels = Some(names);
                } else {
                    h.class_labels = None;
                }
            }
            "@targetlabel" => {
                return Err(err(TsErrorKind::Unsupported { what: "@targetLabel (regression targets)" }))
            }
            _ => return Err(err(TsErrorKind::UnknownHeader { tag: excerpt(raw_tag) })),
        }
        Ok(())
    }

    /// Checks the header as a whole when `@data` is reached.
    pub(super) fn finish(&self, line_no: usize) -> Result<(), TsError> {
        if !self.seen.contains_key("@classlabel") {
            return Err(TsError::at(line_no, TsErrorKind::NoClassLabels));
        }
        if let (Some(true), Some(d)) = (self.header.univariate, self.header.dimensions) {
            if d != 1 {
                let line = self.seen.get("@dimensions").copied().unwrap_or(line_no);
                return Err(TsError::at(line, TsErrorKind::UnivariateDimensions { dimensions: d }));
            }
        }
        Ok(())
    }

    /// The number of dimensions the header implies, if it implies one.
    pub(super) fn dimensions(&self) -> Option<usize> {
        match (self.header.dimensions, self.header.univariate) {
            (Some(d), _) => Some(d),
            (None, Some(true)) => Some(1),
            _ => None,
        }
    }
}

fn parse_bool(line_no: usize, tag: &str, rest: &[&str]) -> Result<bool, TsError> {
    match rest {
        [v] if v.eq_ignore_ascii_case("true") => Ok(true),
        [v] if v.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(TsError::at(
            line_no,
            TsErrorKind::BadHeaderValue {
                tag: excerpt(tag),
                expected: "true or false",
                found: excerpt(&rest.join(" ")),
            },
        )),
    }
}

fn parse_count(line_no: usize, tag: &str, rest: &[&str]) -> Result<usize, TsError> {
    match rest {
        [v] => match v.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(|| {
        TsError::at(
            line_no,
            TsErrorKind::BadHeaderValue {
                tag: excerpt(tag),
                expected: "a positive integer",
                found: excerpt(&rest.join(" ")),
            },
        )
    })
}
