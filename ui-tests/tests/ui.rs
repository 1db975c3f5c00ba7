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
//! The fail cases run through trybuild (`ui`); the pass cases are built in one cargo run and
//! each run (`pass_cases_compile_and_run`).
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
    // `SHAPED_UI_CASES=<glob>` (e.g. `filters_zero` or `rule_*`) runs only those cases, fail and
    // pass: a re-bless of the cases a change touches instead of the whole suite. The fail cases
    // alone in trybuild's project: trybuild checks them in one parallel `cargo check`, where a
    // project that also has pass cases builds every case in a cargo run of its own, one after
    // the other (`pass_cases_compile_and_run` builds and runs those).
    let t = trybuild::TestCases::new();
    t.compile_fail(format!("fail/{}.rs", case_glob()));
}

/// The cases `SHAPED_UI_CASES` selects (a glob over the file stems; all by default).
fn case_glob() -> String {
    std::env::var("SHAPED_UI_CASES").unwrap_or_else(|_| "*".to_string())
}

/// Every passing twin (`pass/`) compiles and runs to a successful exit (they assert in
/// `fn main`): built together as the binaries of a scratch crate, in one cargo run.
#[test]
fn pass_cases_compile_and_run() {
    let (scratch, target, cases) = scratch_crate("pass");
    let pattern = case_glob();
    let cases: Vec<String> = cases.into_iter().filter(|c| glob_matches(&pattern, c)).collect();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "--color=never"]).current_dir(&scratch).env("CARGO_TARGET_DIR", &target);
    for name in &cases {
        build.args(["--bin", name]);
    }
    let output = build.env_remove("RUSTFLAGS").output().expect("run cargo build");
    assert!(
        output.status.success(),
        "a pass case does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut failed = Vec::new();
    for name in &cases {
        let run = Command::new(target.join("debug").join(name)).output().expect("run a pass case");
        if !run.status.success() {
            failed.push(format!("{name}: {}\n{}", run.status, String::from_utf8_lossy(&run.stderr)));
        }
    }
    assert!(failed.is_empty(), "pass cases that fail when run:\n{}", failed.join("\n"));
    assert!(!cases.is_empty() || pattern != "*", "no pass cases found");
}

/// `name` matches `pattern`, a glob with `*` (any run of characters) only.
fn glob_matches(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Every fail case through a plain `cargo check` (no `--verbose`, as a user runs it) in a scratch
/// crate: each case's first error must be its trybuild headline, and its whole output must equal
/// `plain/<case>.stderr`, the snapshot of what users see in a terminal (rustc shortens long types
/// there, which trybuild's verbose snapshots do not show). `SHAPED_BLESS=1` rewrites the plain
/// snapshots; `python3 tools/plain_vs_verbose.py` shows how they differ from the verbose ones.
#[test]
fn cargo_check_output_as_users_see_it() {
    plain_check("fail", "plain", true);
}

/// The held-out mistakes (`heldout/`): 32 mistakes written as Keras users write them (several
/// layers deep, in models, with annotations), kept out of the suite the messages were tuned on.
/// Each must fail to compile; its plain `cargo check` output is `heldout/<case>.stderr`
/// (`SHAPED_BLESS=1` rewrites them), graded in the closing notes with
/// `python3 tools/plain_vs_verbose.py --heldout`.
#[test]
fn held_out_mistakes_do_not_compile() {
    plain_check("heldout", "heldout", false);
}

/// Runs a plain `cargo check` on every case of `cases_dir` in a scratch crate and compares each
/// case's errors with `<snapshot_dir>/<case>.stderr`; with `headlines`, the first error must
/// also be the headline of the case's trybuild snapshot (`fail/<case>.stderr`).
fn plain_check(cases_dir: &str, snapshot_dir: &str, headlines: bool) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().expect("ui-tests lives in the workspace");
    let (scratch, target, cases) = scratch_crate(cases_dir);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--bins", "--keep-going", "--quiet", "--color=never", "--message-format=json"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    assert!(!output.status.success(), "cargo check accepted the fail cases");
    let mut rendered: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if v["reason"] != "compiler-message" {
            continue;
        }
        // Errors only, as trybuild keeps them; not the closing "aborting due to" summary.
        let (Some(name), Some(text)) = (v["target"]["name"].as_str(), v["message"]["rendered"].as_str())
        else {
            continue;
        };
        // Cargo prints an error identical to one it has printed already for the same target only
        // once (in its terminal output; JSON passes every copy through): so does this snapshot.
        if v["message"]["level"] == "error" && !text.starts_with("error: aborting due to") {
            let seen = rendered.entry(name.to_string()).or_default();
            if !seen.contains(text) {
                seen.push_str(text);
            }
        }
    }
    let bless = std::env::var("SHAPED_BLESS").is_ok_and(|v| v == "1");
    let plain_dir = manifest_dir.join(snapshot_dir);
    std::fs::create_dir_all(&plain_dir).expect("the snapshots' directory");
    let mut mismatched = Vec::new();
    for name in &cases {
        let text = normalize(rendered.get(name).map_or("", String::as_str), workspace, &scratch, &target);
        assert!(!text.trim().is_empty(), "plain cargo check reports no error for {cases_dir}/{name}.rs");
        let verbose = if headlines {
            std::fs::read_to_string(manifest_dir.join("fail").join(format!("{name}.stderr")))
                .expect("the case's trybuild snapshot")
        } else {
            text.clone()
        };
        // The headline's words, up to the first quoted type (which plain output may shorten).
        let words =
            |s: &str| s.lines().next().unwrap_or_default().split('`').next().unwrap_or_default().to_string();
        assert_eq!(
            words(&text),
            words(&verbose),
            "plain cargo check of {name} does not start with its headline; it prints:\n{text}"
        );
        let snapshot = plain_dir.join(format!("{name}.stderr"));
        if bless {
            std::fs::write(&snapshot, &text).expect("write a plain snapshot");
        } else if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(text.as_str()) {
            mismatched.push(format!("{name}:\n{text}"));
        }
    }
    assert!(
        mismatched.is_empty(),
        "plain cargo check output differs from ui-tests/{snapshot_dir}/ (bless with SHAPED_BLESS=1 and read the diff):\n{}",
        mismatched.join("\n")
    );
}

/// A scratch crate depending on `shaped` whose binaries are the cases of `cases_dir`:
/// returns its directory, the target directory all scratch crates share (shaped and its
/// dependencies are built once for every case directory; cargo's lock serialises the tests'
/// runs), and the case names, sorted.
fn scratch_crate(cases_dir: &str) -> (PathBuf, PathBuf, Vec<String>) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().expect("ui-tests lives in the workspace");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cargo-check-{cases_dir}"));
    let bin_dir = scratch.join("src").join("bin");
    let _ = std::fs::remove_dir_all(&bin_dir);
    std::fs::create_dir_all(&bin_dir).expect("create the scratch crate");
    let manifest = format!(
        "[package]\nname = \"shaped-check-{cases_dir}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nshaped = {{ path = {:?} }}\n\n[workspace]\n",
        workspace.display().to_string()
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).expect("write the scratch manifest");
    for file in ["Cargo.lock", "rust-toolchain.toml"] {
        std::fs::copy(workspace.join(file), scratch.join(file))
            .expect("copy the workspace's lock and toolchain");
    }
    let mut cases: Vec<String> = std::fs::read_dir(manifest_dir.join(cases_dir))
        .expect("the cases' directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_string())
        .collect();
    cases.sort();
    for name in &cases {
        std::fs::copy(
            manifest_dir.join(cases_dir).join(format!("{name}.rs")),
            bin_dir.join(format!("{name}.rs")),
        )
        .expect("copy a case");
    }
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cargo-check-target");
    (scratch, target, cases)
}

/// The output with machine paths replaced, as trybuild does: `$WORKSPACE`, `$CARGO`, and the
/// long-type files rustc writes (their names hold a hash).
fn normalize(text: &str, workspace: &Path, scratch: &Path, target: &Path) -> String {
    // The shared target directory reads as the scratch crate's own (`$SCRATCH/target`), as a
    // user's crate would have it.
    let mut out = text.replace(&target.display().to_string(), "$SCRATCH/target");
    out = out.replace(&scratch.display().to_string(), "$SCRATCH");
    out = out.replace(&workspace.display().to_string(), "$WORKSPACE");
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        out = out.replace(&PathBuf::from(home).join("registry/src").display().to_string(), "$CARGO");
    }
    out = out.replace("/root/.cargo/registry/src", "$CARGO");
    let mut lines = Vec::new();
    for line in out.lines() {
        // The standard library's sources (the `rust-src` component, which `.ci/run` installs):
        // `<rustup home>/toolchains/<name>/lib/rustlib/src/rust/library/..` on any machine.
        let sysroot_src = "/lib/rustlib/src/rust/";
        let line = match (line.find(sysroot_src), line.find("--> ")) {
            (Some(at), Some(arrow)) if arrow < at => {
                format!("{}$RUST/{}", &line[..arrow + 4], &line[at + sysroot_src.len()..])
            }
            _ => line.to_string(),
        };
        // `deps/<name>-<metadata hash>.long-type-<hash>.txt`: both hashes depend on the machine.
        let line = match line.find(".long-type-") {
            Some(at) => {
                let end = line[at..].find(".txt").map_or(line.len(), |e| at + e + 4);
                let start =
                    line[..at].rfind('-').filter(|&d| line[d + 1..at].bytes().all(|b| b.is_ascii_hexdigit()));
                format!("{}-HASH.long-type-HASH.txt{}", &line[..start.unwrap_or(at)], &line[end..])
            }
            None => line.to_string(),
        };
        let line = match (line.find("$CARGO/"), line.find("/src/")) {
            (Some(a), Some(b)) if b > a => {
                // `$CARGO/index.crates.io-<hash>/typenum-1.19.0/src/..` -> `$CARGO/typenum-1.19.0/src/..`
                let rest = &line[a + "$CARGO/".len()..];
                match rest.find('/') {
                    Some(slash) if rest[..slash].starts_with("index.") => {
                        format!("{}$CARGO/{}", &line[..a], &rest[slash + 1..])
                    }
                    _ => line,
                }
            }
            _ => line,
        };
        lines.push(line);
    }
    // Locations in the library's and dependencies' sources lose their line numbers (as trybuild
    // does), so that the snapshots do not change with every edit there.
    let mut external = false;
    for line in &mut lines {
        let trimmed = line.trim_start();
        if let Some(path) = trimmed.strip_prefix("--> ") {
            external = path.starts_with("$WORKSPACE") || path.starts_with("$CARGO");
            if external {
                let indent = &line[..line.len() - trimmed.len()];
                let file = path.split(':').next().unwrap_or(path);
                *line = format!("{indent}--> {file}");
            }
            continue;
        }
        if external {
            let gutter = line.find('|').filter(|&bar| line[..bar].trim().bytes().all(|b| b.is_ascii_digit()));
            match gutter {
                Some(bar) => *line = format!("{}|{}", " ".repeat(bar), &line[bar + 1..]),
                None => external = trimmed.starts_with("...") || trimmed.is_empty(),
            }
        }
    }
    let mut s = lines.join("\n");
    s.push('\n');
    s
}
