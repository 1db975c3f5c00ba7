//! Loading golden cases (safetensors files with a JSON `config` in their metadata) and checking
//! a typed layer against them at the tolerance the golden README sets.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use safetensors::{Dtype, SafeTensors};
use serde_json::Value;
use shaped::layers::{Conv1dArgs, Float, ValidConv1dArgs};
use shaped::prelude::*;
use shaped::shapes::Padding;

/// The folder of golden cases of one kind (`conv1d`, `pool`).
pub fn golden_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(kind)
}

/// One golden case: its config and its tensors as `f64` (exact for f32 and f64 data).
pub struct GoldenCase {
    pub name: String,
    pub config: Value,
    pub tensors: std::collections::HashMap<String, (Vec<usize>, Vec<f64>)>,
}

impl GoldenCase {
    /// Loads `<kind>/<stem>.safetensors`.
    pub fn load(kind: &str, stem: &str) -> Self {
        let path = golden_dir(kind).join(format!("{stem}.safetensors"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let (_, meta) = SafeTensors::read_metadata(&bytes).expect("safetensors header");
        let config_text =
            meta.metadata().as_ref().and_then(|m| m.get("config")).expect("config metadata").clone();
        let config: Value = serde_json::from_str(&config_text).expect("config json");
        let st = SafeTensors::deserialize(&bytes).expect("safetensors body");
        let mut tensors = std::collections::HashMap::new();
        for (name, view) in st.tensors() {
            let data: Vec<f64> = match view.dtype() {
                Dtype::F32 => view
                    .data()
                    .chunks_exact(4)
                    .map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])))
                    .collect(),
                Dtype::F64 => view
                    .data()
                    .chunks_exact(8)
                    .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
                    .collect(),
                other => panic!("{stem}: unexpected dtype {other:?}"),
            };
            tensors.insert(name.clone(), (view.shape().to_vec(), data));
        }
        Self { name: stem.to_string(), config, tensors }
    }

    pub fn usize(&self, key: &str) -> usize {
        self.config[key].as_u64().unwrap_or_else(|| panic!("{}: config key {key}", self.name)) as usize
    }

    pub fn str(&self, key: &str) -> &str {
        self.config[key].as_str().unwrap_or_else(|| panic!("{}: config key {key}", self.name))
    }

    pub fn tensor<E: Float>(&self, name: &str) -> Option<Vec<E>> {
        self.tensors
            .get(name)
            .map(|(_, d)| d.iter().map(|&v| num_traits::cast(v).expect("castable")).collect())
    }

    pub fn shape(&self, name: &str) -> Vec<usize> {
        self.tensors[name].0.clone()
    }

    /// Checks `actual` against the stored `output` at the README's tolerance: bit-exact for
    /// integer-valued cases, `max |out - ref| / (1 + |ref|)` within 1e-5 (f32) or 1e-12 (f64).
    pub fn check_output<E: Float>(&self, actual: &[E]) {
        let (_, expected) = &self.tensors["output"];
        assert_eq!(actual.len(), expected.len(), "{}: output length", self.name);
        let exact = self.config.get("values").and_then(Value::as_str) == Some("int");
        let tol = if self.str("dtype") == "float64" { 1e-12 } else { 1e-5 };
        let mut worst = 0.0f64;
        for (i, (&a, &r)) in actual.iter().zip(expected).enumerate() {
            let a = a.to_f64().expect("finite");
            if exact {
                assert_eq!(a, r, "{}: integer case not bit-exact at {i}", self.name);
            }
            worst = worst.max((a - r).abs() / (1.0 + r.abs()));
        }
        assert!(worst <= tol, "{}: normalized error {worst:e} above {tol:e}", self.name);
    }
}

/// Fails when a `.safetensors` file in `tests/golden/<kind>/` has no typed test.
pub fn assert_all_files_covered(kind: &str, typed: &[&str]) {
    let typed: BTreeSet<&str> = typed.iter().copied().collect();
    let mut missing = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(golden_dir(kind)).expect("golden dir") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("safetensors") {
            continue;
        }
        count += 1;
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_string();
        if !typed.contains(stem.as_str()) {
            missing.push(stem);
        }
    }
    assert!(missing.is_empty(), "golden files without a typed test: {missing:?}");
    assert_eq!(count, typed.len(), "typed tests without a golden file");
}

/// Builds a Conv1D layer type from a golden case's weights.
pub trait GoldenConv1d: Sized {
    type Elem: Float;
    fn build(case: &GoldenCase) -> Self;
    fn pads(length: usize) -> (usize, usize);
}

impl<E, Cin, F, K, S, P, D, G, Fmt> GoldenConv1d for Conv1D<E, Cin, F, K, S, P, D, G, Fmt>
where
    E: Float,
    Conv1D<E, Cin, F, K, S, P, D, G, Fmt>: ValidConv1dArgs,
{
    type Elem = E;

    fn build(case: &GoldenCase) -> Self {
        let kernel = case.tensor::<E>("kernel").expect("kernel");
        let bias = case.tensor::<E>("bias");
        assert_eq!(case.config["use_bias"].as_bool(), Some(bias.is_some()), "{}: use_bias", case.name);
        let layer = match case.str("layout") {
            "NLC" => {
                assert_eq!(case.shape("kernel"), Self::keras_kernel_shape(), "{}: kernel shape", case.name);
                Self::from_keras(&kernel, bias.as_deref())
            }
            _ => {
                assert_eq!(case.shape("kernel"), Self::pytorch_kernel_shape(), "{}: kernel shape", case.name);
                Self::from_pytorch(&kernel, bias.as_deref())
            }
        }
        .expect("weights of the right size");
        match case.str("activation") {
            "relu" => layer.activation(Activation::Relu),
            "none" | "linear" => layer,
            other => panic!("{}: activation {other}", case.name),
        }
    }

    fn pads(length: usize) -> (usize, usize) {
        let spec = Self::spec();
        <<Self as Conv1dArgs>::Padding as Padding>::pads(length, spec.kernel_size, spec.stride, spec.dilation)
    }
}

/// Runs one golden conv1d case through a typed layer and `forward`.
pub fn check_conv1d_case<L, E, X, Y>(stem: &str, forward: impl Fn(&L, &Tensor<E, X>) -> Tensor<E, Y>)
where
    L: GoldenConv1d<Elem = E>,
    E: Float,
    X: Shape,
    Y: Shape,
{
    let case = GoldenCase::load("conv1d", stem);
    assert_eq!(case.str("dtype"), E::DTYPE, "{stem}: dtype");
    // The padding the type derives is the padding the case used.
    let pads = L::pads(case.usize("length"));
    assert_eq!(pads, (case.usize("pad_left"), case.usize("pad_right")), "{stem}: pads");
    let layer = L::build(&case);
    let x = Tensor::<E, X>::from_vec(case.tensor::<E>("input").expect("input")).expect("input fits the type");
    assert_eq!(x.dims(), case.shape("input"), "{stem}: input shape");
    let y = forward(&layer, &x);
    // The output shape computed by the types is the one Keras/ONNX Runtime produced.
    assert_eq!(y.dims(), case.shape("output"), "{stem}: output shape");
    let lout = case.usize("output_length");
    assert!(Y::SAMPLE_DIMS.contains(&lout), "{stem}: output_length {lout} not in {:?}", Y::SAMPLE_DIMS);
    case.check_output(y.as_slice());
}

/// Runs one golden case of a weightless layer (pooling, reshaping): loads `input`, applies the
/// layer through the `Layer` trait, and checks the output's shape and values.
pub fn check_layer_case<L, E, X, Y>(kind: &str, stem: &str, layer: &L)
where
    L: shaped::layers::Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    X: Shape,
    Y: Shape,
{
    let case = GoldenCase::load(kind, stem);
    assert_eq!(case.str("dtype"), E::DTYPE, "{stem}: dtype");
    let x = Tensor::<E, X>::from_vec(case.tensor::<E>("input").expect("input")).expect("input fits the type");
    assert_eq!(x.dims(), case.shape("input"), "{stem}: input shape");
    let y = layer.forward(&x);
    assert_eq!(y.dims(), case.shape("output"), "{stem}: output shape");
    case.check_output(y.as_slice());
}

/// Like [`check_layer_case`] for a layer built from the case's weights by `build`.
pub fn check_built_layer<L, E, X, Y>(kind: &str, stem: &str, build: impl FnOnce(&GoldenCase) -> L)
where
    L: shaped::layers::Layer<Tensor<E, X>, Output = Tensor<E, Y>>,
    E: Float,
    X: Shape,
    Y: Shape,
{
    let case = GoldenCase::load(kind, stem);
    let layer = build(&case);
    check_layer_case(kind, stem, &layer);
}

/// Runs one golden case of a merge layer on `input` and `input2`.
pub fn check_merge_case<L, E, X1, X2, Y>(kind: &str, stem: &str, layer: &L)
where
    L: shaped::layers::Layer<(Tensor<E, X1>, Tensor<E, X2>), Output = Tensor<E, Y>>,
    E: Float,
    X1: Shape,
    X2: Shape,
    Y: Shape,
{
    let case = GoldenCase::load(kind, stem);
    let a =
        Tensor::<E, X1>::from_vec(case.tensor::<E>("input").expect("input")).expect("input fits the type");
    let b =
        Tensor::<E, X2>::from_vec(case.tensor::<E>("input2").expect("input2")).expect("input2 fits the type");
    let y = layer.forward(&(a, b));
    assert_eq!(y.dims(), case.shape("output"), "{stem}: output shape");
    case.check_output(y.as_slice());
}

impl GoldenCase {
    /// A weight tensor that must exist.
    pub fn weight<E: Float>(&self, name: &str) -> Vec<E> {
        self.tensor(name).unwrap_or_else(|| panic!("{}: missing tensor {name}", self.name))
    }

    pub fn f64(&self, key: &str) -> f64 {
        self.config[key].as_f64().unwrap_or_else(|| panic!("{}: config key {key}", self.name))
    }
}
