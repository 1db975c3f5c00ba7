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

/// Every fail case through a plain `cargo check` (no `--verbose`, as a user runs it) in a scratch
/// crate: each case's first error must be its trybuild headline, and its whole output must equal
/// `plain/<case>.stderr`, the snapshot of what users see in a terminal (rustc shortens long types
/// there, which trybuild's verbose snapshots do not show). `SHAPED_BLESS=1` rewrites the plain
/// snapshots; `python3 tools/plain_vs_verbose.py` shows how they differ from the verbose ones.
#[test]
fn cargo_check_output_as_users_see_it() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().expect("ui-tests lives in the workspace");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cargo-check-fail-cases");
    let bin_dir = scratch.join("src").join("bin");
    let _ = std::fs::remove_dir_all(&bin_dir);
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
    let mut cases: Vec<String> = std::fs::read_dir(manifest_dir.join("fail"))
        .expect("fail/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().and_then(|s| s.to_str()).expect("utf-8 name").to_string())
        .collect();
    cases.sort();
    for name in &cases {
        std::fs::copy(
            manifest_dir.join("fail").join(format!("{name}.rs")),
            bin_dir.join(format!("{name}.rs")),
        )
        .expect("copy a fail case");
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--bins", "--keep-going", "--quiet", "--color=never", "--message-format=json"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    assert!(!output.status.success(), "cargo check accepted the fail cases");
    let mut rendered: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some(name) = json_str(line, "\"target\":{", "\"name\":\"") else { continue };
        if !line.contains("\"reason\":\"compiler-message\"") {
            continue;
        }
        // Errors only, as trybuild keeps them; not the closing "aborting due to" summary.
        if json_str(line, "\"message\":{", "\"level\":\"").as_deref() != Some("error") {
            continue;
        }
        if let Some(text) = json_str(line, "\"message\":{", "\"rendered\":\"") {
            if !text.starts_with("error: aborting due to") {
                rendered.entry(name).or_default().push_str(&text);
            }
        }
    }
    let bless = std::env::var("SHAPED_BLESS").is_ok_and(|v| v == "1");
    let plain_dir = manifest_dir.join("plain");
    std::fs::create_dir_all(&plain_dir).expect("plain/");
    let mut mismatched = Vec::new();
    for name in &cases {
        let text = normalize(rendered.get(name).map_or("", String::as_str), workspace, &scratch);
        let verbose = std::fs::read_to_string(manifest_dir.join("fail").join(format!("{name}.stderr")))
            .expect("the case's trybuild snapshot");
        let headline = verbose.lines().next().expect("a non-empty snapshot");
        assert_eq!(
            text.lines().next(),
            Some(headline),
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
        "plain cargo check output differs from ui-tests/plain/ (bless with SHAPED_BLESS=1 and read the diff):\n{}",
        mismatched.join("\n")
    );
}

/// The JSON string value after `key` in the first object that starts at `object` (no nesting of
/// the same key before it), unescaped.
fn json_str(line: &str, object: &str, key: &str) -> Option<String> {
    let at = line.find(object)? + object.len();
    let start = at + line[at..].find(key)? + key.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The output with machine paths replaced, as trybuild does: `$WORKSPACE`, `$CARGO`, and the
/// long-type files rustc writes (their names hold a hash).
fn normalize(text: &str, workspace: &Path, scratch: &Path) -> String {
    let mut out = text.replace(&scratch.display().to_string(), "$SCRATCH");
    out = out.replace(&workspace.display().to_string(), "$WORKSPACE");
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        out = out.replace(&PathBuf::from(home).join("registry/src").display().to_string(), "$CARGO");
    }
    out = out.replace("/root/.cargo/registry/src", "$CARGO");
    let mut lines = Vec::new();
    for line in out.lines() {
        let line = match line.find("long-type-") {
            Some(at) => {
                let end = line[at..].find(".txt").map_or(line.len(), |e| at + e + 4);
                format!("{}long-type-HASH.txt{}", &line[..at], &line[end..])
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
    let mut s = lines.join("\n");
    s.push('\n');
    s
}
