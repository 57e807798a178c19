#!/usr/bin/env python3
"""Whole-process benchmark of the evidence journal (`rungs log`).

    python3 benches/journal.py            # 25 runs of each
    python3 benches/journal.py --runs 9   # a quick run

Builds the release binary and a data directory holding a year of one
person's journal: 2,000 entries in twelve month files, most tagged, some
with links. Then measures, as medians of repeated runs:

- adding an entry with its tags given (`rungs log TEXT --for ID`), into a
  month that already holds about 170 entries;
- listing the whole year, as a table and as JSON;
- adding an entry with no tags and no terminal, which ranks every
  statement of the built-in ladder (the person has no assessment, so no
  role narrows it) and prints the best three;

each beside `rungs --version` in the same run, which is the cost of
starting a process and nothing else. Targets: adding and listing under
20 ms, suggestions under 50 ms, wall time. Timings include starting each
process from Python. The CPU time of each process is shown too: on a
machine busy with other work the wall time grows with the load, the CPU
time much less. Adding an entry also waits for two fsyncs (the file and
its folder), which no CPU time shows: their cost on the same disk is
printed below the table.

The first listing after a change parses the changed month file; the
others come from the cache in <data dir>/index/journal/, as in real use.
"""

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")

TEXTS = [
    "Led the postmortem for the ingress outage; every action closed within two weeks",
    "Paired with a junior engineer on the Terraform module registry",
    "Cut CI time for the monorepo by a third with remote caching",
    "Wrote the ADR comparing two service mesh options, reviewed by both teams",
    "Ran a lunch and learn on tracing for the payments and search teams",
    "Rightsized the batch node pools: cloud bill down 12% month on month",
    "Reviewed six pull requests from the graduates with notes on testing",
    "Drafted the on-call handbook and walked the team through it",
]
TAGS = ["spe.delivery.1", "collaboration", "spe.ownership.2", "quality", "spe.leadership.2", ""]


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def toml_string(text):
    return json.dumps(text, ensure_ascii=False)


def generate(data_dir, person, count=2000, seed=11):
    """Writes `count` entries of 2025, one file per month, as rungs does."""
    rng = random.Random(seed)
    folder = os.path.join(data_dir, "journal", person.lower())
    os.makedirs(folder, exist_ok=True)
    by_month = {}
    for n in range(count):
        day = n * 365 // count
        date = time.strftime("%Y-%m-%d", time.gmtime(1735689600 + day * 86400))
        by_month.setdefault(date[:7], []).append(date)
    for month, dates in by_month.items():
        lines = ["format_version = 1", f"person = {toml_string(person)}", ""]
        counter = {}
        for date in dates:
            counter[date] = counter.get(date, 0) + 1
            lines.append("[[entry]]")
            lines.append(f'id = "{date}-{counter[date]}"')
            lines.append(f'date = "{date}"')
            lines.append(f"text = {toml_string(rng.choice(TEXTS))}")
            if rng.random() < 0.3:
                lines.append(f'links = ["https://git.example.com/platform/pull/{rng.randint(1, 9999)}"]')
            tag = rng.choice(TAGS)
            if tag:
                lines.append(f'for = ["{tag}"]')
            lines.append(f'recorded = "{date}T18:00:00+00:00"')
            lines.append("")
        path = os.path.join(folder, f"{month}.toml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
        os.chmod(path, 0o600)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(args, env, runs):
    """Medians over `runs` runs, in milliseconds: wall time, and the CPU
    time of the process (user and system), which a busy machine inflates
    less than the wall time."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        result = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed, used = time.perf_counter() - start, cpu_seconds() - start_cpu
        if result.returncode != 0:
            sys.exit(f"{' '.join(args)} failed: {result.stderr.decode()}")
        times.append(elapsed * 1000)
        cpu.append(used * 1000)
    return statistics.median(times), statistics.median(cpu)


def fsync_ms(folder, runs):
    """Median time of what an atomic write adds to a run: writing a 30 KB
    file, its fsync and the fsync of its folder."""
    times = []
    path = os.path.join(folder, "fsync-probe")
    for _ in range(runs):
        start = time.perf_counter()
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(handle, b"x" * 30000)
        os.fsync(handle)
        os.close(handle)
        handle = os.open(folder, os.O_RDONLY)
        os.fsync(handle)
        os.close(handle)
        times.append((time.perf_counter() - start) * 1000)
    os.remove(path)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    options = parser.parse_args()

    if not options.no_build:
        build()
    work = tempfile.mkdtemp(prefix="rungs-journal-bench-")
    try:
        data = os.path.join(work, "data")
        generate(data, "Bench")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": work,
            "NO_COLOR": "1",
            "RUNGS_DATA_DIR": data,
            "RUNGS_CONFIG_DIR": os.path.join(work, "config"),
        }
        listed = subprocess.run(
            [BINARY, "log", "--person", "Bench", "--format", "json"], env=env, check=True, capture_output=True
        ).stdout
        count = len(json.loads(listed)["entries"])
        if count != 2000:
            sys.exit(f"expected 2000 entries, found {count}")
        log = [BINARY, "log", "--person", "Bench"]
        text = "Led the incident review for the DNS outage and closed every follow-up action"
        cases = [
            ("rungs --version", [BINARY, "--version"], None),
            ("add, tags given", log + [text, "--date", "2025-12-15", "--for", "spe.ownership.2"], 20),
            ("list 2,000 (table)", log, 20),
            ("list 2,000 (json)", log + ["--format", "json"], 20),
            (
                "add, suggestions (whole ladder)",
                [BINARY, "log", "--person", "Nobody", text, "--date", "2025-12-15"],
                50,
            ),
        ]
        results = []
        for name, args, target in cases:
            results.append((name, measure(args, env, options.runs), target))
        baseline, baseline_cpu = results[0][1]
        disk = fsync_ms(work, options.runs)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
        print(f"{'case':<34} {'wall ms':>8} {'x --version':>12} {'cpu ms':>8} {'x --version':>12} {'target ms':>10}")
        for name, (ms, cpu), target in results:
            verdict = "" if target is None else f"{target:>10} {'ok' if ms < target else 'OVER'}"
            print(f"{name:<34} {ms:>8.1f} {ms / baseline:>12.1f} {cpu:>8.1f} {cpu / baseline_cpu:>12.1f} {verdict}")
        print(f"(an atomic write's two fsyncs on this disk, part of each add: {disk:.1f} ms)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
