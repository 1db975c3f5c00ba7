//! The line-by-line parse of a `.ts` file.

use core::str::FromStr;

use shaped_tensor::Element;

use super::dataset::TsDataset;
use super::error::{excerpt, TsError, TsErrorKind};
use super::header::HeaderParser;

/// Parses a whole file.
pub(super) fn parse<E: Element + FromStr>(text: &str) -> Result<TsDataset<E>, TsError> {
    let mut header = HeaderParser::default();
    let mut data: Option<DataParser<E>> = None;
    let mut last_line = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        last_line = line_no;
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
                    data = Some(DataParser::new(&header));
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
    labels_known: Option<Vec<String>>,
    dimensions: Option<usize>,
    equal_length: bool,
    series_length: Option<usize>,
    values: Vec<Vec<E>>,
    lengths: Vec<usize>,
    labels: Vec<usize>,
    lines: Vec<usize>,
}

impl<E: Element + FromStr> DataParser<E> {
    fn new(header: &HeaderParser) -> Self {
        Self {
            labels_known: header.header.class_labels.clone(),
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
        let mut fields: Vec<&str> = line.split(':').collect();
        if let Some(known) = &self.labels_known {
            if fields.len() < 2 {
                return Err(err(TsErrorKind::MissingLabel));
            }
            let label = fields.pop().unwrap_or_default().trim();
            match known.iter().position(|k| k == label) {
                Some(index) => self.labels.push(index),
                None => {
                    return Err(err(TsErrorKind::UnknownLabel {
                        found: excerpt(label),
                        known: known.clone(),
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
                    return Err(err(TsErrorKind::MissingValue { dimension, step }));
                }
                match text.parse::<E>() {
                    Ok(v) => values.push(v),
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
