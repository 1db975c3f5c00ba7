//! Every row of the Keras mistake catalog (`tests/golden/keras_value_errors.json`) has an entry
//! in the table of `src/mistakes.rs`, and every entry's proof exists:
//!
//! - a compile error names `ui-tests/fail/<id>.rs`, which has its `.stderr` snapshot (whose
//!   first line is the headline quoted in the table) and its passing twin `ui-tests/pass/<id>.rs`;
//! - a row that works names `ui-tests/pass/<id>.rs`;
//! - a run-time row names a test function `path::name` that exists in that file;
//! - any other row says `pending:`, `accepted:` or `n/a:` with a reason.
//!
//! A new catalog id without a row, a row for an unknown id, or a ui case that answers no catalog
//! row fails this test. Besides `<id>.rs`, ui cases may be `<id>__<variant>.rs` (the same catalog
//! mistake through another API) or `rule_<name>.rs` (a shape rule of the layers without a catalog
//! row, naming its rule trait); every fail case needs its snapshot and its passing twin.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The catalog's ids, in order.
fn catalog_ids() -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read(&root().join("tests/golden/keras_value_errors.json")))
            .expect("the catalog is JSON");
    json["cases"]
        .as_array()
        .expect("the catalog has cases")
        .iter()
        .map(|c| c["id"].as_str().expect("every case has an id").to_string())
        .collect()
}

/// One row of the table: the `shaped` cell and the proof cell, by id.
struct Row {
    shaped: String,
    proof: String,
}

fn table() -> BTreeMap<String, Row> {
    let page = read(&root().join("src/mistakes.rs"));
    let mut rows = BTreeMap::new();
    for line in page.lines() {
        let Some(row) = line.strip_prefix("//! | `") else { continue };
        let cells: Vec<&str> = row.trim_end_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 5, "a table row has 5 cells: {line}");
        let id = cells[0].trim_end_matches('`').to_string();
        let previous =
            rows.insert(id.clone(), Row { shaped: cells[3].to_string(), proof: cells[4].to_string() });
        assert!(previous.is_none(), "two rows for `{id}`");
    }
    rows
}

/// The code spans of a cell: `` `a` and `b` `` gives `["a", "b"]` (single backticks only).
fn code_spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).filter(|s| !s.is_empty()).collect()
}

/// The first line of a snapshot without `error[E0277]: `.
fn headline(stderr: &str) -> &str {
    let first = stderr.lines().next().unwrap_or_default();
    let rest = first.strip_prefix("error").unwrap_or(first);
    let rest = if rest.starts_with('[') { &rest[rest.find(']').map_or(0, |i| i + 1)..] } else { rest };
    rest.trim_start_matches(':').trim()
}

fn check_row(id: &str, row: &Row) -> Result<(), String> {
    let fail = format!("ui-tests/fail/{id}.rs");
    let pass = format!("ui-tests/pass/{id}.rs");
    let spans = code_spans(&row.proof);
    if spans.contains(&fail.as_str()) {
        for needed in [fail.clone(), fail.replace(".rs", ".stderr"), pass.clone()] {
            if !root().join(&needed).is_file() {
                return Err(format!("`{id}`: {needed} is missing"));
            }
        }
        if !row.shaped.starts_with("**compile error**") {
            return Err(format!("`{id}`: a fail case must be listed as **compile error**"));
        }
        let stderr = read(&root().join(fail.replace(".rs", ".stderr")));
        let head = headline(&stderr);
        if !row.shaped.contains(head) {
            return Err(format!("`{id}`: the table does not quote the snapshot's headline `{head}`"));
        }
        return Ok(());
    }
    if spans.contains(&pass.as_str()) {
        if !root().join(&pass).is_file() {
            return Err(format!("`{id}`: {pass} is missing"));
        }
        return Ok(());
    }
    if let Some(test) = spans.iter().find(|s| s.contains(".rs::")) {
        let (file, name) = test.split_once("::").expect("path::name");
        let path = root().join(file);
        if !path.is_file() {
            return Err(format!("`{id}`: {file} is missing"));
        }
        if !read(&path).contains(&format!("fn {name}(")) {
            return Err(format!("`{id}`: {file} has no test `{name}`"));
        }
        return Ok(());
    }
    for kind in ["pending:", "accepted:", "n/a:"] {
        if let Some(reason) = row.proof.strip_prefix(kind) {
            if reason.trim().len() < 5 {
                return Err(format!("`{id}`: `{kind}` needs a reason"));
            }
            return Ok(());
        }
    }
    Err(format!("`{id}`: no fail case, pass case, test, or pending/accepted/n/a entry: {}", row.proof))
}

#[test]
fn every_catalog_row_has_an_entry_and_its_proof_exists() {
    let ids = catalog_ids();
    assert_eq!(ids.len(), 114, "the catalog changed size: update the table in src/mistakes.rs");
    let table = table();
    let mut problems = Vec::new();
    for id in &ids {
        match table.get(id) {
            None => problems.push(format!("`{id}` has no row in the table of src/mistakes.rs")),
            Some(row) => {
                if let Err(e) = check_row(id, row) {
                    problems.push(e);
                }
            }
        }
    }
    for id in table.keys() {
        if !ids.contains(id) {
            problems.push(format!("the table has a row for `{id}`, which is not in the catalog"));
        }
    }
    assert!(problems.is_empty(), "catalog coverage:\n{}", problems.join("\n"));
}

/// The rule traits declared in the shape-rule files, by name.
fn rule_traits() -> Vec<String> {
    let mut names = Vec::new();
    for file in
        ["rules.rs", "pool_rules.rs", "layer_rules.rs", "merge_rules.rs", "mask_rules.rs", "layout.rs"]
    {
        let text = read(&root().join("crates/shapes/src").join(file));
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("pub trait ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                names.push(name);
            }
        }
    }
    names
}

/// What a ui case answers, from its file stem:
///
/// - `<id>`: the catalog row `<id>`;
/// - `<id>__<variant>`: the same catalog mistake made through another API (a Sequential vs
///   direct calls, a Residual vs an Add ...); its header starts with `// Catalog row `<id>``;
/// - `rule_<name>`: a shape rule of the layers that no catalog row exercises; its header starts
///   with `// Shape rule `<Trait>`` and names a rule trait of `crates/shapes/src/*rules.rs` (or
///   `layout.rs`), or with `// Argument rule `<macro>!`` for an argument a macro checks.
fn check_ui_case(path: &Path, ids: &[String], rules: &[String]) -> Result<(), String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let is_rs = path.extension().and_then(|s| s.to_str()) == Some("rs");
    let first = if is_rs { read(path).lines().next().unwrap_or_default().to_string() } else { String::new() };
    if stem.starts_with("rule_") {
        // An argument checked when a macro expands (`dropout!`): the macro must exist.
        if let Some(rest) = first.strip_prefix("// Argument rule `") {
            let named = rest.split('`').next().unwrap_or_default();
            let name = named.strip_suffix('!').unwrap_or_default();
            let defined =
                std::fs::read_dir(root().join("crates/layers/src")).expect("crates/layers/src").any(|e| {
                    let path = e.expect("a directory entry").path();
                    path.extension().is_some_and(|x| x == "rs")
                        && read(&path).contains(&format!("macro_rules! {name} "))
                });
            if name.is_empty() || !defined {
                return Err(format!(
                    "{} names `{named}`, which is not a macro of the layers",
                    path.display()
                ));
            }
            return Ok(());
        }
        if is_rs {
            let named = first
                .strip_prefix("// Shape rule `")
                .and_then(|rest| rest.split('`').next())
                .ok_or_else(|| format!("{} must start with `// Shape rule `<Trait>`...`", path.display()))?;
            if !rules.iter().any(|r| r == named) {
                return Err(format!("{} names `{named}`, which is not a rule trait", path.display()));
            }
        }
        return Ok(());
    }
    let id = stem.split_once("__").map_or(stem, |(id, _)| id);
    if !ids.iter().any(|known| known == id) {
        return Err(format!("{} answers no catalog row", path.display()));
    }
    if is_rs && !first.starts_with(&format!("// Catalog row `{id}`")) {
        return Err(format!("{} must start with `// Catalog row `{id}`...`", path.display()));
    }
    Ok(())
}

#[test]
fn every_ui_case_answers_a_catalog_row() {
    let ids = catalog_ids();
    let rules = rule_traits();
    let mut problems = Vec::new();
    for dir in ["ui-tests/fail", "ui-tests/pass"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("the ui-tests directory") {
            let path = entry.expect("a directory entry").path();
            let ext = path.extension().and_then(|s| s.to_str()).unwrap_or_default();
            if !["rs", "stderr"].contains(&ext) {
                continue;
            }
            if let Err(e) = check_ui_case(&path, &ids, &rules) {
                problems.push(e);
            }
            // Every fail case has its snapshot and its passing twin (catalog rows are also
            // checked through the table; variants and rule cases only here).
            if dir == "ui-tests/fail" && ext == "rs" {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                for needed in
                    [path.with_extension("stderr"), root().join("ui-tests/pass").join(format!("{stem}.rs"))]
                {
                    if !needed.is_file() {
                        problems.push(format!("{} has no {}", path.display(), needed.display()));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
