//! The golden cases of a JSON file under `tests/golden/` (`layers16.json` from
//! `tools/gen_layers16_cases.py`, `conv1d_transpose.json` from `tools/gen_transpose_cases.py`)
//! and the check of a typed layer against one of them.

// Each test binary that includes this file uses part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;
use shaped::layers::Float;
use shaped::prelude::*;
use shaped::shapes::StaticDim;
use shaped::tensor::Element;

/// Every case of `file`, read once per test binary.
fn cases(file: &str) -> &'static [Value] {
    static FILES: OnceLock<Mutex<HashMap<String, &'static [Value]>>> = OnceLock::new();
    let mut files = FILES.get_or_init(Default::default).lock().expect("no test panicked holding it");
    files.entry(file.to_string()).or_insert_with(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
        doc["cases"].as_array().expect("a list of cases").clone().leak()
    })
}

/// The names of every case in `file`.
pub fn case_names(file: &str) -> Vec<String> {
    cases(file).iter().map(|c| c["name"].as_str().expect("a name").to_string()).collect()
}

/// One case: its config, weights, input and Keras's output.
pub struct Case(&'static Value);

impl Case {
    fn get(file: &str, name: &str) -> Self {
        Self(cases(file).iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no case {name}")))
    }

    fn numbers(v: &Value) -> Vec<f64> {
        v.as_array().expect("numbers").iter().map(|x| x.as_f64().expect("a number")).collect()
    }

    fn cast<E: Element>(v: &[f64]) -> Vec<E> {
        v.iter().map(|&x| num_traits::cast(x).expect("a value of the case's dtype")).collect()
    }

    /// A weight that the case must have, in the case's element type.
    pub fn weight<E: Element>(&self, name: &str) -> Vec<E> {
        self.optional(name).unwrap_or_else(|| panic!("case {} has no weight {name}", self.0["name"]))
    }

    /// A weight the case may have (`gamma` of a `scale=False` layer has none).
    pub fn optional<E: Element>(&self, name: &str) -> Option<Vec<E>> {
        let w = &self.0["weights"][name];
        (!w.is_null()).then(|| Self::cast(&Self::numbers(&w["values"])))
    }

    /// A number of the layer's config.
    pub fn f64(&self, key: &str) -> f64 {
        self.0["config"][key]
            .as_f64()
            .unwrap_or_else(|| panic!("case {} has no number {key}", self.0["name"]))
    }

    fn dims(&self, key: &str) -> Vec<usize> {
        self.0[key]
            .as_array()
            .expect("a shape")
            .iter()
            .map(|d| d.as_u64().expect("a dimension") as usize)
            .collect()
    }

    /// Checks the case's dtype is `E`'s; the tolerance for it (the case's own, with its reason
    /// in the file, or 1e-5 for float32 and 1e-12 for float64).
    fn dtype_tolerance<E: Element>(&self) -> f64 {
        assert_eq!(self.0["dtype"], E::DTYPE, "case {}: the test's element type", self.0["name"]);
        if let Some(t) = self.0["tolerance"].as_f64() {
            assert!(
                self.0["tolerance_reason"].is_string(),
                "case {}: a tolerance needs its reason",
                self.0["name"]
            );
            t
        } else if E::DTYPE == "float64" {
            1e-12
        } else {
            1e-5
        }
    }

    /// Compares an output with Keras's: shape, then each value within `tol * (1 + |keras|)`.
    fn compare<E: Element>(&self, dims: Vec<usize>, out: &[E], tol: f64) {
        let name = &self.0["name"];
        assert_eq!(dims, self.dims("output_shape"), "case {name}: output shape");
        let expected = Self::numbers(&self.0["output"]);
        assert_eq!(out.len(), expected.len(), "case {name}");
        let mut worst = (0.0f64, 0usize);
        for (i, (&a, &b)) in out.iter().zip(&expected).enumerate() {
            let err = (a.to_f64().expect("a float") - b).abs() / (1.0 + b.abs());
            if err.is_nan() || err > worst.0 {
                worst = (err, i);
            }
        }
        assert!(
            worst.0 <= tol,
            "case {name}: relative error {:e} at index {} (tolerance {tol:e})",
            worst.0,
            worst.1
        );
    }
}

/// Checks the layer `build` makes from the case against Keras on the case's float input, and
/// that `forward_into` with a workspace gives the same result.
pub fn check_tensor_case<E, S, L, S2>(file: &str, name: &str, build: impl FnOnce(&Case) -> L)
where
    E: Float,
    S: Shape,
    S2: Shape,
    L: Layer<Tensor<E, S>, Output = Tensor<E, S2>>,
{
    let case = Case::get(file, name);
    let tol = case.dtype_tolerance::<E>();
    assert_eq!(case.dims("input_shape")[1..], *S::SAMPLE_DIMS, "case {name}: the test's input type");
    let x = Tensor::<E, S>::from_vec(Case::cast(&Case::numbers(&case.0["input"])))
        .expect("the input fits the type");
    let layer = build(&case);
    let y = layer.forward(&x);
    case.compare(y.dims(), y.as_slice(), tol);
    let mut ws = Workspace::new();
    let mut out = layer.forward(&x);
    for _ in 0..2 {
        layer.forward_into(&x, &mut out, &mut ws);
    }
    assert!(out == y, "case {name}: forward_into differs from forward");
}

/// The same for a layer on token ids (Embedding), checked against the vocabulary `V` first.
pub fn check_token_case<E, V, S, L, S2>(file: &str, name: &str, build: impl FnOnce(&Case) -> L)
where
    E: Float,
    V: StaticDim,
    S: Shape,
    S2: Shape,
    L: Layer<Tokens<V, S>, Output = Tensor<E, S2>>,
{
    let case = Case::get(file, name);
    case.dtype_tolerance::<E>();
    assert_eq!(case.f64("input_dim") as usize, V::USIZE, "case {name}: the test's vocabulary");
    let ids: Vec<i64> =
        case.0["input"].as_array().expect("ids").iter().map(|v| v.as_i64().expect("an id")).collect();
    let x = Tokens::<V, S>::from_ids(&ids).expect("Keras's ids are in its vocabulary");
    let layer = build(&case);
    let y = layer.forward(&x);
    // An embedding lookup copies rows: exactly Keras's values (compared in `E`, as the JSON
    // numbers parse to the nearest f64 only within an ulp).
    assert_eq!(y.dims(), case.dims("output_shape"), "case {name}: output shape");
    let expected: Vec<E> = Case::cast(&Case::numbers(&case.0["output"]));
    assert!(y.as_slice() == expected.as_slice(), "case {name}: the rows differ from Keras's");
}
