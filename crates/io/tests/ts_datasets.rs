//! The `.ts` reader on the three bundled UEA/UCR data sets (`data/datasets/`).

use shaped_io::{pad_sequences_multi, PadOptions, Side, TsDataset};
use shaped_shapes::{shape, Dyn, U};
use shaped_tensor::Tensor;

fn path(rel: &str) -> String {
    format!("{}/../../data/datasets/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> TsDataset<f32> {
    TsDataset::read(path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn gunpoint() {
    let train = read("GunPoint/GunPoint_TRAIN.ts");
    let test = read("GunPoint/GunPoint_TEST.ts");
    assert_eq!((train.len(), test.len()), (50, 150));
    assert_eq!(train.dimensions(), 1);
    assert_eq!(train.class_names(), &["1", "2"]);
    assert_eq!(train.label_counts(), vec![24, 26]);
    assert_eq!(test.label_counts(), vec![76, 74]);
    assert_eq!(train.header().problem_name.as_deref(), Some("GunPoint"));
    let x: Tensor<f32, shape![Dyn, 150, 1]> = test.to_tensor().expect("equal length");
    assert_eq!(x.dims(), vec![150, 150, 1]);
    // The first case's first value as written in the file.
    let text = std::fs::read_to_string(path("GunPoint/GunPoint_TEST.ts")).expect("read");
    let first_case = text.lines().find(|l| !l.starts_with(['#', '@'])).expect("a case");
    let first_value: f32 = first_case.split(',').next().expect("v").parse().expect("number");
    assert_eq!(x.get(&[0, 0, 0]), Some(first_value));
    assert_eq!(test.line_of(0), Some(20));
    // The wrong length type is an error naming the first case and its line.
    let err = test.to_tensor::<U![140], U![1]>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 20: case 0 has 150 time steps, the tensor type's length is 140 \
         (pad or truncate unequal-length data with pad_sequences_multi)"
    );
    let err = test.to_tensor::<U![150], U![2]>().unwrap_err();
    assert_eq!(err.to_string(), "the data set has 1 dimensions, the tensor type has 2 channels");
}

/// The same test inputs the reference Keras model was exported with (`layer_outputs`'s
/// `inputs`: the first 2 test cases, float32, `(N, length, channels)`).
#[test]
fn gunpoint_matches_the_reference_model_inputs() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/layer_outputs.safetensors"))
        .expect("layer outputs");
    let mut file = shaped_io::WeightFile::from_bytes(bytes).expect("valid");
    let inputs: Vec<f32> = file.tensor("inputs", &[2, 150, 1]).expect("inputs");
    let test = read("GunPoint/GunPoint_TEST.ts");
    let x: Tensor<f32, shape![Dyn, 150, 1]> = test.to_tensor().expect("tensor");
    assert_eq!(&x.as_slice()[..300], inputs.as_slice());
}

#[test]
fn japanese_vowels_is_ragged() {
    let train = read("JapaneseVowels/JapaneseVowels_TRAIN.ts");
    let test = read("JapaneseVowels/JapaneseVowels_TEST.ts");
    assert_eq!((train.len(), test.len()), (270, 370));
    assert_eq!(train.dimensions(), 12);
    assert_eq!(train.class_names().len(), 9);
    assert_eq!(train.label_counts(), vec![30; 9]);
    assert_eq!(test.label_counts(), vec![31, 35, 88, 44, 29, 24, 40, 50, 29]);
    for data in [&train, &test] {
        let (min, max) = (data.lengths().iter().min(), data.lengths().iter().max());
        assert!(min >= Some(&7) && max <= Some(&29), "lengths {min:?}..{max:?}");
    }
    assert_eq!(train.lengths().iter().max(), Some(&26));
    assert_eq!(test.lengths().iter().max(), Some(&29));
    assert_eq!(train.lengths().iter().min(), Some(&7));

    // Unequal lengths do not become a tensor without padding.
    let err = test.to_tensor::<U![29], U![12]>().unwrap_err();
    assert!(err.to_string().contains("time steps, the tensor type's length is 29"), "{err}");

    // Keras maxlen=None on the training set is its longest, 26: asking for 29 says so.
    let err = pad_sequences_multi::<f32, U![29], U![12], _, _>(
        &train.sequences(),
        &PadOptions::new().require_longest(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the longest sequence has 26 time steps but the tensor length is 29 (maxlen=None pads to the longest: make the length type 26)"
    );

    // Padded to the longest (Keras maxlen=None), nothing is lost.
    let seqs = test.sequences();
    let options = PadOptions::new().padding(Side::Post).require_longest();
    let (x, report): (Tensor<f32, shape![Dyn, 29, 12]>, _) =
        pad_sequences_multi(&seqs, &options).expect("pad");
    assert_eq!(x.dims(), vec![370, 29, 12]);
    assert!(report.is_lossless());
    assert_eq!(report.padded, test.lengths().iter().filter(|&&n| n < 29).count());
    // Case 0, step 0 is each dimension's first value; steps after its length are padding.
    let case0 = test.case(0).expect("case 0");
    assert_eq!(&x.as_slice()[..12], &case0[..12]);
    let len0 = test.lengths()[0];
    assert!(x.sample_slice(0).expect("sample")[len0 * 12..].iter().all(|&v| v == 0.0));

    // As arrays of 12 channels, and truncated to 20 steps with a report.
    let arrays: Vec<Vec<[f32; 12]>> = test.sequences_array().expect("12 dims");
    let (_, report): (Tensor<f32, shape![Dyn, 20, 12]>, _) =
        pad_sequences_multi(&arrays, &PadOptions::new()).expect("pad");
    let long = test.lengths().iter().filter(|&&n| n > 20).count();
    assert_eq!(report.truncated, long);
    assert!(long > 0);
}

#[test]
fn basic_motions() {
    let train = read("BasicMotions/BasicMotions_TRAIN.ts");
    let test = TsDataset::<f64>::read(path("BasicMotions/BasicMotions_TEST.ts")).expect("read");
    assert_eq!((train.len(), test.len()), (40, 40));
    assert_eq!(train.dimensions(), 6);
    assert_eq!(train.class_names(), &["Standing", "Running", "Walking", "Badminton"]);
    assert_eq!(train.label_counts(), vec![10; 4]);
    assert_eq!(test.label_counts(), vec![10; 4]);
    let x: Tensor<f64, shape![Dyn, 100, 6]> = test.to_tensor().expect("equal length");
    assert_eq!(x.dims(), vec![40, 100, 6]);
    // Channels-last: step 1 of case 0 holds each dimension's second value.
    let text = std::fs::read_to_string(path("BasicMotions/BasicMotions_TEST.ts")).expect("read");
    let first_case = text.lines().find(|l| !l.starts_with(['#', '@'])).expect("a case");
    let dims: Vec<Vec<f64>> = first_case
        .split(':')
        .take(6)
        .map(|d| d.split(',').map(|v| v.trim().parse().expect("n")).collect())
        .collect();
    for (d, values) in dims.iter().enumerate() {
        assert_eq!(x.get(&[0, 1, d]), Some(values[1]));
    }
}

#[test]
fn missing_file_is_an_error_naming_the_path() {
    let err = TsDataset::<f32>::read("/nonexistent/x.ts").unwrap_err();
    assert!(err.to_string().starts_with("cannot read /nonexistent/x.ts: "), "{err}");
    assert_eq!(err.line(), None);
}
