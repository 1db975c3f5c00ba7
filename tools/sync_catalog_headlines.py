#!/usr/bin/env python3
"""Rewrites the compile-error headlines quoted in src/mistakes.rs from the snapshots.

A catalog row whose proof is `ui-tests/fail/<id>.rs` quotes the first line of
`ui-tests/fail/<id>.stderr` (without `error[E....]: `) as its first ``double-backtick`` span
after `**compile error**: `. After re-blessing the snapshots, this script puts the new headlines
in; read `git diff src/mistakes.rs` afterwards. `tests/catalog_coverage.rs` checks the result.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLE = ROOT / "src" / "mistakes.rs"


def headline(stderr: str) -> str:
    first = stderr.splitlines()[0] if stderr else ""
    return re.sub(r"^error(\[E\d+\])?:\s*", "", first).strip()


def main():
    lines = TABLE.read_text().split("\n")
    changed = 0
    for i, line in enumerate(lines):
        m = re.match(r"//! \| `([a-z0-9_]+)` \|", line)
        if not m:
            continue
        cells = line.split(" | ")
        if len(cells) < 6 or f"`ui-tests/fail/{m.group(1)}.rs`" not in cells[5]:
            continue
        snapshot = ROOT / "ui-tests" / "fail" / f"{m.group(1)}.stderr"
        new = headline(snapshot.read_text())
        shaped = cells[4]
        q = re.search(r"\*\*compile error\*\*: `` (.*?) ``", shaped)
        if not q or q.group(1) == new:
            continue
        cells[4] = shaped[: q.start(1)] + new + shaped[q.end(1):]
        lines[i] = " | ".join(cells)
        changed += 1
    TABLE.write_text("\n".join(lines))
    print(f"{changed} headlines rewritten")


if __name__ == "__main__":
    main()
