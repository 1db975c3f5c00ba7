//! What each fuzz target does with its input, shared by the libFuzzer targets
//! (`fuzz/fuzz_targets/`) and the corpus replay (`tests/fuzz_corpus.rs`): every entry point
//! must return `Ok` or a clean `Err` (whose message can be formatted), never panic, and never
//! allocate beyond what the input's size justifies.
#![allow(dead_code)]

use shaped::io::{
    pad_sequences as pad, pad_sequences_multi, PadOptions, Side, TsDataset, TsLimits, TsOptions, WeightFile,
    WeightLimits,
};
use shaped::shapes::Dyn;
use shaped::tensor::{Tensor, Workspace};
use shaped::{shape, U};

/// The `.ts` reader, as `f32` and `f64`, by default and accepting non-finite and missing values
/// under small limits; then every conversion of a data set it accepts.
pub fn ts_reader(data: &[u8]) {
    let small = TsLimits { max_bytes: 1 << 20, max_line_bytes: 1 << 16, max_labels: 100, max_cases: 1000 };
    let lenient = TsOptions::new().allow_non_finite(true).missing_as_nan(true).limits(small);
    for options in [TsOptions::default(), lenient] {
        match TsDataset::<f32>::from_bytes_with(data, &options) {
            Ok(d) => {
                let _ = (d.len(), d.dimensions(), d.label_counts(), d.sequences());
                let _ = d.to_tensor::<U![3], U![1]>().map_err(|e| e.to_string());
                let _ = d.sequences_array::<2>().map_err(|e| e.to_string());
                for i in 0..d.len() {
                    let _ = (d.case(i), d.line_of(i));
                }
            }
            Err(e) => {
                let _ = (e.to_string(), e.line());
            }
        }
        let _ = TsDataset::<f64>::from_bytes_with(data, &options).map_err(|e| e.to_string());
    }
}

/// The weight readers (safetensors, `.keras` zip, `.h5` HDF5, told apart by their first
/// bytes), under small limits and the defaults; every tensor of a file they accept is taken as
/// `f32` and `i64` with its own shape and a wrong one.
pub fn weight_file(data: &[u8]) {
    let small = WeightLimits { max_file_bytes: 1 << 22, max_header_bytes: 1 << 16, max_tensors: 64 };
    for limits in [small, WeightLimits::default()] {
        match WeightFile::from_bytes_with(data.to_vec(), &limits) {
            Ok(mut file) => {
                let names: Vec<String> = file.names().map(str::to_string).collect();
                for name in &names {
                    let shape = file.shape(name).map(<[usize]>::to_vec).unwrap_or_default();
                    let _ = file.tensor::<f32>(name, &shape).map_err(|e| e.to_string());
                    let _ = file.tensor::<f64>(name, &shape).map_err(|e| e.to_string());
                    let _ = file.tensor_i64(name, &shape).map_err(|e| e.to_string());
                    let _ = file.tensor::<f32>(name, &[1, 2]).map_err(|e| e.to_string());
                }
                let _ = file.tensor::<f32>("no such tensor", &[1]).map_err(|e| e.to_string());
                let _ = (file.report().to_string(), file.skipped().len(), file.format());
                let _ = file.finish_strict().map_err(|e| e.to_string());
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    let _ = WeightFile::from_safetensors_bytes(data.to_vec()).map_err(|e| e.to_string());
    let _ = WeightFile::from_keras_archive(data).map_err(|e| e.to_string());
    let _ = WeightFile::from_keras_h5(data).map_err(|e| e.to_string());
}

/// `pad_sequences` and `pad_sequences_multi`: the first byte picks the padding and truncating
/// sides and the pad value; then each sequence is a length byte and that many values.
pub fn pad_sequences(data: &[u8]) {
    let Some((&mode, mut rest)) = data.split_first() else { return };
    let side = |bit: u8| if mode & bit == 0 { Side::Pre } else { Side::Post };
    let value = f32::from(mode >> 4) - 4.0;
    let options = PadOptions::new().padding(side(1)).truncating(side(2)).value(value);
    let mut sequences: Vec<Vec<f32>> = Vec::new();
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n % 32).min(tail.len());
        sequences.push(tail[..n].iter().map(|&b| f32::from(b) - 128.0).collect());
        rest = &tail[n..];
    }
    let _ = pad::<f32, U![8], _>(&sequences, &options).map_err(|e| e.to_string());
    let _ = pad::<f32, U![0], _>(&sequences, &options).map_err(|e| e.to_string());
    let _ = pad::<f32, U![40], _>(&sequences, &options).map_err(|e| e.to_string());
    // The same values as steps of 3 channels, and of uneven widths (an error).
    let steps: Vec<Vec<Vec<f32>>> =
        sequences.iter().map(|s| s.chunks(3).map(<[f32]>::to_vec).collect()).collect();
    let _ = pad_sequences_multi::<f32, U![5], U![3], _, _>(&steps, &options).map_err(|e| e.to_string());
    let _ = pad_sequences_multi::<f32, U![5], U![1], _, _>(&steps, &options).map_err(|e| e.to_string());
}

/// Tensor entry: `from_vec`, `from_slice`, `from_vec_cast`, `from_nested`, batch sizes from the
/// input (checked, then allocated only when small), and the workspace.
pub fn tensor_entry(data: &[u8]) {
    let floats: Vec<f32> =
        data.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    let _ = Tensor::<f32, shape![Dyn, 3, 2]>::from_vec(floats.clone()).map_err(|e| e.to_string());
    let _ = Tensor::<f32, shape![Dyn, 0, 3]>::from_vec(floats.clone()).map_err(|e| e.to_string());
    let _ = Tensor::<f32, shape![2, 3]>::from_slice(&floats).map_err(|e| e.to_string());
    let _ = Tensor::<f32, shape![Dyn, 5]>::try_from_iter(floats.iter().copied()).map_err(|e| e.to_string());
    let ints: Vec<i64> =
        data.chunks_exact(8).map(|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8]))).collect();
    let _ = Tensor::<f32, shape![Dyn, 2]>::from_vec_cast(&ints).map_err(|e| e.to_string());
    let _ = Tensor::<f64, shape![Dyn, 1]>::from_vec_cast(&ints).map_err(|e| e.to_string());
    let _ = Tensor::<f32, shape![Dyn, 1]>::from_vec_cast(&floats).map_err(|e| e.to_string());
    let _ = Tensor::<f32, shape![Dyn, 2]>::from_vec_cast(data).map_err(|e| e.to_string());
    // Nested: sequences of steps of the input's bytes, of lengths the input picks.
    let nested: Vec<Vec<Vec<f32>>> = data
        .chunks(6)
        .map(|c| {
            c.chunks(1 + usize::from(c[0] % 3)).map(|s| s.iter().map(|&b| f32::from(b)).collect()).collect()
        })
        .collect();
    let _ = Tensor::<f32, shape![Dyn, 2, 2]>::from_nested(&nested).map_err(|e| e.to_string());
    // Batch sizes from the input: every size is checked; only small ones are allocated.
    let mut ws = Workspace::new();
    for b in data.chunks_exact(8) {
        let batch = u64::from_le_bytes(b.try_into().unwrap_or([0; 8])) as usize;
        let _ = Tensor::<f32, shape![Dyn, 20, 1]>::len_for_batch(batch).map_err(|e| e.to_string());
        let _ = Tensor::<f64, shape![Dyn, 0, 1]>::len_for_batch(batch).map_err(|e| e.to_string());
        let _ = Tensor::<f32, shape![4, 2]>::len_for_batch(batch).map_err(|e| e.to_string());
        let small = batch % 4096;
        let _ = Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(small).map_err(|e| e.to_string());
        ws.begin_pass();
        if let Ok(t) = ws.zeros::<f32, shape![Dyn, 7]>(small) {
            ws.give(t);
        }
        if batch > isize::MAX as usize / 80 {
            assert!(Tensor::<f32, shape![Dyn, 20, 1]>::zeros_with_batch(batch).is_err());
        }
    }
}
