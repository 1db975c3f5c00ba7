#!/usr/bin/env python3
"""Counts the lines of doc examples (``` blocks in `///` and `//!` comments, and in the
Markdown files included as docs) that name an internal crate's path (`shaped_layers::` ...)
instead of the facade's (`shaped::layers::` ...). An example that does cannot be pasted into a
crate that depends on `shaped` only. Usage: python3 tools/count_internal_doc_paths.py [-v]"""
import pathlib, re, sys

INTERNAL = re.compile(r"\bshaped_(layers|shapes|tensor|io|kernels|macros)\b")
root = pathlib.Path(__file__).resolve().parent.parent
files = sorted(p for p in root.glob("crates/*/src/**/*.rs")) + sorted(root.glob("src/**/*.rs"))
files += [root / "README.md"] + sorted(root.glob("crates/*/README.md"))
total = 0
for f in files:
    rel = f.relative_to(root)
    # crates that are not published, and the kernels' Conv1D backward (other work)
    if str(rel).startswith(("crates/import-tests", "crates/models", "crates/train")):
        continue
    in_code = False
    for n, line in enumerate(f.read_text().splitlines(), 1):
        s = line.strip()
        if f.suffix == ".rs":
            m = re.match(r"(///|//!)\s?(.*)", s)
            if not m:
                in_code = False
                continue
            s = m.group(2).strip()
        if s.startswith("```"):
            in_code = not in_code
            continue
        if in_code and INTERNAL.search(s):
            total += 1
            if "-v" in sys.argv:
                print(f"{rel}:{n}: {s}")
print(total)
