//! Every doc example of the published crates names the facade's paths (`shaped::layers::...`,
//! `shaped::prelude::*`), never an internal crate's (`shaped_layers::...`), so that an example
//! pasted into a crate that depends on `shaped` only compiles. (The internal crates' doc tests
//! run with `shaped` as a dev-dependency, so the examples are compiled that way too; this test
//! keeps them from naming the internal crates, which would also compile there.)
//! `python3 tools/count_internal_doc_paths.py -v` lists the same lines.

use std::path::{Path, PathBuf};

const INTERNAL: [&str; 6] =
    ["shaped_layers", "shaped_shapes", "shaped_tensor", "shaped_io", "shaped_kernels", "shaped_macros"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `(line number, text)` of each line of a ``` block in a `///` or `//!` comment.
fn doc_example_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else {
            in_code = false;
            continue;
        };
        let doc = doc.trim();
        if doc.starts_with("```") {
            in_code = !in_code;
        } else if in_code {
            out.push((n + 1, doc.to_string()));
        }
    }
    out
}

fn names_internal_crate(line: &str) -> bool {
    INTERNAL.iter().any(|c| {
        line.match_indices(c).any(|(i, _)| {
            let before = line[..i].chars().next_back();
            let after = line[i + c.len()..].chars().next();
            !before.is_some_and(|b| b.is_alphanumeric() || b == '_')
                && !after.is_some_and(|a| a.is_alphanumeric() || a == '_')
        })
    })
}

#[test]
fn doc_examples_use_the_facade_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for entry in std::fs::read_dir(root.join("crates")).expect("crates") {
        let dir = entry.expect("entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        // Not published: the bundled models and the import tests.
        if matches!(name.as_str(), "models" | "import-tests") || !dir.join("src").is_dir() {
            continue;
        }
        rust_files(&dir.join("src"), &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(root).unwrap_or(file).display().to_string();
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in doc_example_lines(&text) {
            if names_internal_crate(&line) {
                found.push(format!("{rel}:{n}: {line}"));
            }
        }
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    assert!(
        found.is_empty(),
        "doc examples naming an internal crate (use `shaped::...`):\n{}",
        found.join("\n")
    );
}
