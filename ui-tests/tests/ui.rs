//! The compile-fail suite: one Keras mistake per file, named after its catalog id in
//! `tests/golden/keras_value_errors.json`.
//!
//!   fail/<id>.rs + fail/<id>.stderr   the mistake, and the reviewed error a user sees
//!   pass/<id>.rs                      the fix: compiles and runs (asserts in `fn main`)
//!
//! `<id>__<variant>` is the same catalog mistake through another API (a Sequential vs direct
//! calls, a Residual vs an Add); `rule_<name>` is a shape rule of the layers that no catalog row
//! exercises (its header names the rule trait).
//!
//! Run:   cargo test -p shaped-ui-tests
//! Bless: TRYBUILD=overwrite cargo test -p shaped-ui-tests   (rewrites every `.stderr`; then
//!        read each changed snapshot with `git diff ui-tests/fail` before committing: it is
//!        what users see). The snapshots depend on the pinned toolchain (rust-toolchain.toml).
//!
//! `cargo_check_reports_the_rules` also runs a real `cargo check` (not a build) on a few fail
//! cases, to prove the errors come from trait bounds that `cargo check` and editors report.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/*.rs");
    t.pass("pass/*.rs");
}

/// Fail cases checked with a real `cargo check` in a scratch crate.
const CHECKED: &[&str] = &[
    "seed_example1_missing_channel",
    "kernel_gt_length_static",
    "groups_not_dividing_channels",
    "pool_gt_length_static",
    "global_pool_rank2",
    "rule_cropping_leaves_steps",
];

#[test]
fn cargo_check_reports_the_rules() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().expect("ui-tests lives in the workspace");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cargo-check-fail-cases");
    let bin_dir = scratch.join("src").join("bin");
    std::fs::create_dir_all(&bin_dir).expect("create the scratch crate");
    let manifest = format!(
        "[package]\nname = \"shaped-check-fail-cases\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nshaped = {{ path = {:?} }}\n\n[workspace]\n",
        workspace.display().to_string()
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).expect("write the scratch manifest");
    for file in ["Cargo.lock", "rust-toolchain.toml"] {
        std::fs::copy(workspace.join(file), scratch.join(file))
            .expect("copy the workspace's lock and toolchain");
    }
    let mut headlines = Vec::new();
    for name in CHECKED {
        let case = manifest_dir.join("fail").join(format!("{name}.rs"));
        std::fs::copy(&case, bin_dir.join(format!("{name}.rs"))).expect("copy a fail case");
        let stderr = std::fs::read_to_string(case.with_extension("stderr")).expect("the case's snapshot");
        let headline = stderr.lines().next().expect("a non-empty snapshot").to_string();
        headlines.push((name, headline));
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--bins", "--keep-going", "--quiet", "--color=never", "--message-format=short"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "cargo check accepted the fail cases:\n{stderr}");
    for (name, headline) in headlines {
        // `--message-format=short` prints `src/bin/<name>.rs:LINE:COL: error[E0277]: <headline>: <label>`.
        let found = stderr.lines().any(|line| {
            line.starts_with(&format!("src/bin/{name}.rs:")) && line.contains(&format!(": {headline}"))
        });
        assert!(found, "cargo check did not report `{headline}` for {name}:\n{stderr}");
    }
}
