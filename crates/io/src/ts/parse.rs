//! The line-by-line parse of a `.ts` file.

use core::str::FromStr;
use std::collections::HashMap;

use shaped_tensor::Element;

use super::dataset::TsDataset;
use super::error::{excerpt, TsError, TsErrorKind, TsLimit, KNOWN_LABELS_SHOWN};
use super::header::HeaderParser;
use super::TsOptions;

/// Parses a whole file, in time linear in its length.
pub(super) fn parse<E: Element + FromStr>(text: &str, options: &TsOptions) -> Result<TsDataset<E>, TsError> {
    let limits = &options.limits;
    let mut header = HeaderParser::new(limits.max_labels);
    let mut data: Option<DataParser<E>> = None;
    let mut last_line = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        last_line = line_no;
        if raw.len() > limits.max_line_bytes {
            return Err(TsError::at(
                line_no,
                TsErrorKind::Limit {
                    limit: TsLimit::LineBytes,
                    found: raw.len() as u64,
                    max: limits.max_line_bytes as u64,
                },
            ));
        }
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match &mut data {
            Some(parser) => {
                if line.starts_with('@') {
                    let tag = line.split_whitespace().next().unwrap_or(line);
                    return Err(TsError::at(line_no, TsErrorKind::HeaderAfterData { tag: excerpt(tag) }));
                }
                parser.case(line_no, line)?;
            }
            None => {
                if !line.starts_with('@') {
                    return Err(TsError::at(line_no, TsErrorKind::ExpectedHeader { found: excerpt(line) }));
                }
                let is_data = line.split_whitespace().next().is_some_and(|t| t.eq_ignore_ascii_case("@data"));
                if is_data {
                    header.finish(line_no)?;
                    data = Some(DataParser::new(&header, options));
                } else {
                    header.line(line_no, line)?;
                }
            }
        }
    }
    match data {
        Some(parser) => Ok(parser.finish(header.header)),
        None => Err(TsError::at(last_line.max(1), TsErrorKind::MissingData)),
    }
}

/// Collects the cases after `@data`.
struct DataParser<E> {
    /// `@classLabel`'s labels and their indices, by hash.
    labels_known: Option<HashMap<String, usize>>,
    /// The first labels, in order, for error messages.
    labels_shown: Vec<String>,
    labels_total: usize,
    allow_non_finite: bool,
    missing_as_nan: bool,
    max_cases: usize,
    dimensions: Option<usize>,
    equal_length: bool,
    series_length: Option<usize>,
    values: Vec<Vec<E>>,
    lengths: Vec<usize>,
    labels: Vec<usize>,
    lines: Vec<usize>,
}

impl<E: Element + FromStr> DataParser<E> {
    fn new(header: &HeaderParser, options: &TsOptions) -> Self {
        let labels = header.header.class_labels.as_deref();
        Self {
            labels_known: labels.map(|l| l.iter().enumerate().map(|(i, name)| (name.clone(), i)).collect()),
            labels_shown: labels.unwrap_or_default().iter().take(KNOWN_LABELS_SHOWN).cloned().collect(),
            labels_total: labels.map_or(0, <[String]>::len),
            allow_non_finite: options.allow_non_finite,
            missing_as_nan: options.missing_as_nan,
            max_cases: options.limits.max_cases,
            dimensions: header.dimensions(),
            equal_length: header.header.equal_length == Some(true),
            series_length: header.header.series_length,
            values: Vec::new(),
            lengths: Vec::new(),
            labels: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Parses one case: `v,v,...:v,v,...:label`.
    fn case(&mut self, line_no: usize, line: &str) -> Result<(), TsError> {
        let err = |kind| TsError::at(line_no, kind);
        if self.values.len() >= self.max_cases {
            let max = self.max_cases as u64;
            return Err(err(TsErrorKind::Limit { limit: TsLimit::Cases, found: max + 1, max }));
        }
        let mut fields: Vec<&str> = line.split(':').collect();
        if let Some(known) = &self.labels_known {
            if fields.len() < 2 {
                return Err(err(TsErrorKind::MissingLabel));
            }
            let label = fields.pop().unwrap_or_default().trim();
            match known.get(label) {
                Some(&index) => self.labels.push(index),
                None => {
                    return Err(err(TsErrorKind::UnknownLabel {
                        found: excerpt(label),
                        known: self.labels_shown.clone(),
                        total: self.labels_total,
                    }))
                }
            }
        }
        let found = fields.len();
        let dims = *self.dimensions.get_or_insert(found);
        if found != dims {
            return Err(err(TsErrorKind::Dimensions { expected: dims, found }));
        }
        let mut per_dim: Vec<Vec<E>> = Vec::with_capacity(dims);
        for (dimension, field) in fields.iter().enumerate() {
            let mut values = Vec::new();
            for (step, text) in field.split(',').enumerate() {
                let text = text.trim();
                if text == "?" {
                    if self.missing_as_nan {
                        values.push(E::nan());
                        continue;
                    }
                    return Err(err(TsErrorKind::MissingValue { dimension, step }));
                }
                match text.parse::<E>() {
                    Ok(v) if v.is_finite() || self.allow_non_finite => values.push(v),
                    Ok(v) => {
                        // A NaN or infinity written as such, or a number out of range.
                        let lower = text.trim_start_matches(['+', '-']).to_ascii_lowercase();
                        let out_of_range = !v.is_nan() && !lower.starts_with("inf");
                        return Err(err(TsErrorKind::NonFinite {
                            dimension,
                            step,
                            found: excerpt(text),
                            dtype: E::DTYPE,
                            out_of_range,
                        }));
                    }
                    Err(_) => {
                        return Err(err(TsErrorKind::BadNumber { dimension, step, found: excerpt(text) }))
                    }
                }
            }
            if let Some(first) = per_dim.first() {
                if values.len() != first.len() {
                    return Err(err(TsErrorKind::InconsistentLength {
                        dimension,
                        expected: first.len(),
                        found: values.len(),
                    }));
                }
            }
            per_dim.push(values);
        }
        let length = per_dim.first().map_or(0, Vec::len);
        if self.equal_length {
            let expected = *self.series_length.get_or_insert(length);
            if length != expected {
                return Err(err(TsErrorKind::SeriesLength { expected, found: length }));
            }
        }
        // Interleave to channels-last: step t holds dimensions 0..dims.
        let mut case = Vec::with_capacity(length * dims);
        for t in 0..length {
            case.extend(per_dim.iter().filter_map(|d| d.get(t).copied()));
        }
        self.values.push(case);
        self.lengths.push(length);
        self.lines.push(line_no);
        Ok(())
    }

    fn finish(self, header: super::TsHeader) -> TsDataset<E> {
        let dimensions = self.dimensions.unwrap_or(0);
        TsDataset::from_parts(header, dimensions, self.values, self.lengths, self.labels, self.lines)
    }
}
