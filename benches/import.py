#!/usr/bin/env python3
"""Whole-process benchmark of `rungs ladder import`: time must grow
linearly with every dimension of the input.

    python3 benches/import.py                  # 1,000 / 10,000 / 100,000 of each
    python3 benches/import.py --sizes 1000 10000 --runs 5

Builds the release binary, then for each size N writes four inputs and
times `rungs ladder import FILE --output OUT` on each (the median of
`--runs` runs, with `rungs --version` as the start-up baseline):

- rows: a sheet of N rows, one statement each, over 10 levels and 20
  competencies;
- level columns: a sheet of 2 competencies and N level columns (a matrix
  as wide as N levels);
- level headings: a page of N `##` level headings, each with a bullet;
- headings: a page of one level with N `###` headings, each with a bullet.

The last column of the report is the time's ratio to the previous size's:
about 10 for a step of 10 when the work is linear (start-up aside), about
100 when quadratic. Inputs stay within the import's 8 MiB limit.
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")


def rows_sheet(n):
    lines = ["Level,Competency,Statement"]
    for i in range(n):
        lines.append(f"E{i % 10 + 1},Competency {i % 20},Statement {i} about the work.")
    return "rows.csv", "\n".join(lines) + "\n"


def level_columns(n):
    header = "Competency," + ",".join(f"L{i}" for i in range(n))
    rows = [f"C{c}," + ",".join("x" for _ in range(n)) for c in range(2)]
    return "columns.csv", header + "\n" + "\n".join(rows) + "\n"


def level_headings(n):
    parts = ["# Ladder\n"]
    for i in range(n):
        parts.append(f"## L{i + 1} Level {i + 1}\n\n- Does thing {i}.\n")
    return "levels.md", "\n".join(parts)


def headings(n):
    parts = ["# E1 Engineer\n"]
    for i in range(n):
        parts.append(f"### Heading {i}\n\n- Does thing {i}.\n")
    return "headings.md", "\n".join(parts)


CASES = [
    ("rows", rows_sheet),
    ("level columns", level_columns),
    ("level headings", level_headings),
    ("### headings", headings),
]


def median_s(args, runs, env, fresh=None):
    times = []
    for _ in range(runs):
        if fresh and os.path.exists(fresh):
            os.remove(fresh)
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RUNGS_DATA_DIR=os.path.join(tmp, "data"),
                   RUNGS_CONFIG_DIR=os.path.join(tmp, "config"), RUNGS_PAGER="")
        base = median_s([BINARY, "--version"], options.runs, env)
        print(f"start-up (rungs --version): {base * 1000:.1f} ms")
        print(f"{'case':<16} {'N':>8} {'input':>9} {'seconds':>9} {'ratio':>7}")
        for name, make in CASES:
            previous = None
            for n in options.sizes:
                file_name, text = make(n)
                path = os.path.join(tmp, file_name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                out = os.path.join(tmp, "out.toml")
                if os.path.exists(out):
                    os.remove(out)
                args = [BINARY, "ladder", "import", path, "--output", out]
                # Each run writes a new file: an import, not a re-import.
                seconds = median_s(args, options.runs, env, fresh=out)
                ratio = f"{seconds / previous:.1f}" if previous else "-"
                size = f"{len(text.encode()) / 1024:.0f} KB"
                print(f"{name:<16} {n:>8} {size:>9} {seconds:>9.3f} {ratio:>7}", flush=True)
                previous = seconds


if __name__ == "__main__":
    main()
