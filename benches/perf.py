#!/usr/bin/env python3
"""Whole-process benchmark of `rungs list` and `rungs gap` over large data
directories.

    python3 benches/perf.py              # 1,000 and 10,000 assessments
    python3 benches/perf.py --sizes 100  # a quick run

Builds the release binary, generates data directories of realistic
assessments (a full Senior Platform Engineer to Lead Software Engineer walk,
164 answers, most with evidence), then runs each command several times and
reports the median wall time and the peak resident memory of the process.

The first `list` of a directory builds the summary index; it is reported
separately ("cold"). Files are laid out as rungs lays them out: a directory
per person, 40 people. Every later run checks each file's size and
modification time against the index ("warm"), as every real run does.

Nothing here needs more than Python 3 and the Rust toolchain; peak memory
is read with GNU time (`apt-get install time`) and shown as nan without it.
Timings include starting each process from Python (about 1 ms here).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")

EVIDENCE = [
    "Led the migration of 40 services to the golden path; adoption dashboard in the platform wiki",
    "ADR-0042 and its review thread",
    "Postmortem for the March ingress outage, actions all closed",
    "Terraform module registry v2, used by six teams",
    "",
]


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def statement_ids(env):
    ids = []
    for code in ("SPE", "LSE"):
        out = subprocess.run(
            [BINARY, "show", code, "--format", "json"], env=env, check=True, capture_output=True, text=True
        ).stdout
        ids.extend(s["id"] for s in json.loads(out)["statements"])
    return ids


def toml_string(text):
    return json.dumps(text, ensure_ascii=False)


def generate(data_dir, count, ids, seed=7):
    """Writes `count` assessment files of 40 people over several years."""
    rng = random.Random(seed)
    for n in range(count):
        person = f"Person {n % 40:02d}"
        day = 1 + n // 40
        year, day = 2020 + day // 336, day % 336
        month, dom = 1 + day // 28, 1 + day % 28
        stamp = f"{year:04d}-{month:02d}-{dom:02d}T09:00:00+00:00"
        ident = f"person-{n % 40:02d}-spe-{year:04d}-{month:02d}-{dom:02d}-{n}"
        lines = [
            "format_version = 1",
            f'id = "{ident}"',
            'framework = "platform-engineering"',
            'framework_version = "1.0.0"',
            f"person = {toml_string(person)}",
            'role = "SPE"',
            'to = "LSE"',
            f'started = "{stamp}"',
            f'updated = "{stamp}"',
            f'completed = "{stamp}"',
            "",
        ]
        for statement in ids:
            lines.append(f'[ratings."{statement}"]')
            lines.append(f"rating = {rng.choice([0, 1, 2, 2, 3])}")
            evidence = rng.choice(EVIDENCE)
            if evidence:
                lines.append(f"evidence = {toml_string(evidence)}")
            lines.append(f'at = "{stamp}"')
            lines.append("")
        # Where rungs itself puts a new assessment: a directory per person.
        folder = os.path.join(data_dir, "assessments", f"person-{n % 40:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ident + ".toml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
    return f"Person {0:02d}"


GNU_TIME = "/usr/bin/time"


def peak_mib(args, env):
    """Peak resident memory of one run, from GNU time: measuring a child of
    this Python process directly would count Python's own pages, copied
    into the child before it executes rungs."""
    if not os.path.exists(GNU_TIME):
        return float("nan")
    result = subprocess.run(
        [GNU_TIME, "-f", "%M", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def measure(args, env, runs):
    """Median wall time (ms) over `runs` runs, and peak RSS (MiB)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"{' '.join(args)} failed: {result.stderr.decode()}")
        times.append(elapsed * 1000)
    return statistics.median(times), peak_mib(args, env)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()

    build()
    work = tempfile.mkdtemp(prefix="rungs-bench-")
    try:
        base_env = {"PATH": os.environ.get("PATH", ""), "HOME": work, "NO_COLOR": "1"}
        ids = statement_ids(base_env)
        rows = []
        for size in options.sizes:
            data = os.path.join(work, f"data-{size}")
            person = generate(data, size, ids)
            env = dict(base_env, RUNGS_DATA_DIR=data)
            some_id = sorted(os.listdir(os.path.join(data, "assessments", "person-00")))[0][: -len(".toml")]
            cold = measure([BINARY, "list"], env, 1)
            shutil.rmtree(os.path.join(data, "index"))
            cold = measure([BINARY, "list"], env, 1)
            cases = [
                ("list (cold: builds the index)", cold),
                ("list", measure([BINARY, "list"], env, options.runs)),
                ("list --format json", measure([BINARY, "list", "--format", "json"], env, options.runs)),
                ("gap ID", measure([BINARY, "gap", some_id], env, options.runs)),
                ("gap --person (latest)", measure([BINARY, "gap", "--person", person], env, options.runs)),
            ]
            for name, (ms, mib) in cases:
                rows.append((size, name, ms, mib))
        print(f"{'assessments':>11}  {'command':<32} {'median ms':>10} {'peak MiB':>9}")
        for size, name, ms, mib in rows:
            print(f"{size:>11}  {name:<32} {ms:>10.1f} {mib:>9.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
