#!/usr/bin/env python3
"""How the compile-fail output users see (plain `cargo check`, ui-tests/plain/) differs from the
verbose trybuild snapshots (ui-tests/fail/*.stderr).

    python3 tools/plain_vs_verbose.py            one line per case: lines, errors, typenum tokens
    python3 tools/plain_vs_verbose.py NAME ...   the unified diff of these cases
    python3 tools/plain_vs_verbose.py --heldout  the held-out mistakes (ui-tests/heldout/): each
                                                 one's first 5 lines, errors and typenum tokens

The plain snapshots are written by `SHAPED_BLESS=1 cargo test -p shaped-ui-tests --test ui
cargo_check_output_as_users_see_it`.
"""
import difflib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "ui-tests"
TYPENUM = re.compile(r"\b(UInt|UTerm|B0|B1)\b")


def stats(text):
    lines = text.splitlines()
    errors = sum(1 for l in lines if l.startswith("error"))
    first5 = "\n".join(lines[:5])
    return len(lines), errors, len(TYPENUM.findall(text)), len(TYPENUM.findall(first5))


def heldout():
    cases = sorted((ROOT / "heldout").glob("*.stderr"))
    one_error = clean5 = 0
    for path in cases:
        text = path.read_text()
        lines, errors, tokens, tokens5 = stats(text)
        one_error += errors == 1
        clean5 += tokens5 == 0
        print(f"## {path.stem}: {errors} error(s), {lines} lines, {tokens} typenum tokens ({tokens5} in the first 5 lines)")
        print("\n".join(text.splitlines()[:5]))
        print()
    print(f"{len(cases)} held-out cases: {one_error} with exactly one error, {clean5} without a typenum token in the first 5 lines")


def main():
    if sys.argv[1:] == ["--heldout"]:
        return heldout()
    names = sys.argv[1:]
    cases = sorted(p.stem for p in (ROOT / "plain").glob("*.stderr"))
    if names:
        for name in names:
            verbose = (ROOT / "fail" / f"{name}.stderr").read_text().replace("$DIR/", "src/bin/").splitlines()
            plain = (ROOT / "plain" / f"{name}.stderr").read_text().splitlines()
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(verbose, plain, f"verbose/{name}", f"plain/{name}", lineterm=""))
        return
    print(f"{'case':50} {'verbose':>22} {'plain':>22}")
    print(f"{'':50} {'lines err tn tn@5':>22} {'lines err tn tn@5':>22}")
    totals = [0, 0]
    for name in cases:
        v = stats((ROOT / "fail" / f"{name}.stderr").read_text())
        p = stats((ROOT / "plain" / f"{name}.stderr").read_text())
        totals[0] += p[3] == 0
        totals[1] += p[1] == 1
        print(f"{name:50} {v[0]:5} {v[1]:3} {v[2]:4} {v[3]:4}   {p[0]:5} {p[1]:3} {p[2]:4} {p[3]:4}")
    print(f"\n{len(cases)} cases; plain: {totals[0]} without a typenum token in the first 5 lines, {totals[1]} with exactly one error")


if __name__ == "__main__":
    main()
