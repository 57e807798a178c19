#!/usr/bin/env python3
"""Frameworks and assessments of tens of thousands of statements, whole
processes, release build.

    python3 benches/large.py                 # 40,000 and 100,000 statements
    python3 benches/large.py --sizes 20000 --runs 3

Generates a framework of two roles (each half the statements, in 100
categories) and two answers files that rate every statement, then times
`assess --answers` (recording one) and `compare --format json` of the two,
median of `--runs`. Both should grow linearly with the statements.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")


def framework(statements, categories=100):
    per_category = statements // 2 // categories
    lines = ['format_version = 1', 'id = "big"', 'name = "Big"', 'version = "1"', "",
             "[[section]]", 'id = "s"', 'name = "S"', "categories = ["]
    lines += [f'  {{ id = "c{c}", name = "C{c}" }},' for c in range(categories)]
    lines.append("]")
    answers = [[], []]
    for code, nxt in (("A", '["B"]'), ("B", "[]")):
        lines += ["", "[[archetype]]", f'code = "{code}"', f'title = "{code}"', f"next = {nxt}"]
        for c in range(categories):
            lines += ["", "[[archetype.group]]", 'section = "s"', f'category = "c{c}"', "statements = ["]
            for i in range(per_category):
                ident = f"{code.lower()}.{c}.{i}"
                lines.append(f'  {{ id = "{ident}", text = "Statement {i}." }},')
                for n, each in enumerate(answers):
                    each.append(f'"{ident}" = {{ rating = {(i + n) % 4} }}')
            lines.append("]")
    return "\n".join(lines) + "\n", answers


def timed(args, env):
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr}")
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    options = parser.parse_args()
    if not options.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    print(f"{'statements':>10}  {'record (s)':>10}  {'compare (s)':>11}")
    for size in options.sizes:
        with tempfile.TemporaryDirectory(prefix="rungs-large-") as work:
            text, answers = framework(size)
            path = os.path.join(work, "big.toml")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            files = []
            for n, (assessor, each) in enumerate(zip(("", 'assessor = "Grace"\n'), answers)):
                file = os.path.join(work, f"answers-{n}.toml")
                with open(file, "w", encoding="utf-8") as handle:
                    handle.write(f'person = "Ada"\n{assessor}role = "A"\n[ratings]\n' + "\n".join(each) + "\n")
                files.append(file)
            records, compares = [], []
            for run in range(options.runs):
                env = dict(os.environ, RUNGS_DATA_DIR=os.path.join(work, f"data-{run}"),
                           RUNGS_CACHE_DIR=os.path.join(work, "cache"), RUNGS_PAGER="")
                ids = []
                for file in files:
                    elapsed, out = timed([BINARY, "--framework", path, "assess", "--answers", file], env)
                    records.append(elapsed)
                    ids.append(next(w for w in out.split() if w.startswith("ada-")).rstrip(":,."))
                elapsed, _ = timed([BINARY, "--framework", path, "compare", *ids, "--format", "json"], env)
                compares.append(elapsed)
            print(f"{size:>10}  {statistics.median(records):>10.2f}  {statistics.median(compares):>11.2f}")


if __name__ == "__main__":
    main()
