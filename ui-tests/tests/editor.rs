//! What the editor shows: rust-analyzer infers the type of every `let` binding of a layer's or
//! model's output, in the README's example, every example program, the bundled models (their
//! source, `model!` expansions included) and one
//! binding per kind of layer (valid and same padding, strides, dilation, pooling, Dense, merges,
//! channels-first). A hover that reads `Tensor<f32, {unknown}>` fails the test, with the line.
//!
//! The test writes a scratch crate under `target/` that depends on `shaped` and `shaped-models`,
//! runs `rust-analyzer analysis-stats` on it (its command-line form of the type inference behind
//! hovers) and reads the type it prints for each binding. It needs the `rust-analyzer` component
//! (`rustup component add rust-analyzer`); without it the test says so and passes, unless
//! `SHAPED_REQUIRE_RUST_ANALYZER=1` (set by `.ci/run` once it has installed the component).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One binding per kind of layer, each the `let y = layer.forward(&x)` a user writes.
const LAYERS: &str = r#"
use shaped::layers::merge::{Add, Concatenate};
use shaped::prelude::*;

pub fn layers() {
    let x = Tensor::<f32, shape![Dyn, 150, 1]>::zeros_with_batch(2).unwrap();
    let valid: Conv1D<f32, U![1], U![16], U![3]> = Conv1D::new(0);
    let y_valid = valid.forward(&x);
    let same: Conv1D<f32, U![16], U![16], U![5], U![1], Same> = Conv1D::new(0);
    let y_same = same.forward(&y_valid);
    let strided: Conv1D<f32, U![16], U![8], U![3], U![2]> = Conv1D::new(0);
    let y_strided = strided.forward(&y_same);
    let dilated: Conv1D<f32, U![16], U![8], U![3], U![1], Valid, U![2]> = Conv1D::new(0);
    let y_dilated = dilated.forward(&y_same);
    let causal: Conv1D<f32, U![16], U![16], U![3], U![1], Causal, U![4]> = Conv1D::new(0);
    let y_causal = causal.forward(&y_same);
    let max_pool = MaxPooling1D::<U![2]>::new();
    let y_max = max_pool.forward(&y_same);
    let avg_pool = AveragePooling1D::<U![3], U![1], Same>::new();
    let y_avg = avg_pool.forward(&y_same);
    let gap = GlobalAveragePooling1D::new();
    let y_gap = gap.forward(&y_same);
    let gmp = GlobalMaxPooling1D::new();
    let y_gmp = gmp.forward(&y_causal);
    let dense: Dense<f32, U![16], U![4]> = Dense::new(0);
    let y_dense = dense.forward(&y_gap);
    let per_step: Dense<f32, U![16], U![4]> = Dense::new(0);
    let y_per_step = per_step.forward(&y_same);
    let bn = BatchNormalization::<f32, U![16]>::new();
    let y_bn = bn.forward(&y_same);
    let y_add = Add::new().forward(&(&y_same, &y_bn));
    let y_cat = Concatenate::new().forward(&(&y_same, &y_causal));
    let y_flat = Flatten::new().forward(&y_max);
    let y_act = Activation::Relu.forward(&y_add);
    let y_drop = dropout!(0.5).forward(&y_act);
    let model = Sequential::new((
        Conv1D::<f32, U![1], U![8], U![7]>::new(0),
        MaxPooling1D::<U![2]>::new(),
        Flatten::new(),
        Dense::<f32, U![576], U![2]>::new(0),
    ));
    let y_model = model.forward(&x);
    let xf = Tensor::<f32, shape![Dyn, 3, 100; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let first: Conv1D<f32, U![3], U![8], U![5], U![1], Valid, U![1], U![1], ChannelsFirst> = Conv1D::new(0);
    let y_first = first.forward(&xf);
    let pool_first = MaxPooling1D::<U![2], U![2], Valid, ChannelsFirst>::new();
    let y_pool_first = pool_first.forward(&y_first);
    let _ = (y_strided, y_dilated, y_avg, y_gmp, y_dense, y_per_step, y_cat, y_flat, y_drop, y_model, y_pool_first);
}

pub fn transposed_and_issue_16_layers() {
    let x = Tensor::<f32, shape![Dyn, 20, 4]>::zeros_with_batch(2).unwrap();
    let up_valid: Conv1DTranspose<f32, U![4], U![6], U![3], U![2]> = Conv1DTranspose::new(0);
    let y_up_valid = up_valid.forward(&x);
    let up_same: Conv1DTranspose<f32, U![4], U![6], U![4], U![2], Same> = Conv1DTranspose::new(0);
    let y_up_same = up_same.forward(&x);
    let up_padded: Conv1DTranspose<f32, U![4], U![6], U![3], U![2], Same, U![1], U![1]> = Conv1DTranspose::new(0);
    let y_up_padded = up_padded.forward(&x);
    let up_valid_padded: Conv1DTranspose<f32, U![4], U![6], U![3], U![3], Valid, U![1], U![2]> = Conv1DTranspose::new(0);
    let y_up_valid_padded = up_valid_padded.forward(&x);
    let xf = Tensor::<f32, shape![Dyn, 4, 20; ChannelsFirst]>::zeros_with_batch(2).unwrap();
    let up_first: Conv1DTranspose<f32, U![4], U![6], U![3], U![2], Same, U![1], Inferred, ChannelsFirst> =
        Conv1DTranspose::new(0);
    let y_up_first = up_first.forward(&xf);
    let separable: SeparableConv1D<f32, U![4], U![8], U![3]> = SeparableConv1D::new(0);
    let y_separable = separable.forward(&x);
    let depthwise: DepthwiseConv1D<f32, U![4], U![3], U![2], U![1], Same> = DepthwiseConv1D::new(0);
    let y_depthwise = depthwise.forward(&x);
    let ln = LayerNormalization::<f32, U![4]>::new();
    let y_ln = ln.forward(&x);
    let gn = GroupNormalization::<f32, U![4], U![2]>::new();
    let y_gn = gn.forward(&x);
    let prelu = PReLU::<f32, U![1], U![4]>::new();
    let y_prelu = prelu.forward(&x);
    let y_permute = Permute::<(U![2], U![1])>::new().forward(&x);
    let y_adaptive = AdaptiveAveragePooling1D::<U![5]>::new().forward(&x);
    let y_keep = GlobalMaxPooling1D::new().keepdims().forward(&x);
    let y_repeat = RepeatVector::<U![3]>::new().forward(&GlobalAveragePooling1D::new().forward(&x));
    let _ = (y_up_valid, y_up_same, y_up_padded, y_up_valid_padded, y_up_first, y_separable, y_depthwise);
    let _ = (y_ln, y_gn, y_prelu, y_permute, y_adaptive, y_keep, y_repeat);
}

pub fn models() -> Result<(), shaped_models::Error> {
    use shaped_models::{BasicMotionsInception, Classifier, GunPointResNet, JapaneseVowelsFcn, JapaneseVowelsWaveNet};
    let x = Tensor::<f32, shape![Dyn, 150, 1]>::zeros_with_batch(2).unwrap();
    let y_resnet = GunPointResNet::new(0).forward(&x);
    let x = Tensor::<f32, shape![Dyn, 100, 6]>::zeros_with_batch(2).unwrap();
    let y_inception = BasicMotionsInception::new(0).forward(&x);
    let x = Tensor::<f32, shape![Dyn, 29, 12]>::zeros_with_batch(2).unwrap();
    let y_wavenet = JapaneseVowelsWaveNet::new(0).forward(&x);
    let fcn = JapaneseVowelsFcn::load("weights.safetensors")?;
    let y_fcn = fcn.probabilities(&x);
    let _ = (y_resnet, y_inception, y_wavenet, y_fcn);
    Ok(())
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("ui-tests sits in the workspace").to_path_buf()
}

/// The README's Rust example, as a module.
fn readme_example(root: &Path) -> String {
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = readme.find("```rust\n").expect("the README has a Rust example") + "```rust\n".len();
    let end = start + readme[start..].find("```").expect("the example ends");
    readme[start..end].to_string()
}

/// The scratch crate: `layers()`, `models()`, the README's example and every example program
/// as modules, with the dependencies the examples use.
fn write_scratch(root: &Path, dir: &Path) -> Vec<String> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("scratch dir");
    let manifest = format!(
        "[package]\nname = \"editor-types\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nshaped = {{ path = {:?} }}\nshaped-models = {{ path = {:?} }}\nshaped-import = {{ path = {:?} }}\ntypenum = \"1.17\"\nserde_json = \"1\"\n\n[workspace]\n",
        root.display(),
        root.join("crates/models").display(),
        root.join("crates/import").display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    for file in ["rust-toolchain.toml", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file)).expect("copy the workspace's toolchain and lock");
    }
    std::fs::write(src.join("layers.rs"), LAYERS).expect("layers");
    std::fs::write(src.join("readme.rs"), readme_example(root)).expect("readme");
    let mut modules = vec!["layers".to_string(), "readme".to_string()];
    let mut lib = String::from("#![allow(dead_code, unused)]\npub mod layers;\npub mod readme;\n");
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    examples.sort();
    for path in examples {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_string();
        // Copied: rust-analyzer reads only the files under a crate's directory.
        std::fs::copy(&path, src.join(format!("{name}.rs"))).expect("copy an example");
        lib.push_str(&format!("pub mod {name};\n"));
        modules.push(name);
    }
    std::fs::write(src.join("lib.rs"), lib).expect("lib.rs");
    modules
}

/// The functions (of the scratch crate and the bundled models) with bindings whose type
/// rust-analyzer leaves unknown or partly unknown, from its per-function summary lines
/// `In <function>: <n> pats, <u> unknown, <p> partial`; and how many functions it checked.
fn functions_with_unknown_bindings(output: &str) -> (Vec<String>, usize) {
    let mut unknown = Vec::new();
    let mut functions = 0;
    for line in output.split(['\n', '\r']) {
        let Some((function, counts)) = line.strip_prefix("In ").and_then(|r| r.split_once(": ")) else {
            continue;
        };
        // The bundled models' `model!` expansions are checked with the scratch crate's functions.
        let checked = function.starts_with("editor_types::") || function.starts_with("shaped_models::");
        if !checked || !counts.contains(" pats,") {
            continue;
        }
        functions += 1;
        if !counts.ends_with(" 0 unknown, 0 partial") {
            unknown.push(function.to_string());
        }
    }
    (unknown, functions)
}

/// The bindings of `function` with unknown types, `line:col-line:col: type` (rust-analyzer prints
/// types one by one only for a single function).
fn unknown_in(dir: &Path, target: &Path, function: &str) -> Vec<String> {
    let out = Command::new("rust-analyzer")
        .args([
            "analysis-stats",
            ".",
            "-v",
            "-v",
            "--skip-mir-stats",
            "--skip-const-eval",
            "--skip-data-layout",
        ])
        .args(["--only", function])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .expect("rust-analyzer runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let mut lines = Vec::new();
    for line in text.split(['\n', '\r']) {
        if line.starts_with(&format!("In {function}: ")) && line.contains(" pats,") {
            break;
        }
        if line.starts_with("In ") {
            lines.clear();
        } else if line.contains("{unknown}") && line.split_once(": ").is_some_and(|(at, _)| at.contains(':'))
        {
            lines.push(format!("    {}", line.trim()));
        }
    }
    lines
}

#[test]
fn rust_analyzer_infers_every_binding() {
    let required = std::env::var("SHAPED_REQUIRE_RUST_ANALYZER").is_ok_and(|v| v == "1");
    let root = workspace();
    let available = Command::new("rust-analyzer")
        .arg("--version")
        .current_dir(&root)
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(!required, "SHAPED_REQUIRE_RUST_ANALYZER=1 but rust-analyzer does not run");
        eprintln!("skipped: rust-analyzer is not installed (rustup component add rust-analyzer)");
        return;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let dir = target.join("editor-types");
    let modules = write_scratch(&root, &dir);
    let ra_target = target.join("editor-types-target");
    // The scratch crate must compile: a binding rustc refuses is unknown to rust-analyzer too.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let check = Command::new(cargo)
        .args(["check", "--quiet", "--color=never"])
        .env("CARGO_TARGET_DIR", &ra_target)
        .env_remove("RUSTFLAGS")
        .current_dir(&dir)
        .output()
        .expect("cargo check runs");
    assert!(
        check.status.success(),
        "the scratch crate does not compile:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let out = Command::new("rust-analyzer")
        .args([
            "analysis-stats",
            ".",
            "-v",
            "-v",
            "--skip-mir-stats",
            "--skip-const-eval",
            "--skip-data-layout",
        ])
        .env("CARGO_TARGET_DIR", &ra_target)
        .current_dir(&dir)
        .output()
        .expect("rust-analyzer runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "rust-analyzer analysis-stats failed:\n{text}");
    let (unknown, functions) = functions_with_unknown_bindings(&text);
    for module in &modules {
        assert!(
            text.contains(&format!("In editor_types::{module}::")),
            "rust-analyzer did not analyse module `{module}`; its output:\n{text}"
        );
    }
    assert!(functions >= modules.len(), "only {functions} functions analysed");
    let mut report = Vec::new();
    for function in &unknown {
        report.push(format!("{function}:"));
        report.extend(unknown_in(&dir, &ra_target, function));
    }
    assert!(
        unknown.is_empty(),
        "rust-analyzer cannot infer these bindings (an editor hover shows {{unknown}}; line:col in the scratch crate {}):\n{}",
        dir.display(),
        report.join("\n")
    );
}
