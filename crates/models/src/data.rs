//! The test sets, read from the UEA/UCR `.ts` files.

use std::path::Path;

use shaped_io::{pad_sequences_multi, PadOptions, PadReport, Side, TsDataset};
use shaped_shapes::{Dyn, U};
use shaped_tensor::Tensor;

use crate::Error;

/// A test set: inputs as the model takes them, and the true class of each case.
#[derive(Clone, Debug)]
pub struct TestSet<X> {
    /// The inputs, batch first.
    pub inputs: X,
    /// Class index of each case (in the order of the file's `@classLabel` header).
    pub labels: Vec<usize>,
    /// How the sequences were padded or truncated (`None` for equal-length data).
    pub padding: Option<PadReport>,
}

/// JapaneseVowels' test split: 370 ragged sequences of 12 channels (7 to 29 steps), padded
/// after their end with zeros to 29 steps, as the model was trained
/// (`pad_sequences(maxlen=29, dtype="float32", padding="post")`).
///
/// # Errors
///
/// The `.ts` reader's error, or a case longer than 29 steps.
pub fn japanese_vowels_test_set(
    ts_file: impl AsRef<Path>,
) -> Result<TestSet<Tensor<f32, (Dyn, U![29], U![12])>>, Error> {
    let data = TsDataset::<f32>::read(ts_file)?;
    let sequences = data.sequences_array::<12>()?;
    let options = PadOptions::new().padding(Side::Post).truncating(Side::Post).forbid_truncation();
    let (inputs, report) = pad_sequences_multi(&sequences, &options)?;
    Ok(TestSet { inputs, labels: data.labels().to_vec(), padding: Some(report) })
}

/// GunPoint's test split: 150 univariate series of 150 steps.
///
/// # Errors
///
/// The `.ts` reader's error, or a case of another length than 150.
pub fn gunpoint_test_set(
    ts_file: impl AsRef<Path>,
) -> Result<TestSet<Tensor<f32, (Dyn, U![150], U![1])>>, Error> {
    let data = TsDataset::<f32>::read(ts_file)?;
    let inputs = data.to_tensor()?;
    Ok(TestSet { inputs, labels: data.labels().to_vec(), padding: None })
}
