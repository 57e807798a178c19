#!/usr/bin/env python3
"""Whole-process benchmark of rungs over large data directories.

    python3 benches/perf.py                      # 10,000 and 100,000 assessments
    python3 benches/perf.py --sizes 10000        # one size
    python3 benches/perf.py --sizes 1000 --runs 5  # a quick run

Builds the release binary and the parse-only floor (`examples/parse_floor.rs`),
generates data directories of realistic assessments (a full Senior Platform
Engineer to Lead Software Engineer walk, 164 answers, most with evidence),
then runs each command `--runs` times, one run of each in turn so that all
meet the same moments of a busy machine, and reports the median wall time,
the median of its ratios to `rungs --version` in the same rounds, and the
peak resident memory of the process. The ratios at the end (a warm list
to its floor, the cold build to its floor) are likewise medians of ratios
within rounds.

People have `--per-person` assessments each (250 by default), so a bigger
size means more people, not a longer history: `--person` commands should not
grow with it. Generated directories are kept in `--cache` (by default
/tmp/rungs-bench-cache) and reused by later runs; 100,000 assessments take
a few minutes to write and about 2 GB.

Cases:
- `list` with a warm index, `list --person P`, `progress --person P`,
  `gap --person P` (P has `--per-person` assessments);
- `assess` launch: time from starting `rungs assess --person P --role SPE
  --to LSE --new` in a pseudo-terminal to its first screen;
  and one answer: from the rating key to the next statement on screen,
  which includes saving the file. It is started as the other commands
  are, by `subprocess` (no fork of Python itself, which would add a few
  milliseconds), with a pseudo-terminal as its standard streams;
- cold index build: `list` after deleting the index;
- parse-only floor: `examples/parse_floor.rs` reading and parsing every
  file with the same TOML crate and types, on as many threads as the
  machine has cores (as the index build uses), in its own process (so its
  ratio includes one process start, like the others);
- stat-only floor: `examples/stat_floor.rs` listing each folder and reading
  each file's metadata, on as many threads: what a warm `list` must do to
  know its index is still good;
- with `--baseline BINARY`, the warm `list` and the person-scoped commands
  of another build too, in the same rounds, and the ratio of each to it.

Nothing here needs more than Python 3 and the Rust toolchain; peak memory
is read with GNU time (`apt-get install time`) and shown as nan without it.
Timings include starting each process from Python (about 1 ms here).
"""

import argparse
import hashlib
import json
import os
import pty
import select
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "parse_floor")
STAT_FLOOR = os.path.join(ROOT, "target", "release", "examples", "stat_floor")

EVIDENCE = [
    "Led the migration of 40 services to the golden path; adoption dashboard in the platform wiki",
    "ADR-0042 and its review thread",
    "Postmortem for the March ingress outage, actions all closed",
    "Terraform module registry v2, used by six teams",
    "",
]


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for example in ("parse_floor", "stat_floor"):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--example", example], cwd=ROOT, check=True)


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


def generate(data_dir, count, ids, per_person, seed=7):
    """Writes `count` assessment files, `per_person` for each person, each
    person's spread over several years. Returns the first person's name."""
    rng = random.Random(seed)
    people = max(1, -(-count // per_person))
    width = len(str(people - 1))
    for n in range(count):
        who = n % people
        person = f"Person {who:0{width}d}"
        slug = f"person-{who:0{width}d}"
        day = 1 + n // people
        year, day = 2020 + day // 336, day % 336
        month, dom = 1 + day // 28, 1 + day % 28
        stamp = f"{year:04d}-{month:02d}-{dom:02d}T09:00:00+00:00"
        ident = f"{slug}-spe-{year:04d}-{month:02d}-{dom:02d}-{n}"
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
        folder = os.path.join(data_dir, "assessments", slug)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ident + ".toml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
    return f"Person {0:0{width}d}"


def cached(cache, size, ids, per_person):
    """A generated data directory of `size` assessments, made once and
    reused while the ladder's statements are the same; a directory whose
    generation was cut short is made again."""
    ladder = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:8]
    data = os.path.join(cache, f"data-{size}-{per_person}-{ladder}")
    done = data + ".done"
    if not os.path.exists(done):
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {size} assessments in {data} ...", file=sys.stderr, flush=True)
        person = generate(data, size, ids, per_person)
        with open(done, "w", encoding="utf-8") as handle:
            handle.write(person)
    with open(done, encoding="utf-8") as handle:
        return data, handle.read().strip()


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


def timed(args, env):
    """Wall milliseconds of one run."""
    start = time.perf_counter()
    result = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr.decode()}")
    return elapsed


def rounds(commands, runs, before=None):
    """Runs each of `commands` (name -> argument list) once a round, for
    `runs` rounds, so every command meets the same moments of a busy
    machine; `before` (if given) runs ahead of each command. Returns the
    times of each command, by name, round by round."""
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, (args, env) in commands.items():
            if before:
                before(name)
            times[name].append(timed(args, env))
    return times


def median_ratio(numerators, denominators):
    """The median of the ratios of times measured in the same rounds."""
    return statistics.median(n / d for n, d in zip(numerators, denominators))


def wait_for(fd, needle, seen):
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise RuntimeError(f"waited for {needle!r}; saw {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    return seen[seen.index(needle) + len(needle) :]


def wait_for_any(fd, needles, seen):
    """Waits for whichever of `needles` shows first; returns what was seen
    so far, untrimmed."""
    while not any(needle in seen for needle in needles):
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise RuntimeError(f"waited for one of {needles!r}; saw {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    return seen


def assess_once(env, person):
    """Milliseconds from launching `rungs assess` in a pseudo-terminal to
    its first screen (the first statement, or for a person assessed before
    the first category with last time's answers), and from the rating key of that
    statement (with no evidence) to the second on screen, a save between.
    The new assessment is removed afterwards, so every run sees the same
    history."""
    args = [BINARY, "assess", "--person", person, "--role", "SPE", "--to", "LSE", "--new", "--full"]
    fd, terminal = pty.openpty()
    start = time.perf_counter()
    child = subprocess.Popen(
        args, stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True
    )
    os.close(terminal)
    try:
        seen = wait_for_any(fd, (b"1/164", b"keep all as last time"), b"")
        launch = (time.perf_counter() - start) * 1000
        if b"1/164" not in seen:
            # Last time's answers came first, a category at a time:
            # Enter goes through this one statement by statement.
            os.write(fd, b"\r")
            seen = wait_for(fd, b"1/164", seen)
        os.write(fd, b"2")
        seen = wait_for(fd, b"Evidence", seen)
        start = time.perf_counter()
        os.write(fd, b"\r")
        seen = wait_for(fd, b"2/164", seen)
        answer = (time.perf_counter() - start) * 1000
    finally:
        child.kill()
        child.wait()
        os.close(fd)
    return launch, answer


def measure_assess(env, data, person, runs):
    folder = os.path.join(data, "assessments", person.lower().replace(" ", "-"))
    before = set(os.listdir(folder))
    launches, answers = [], []
    for _ in range(runs):
        launch, answer = assess_once(env, person)
        launches.append(launch)
        answers.append(answer)
        for name in set(os.listdir(folder)) - before:
            os.remove(os.path.join(folder, name))
    return statistics.median(launches), statistics.median(answers)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of the cold build and the parse-only floor")
    parser.add_argument("--per-person", type=int, default=250)
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "rungs-bench-cache"))
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--baseline", help="another `rungs` binary to time beside this one, in the same rounds")
    parser.add_argument(
        "--bin-dir", help="directory holding `rungs` and `parse_floor` to measure instead (implies --no-build)"
    )
    options = parser.parse_args()
    if options.bin_dir:
        global BINARY, FLOOR, STAT_FLOOR
        BINARY = os.path.join(options.bin_dir, "rungs")
        FLOOR = os.path.join(options.bin_dir, "parse_floor")
        STAT_FLOOR = os.path.join(options.bin_dir, "stat_floor")
        options.no_build = True

    if not options.no_build:
        build()
    os.makedirs(options.cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix="rungs-bench-")
    try:
        base_env = {"PATH": os.environ.get("PATH", ""), "HOME": work, "NO_COLOR": "1", "TERM": "xterm"}
        ids = statement_ids(base_env)
        rows = []
        for size in options.sizes:
            data, person = cached(options.cache, size, ids, options.per_person)
            cache = os.path.join(work, f"cache-{size}")
            env = dict(base_env, RUNGS_DATA_DIR=data, RUNGS_CACHE_DIR=cache)
            runs = options.runs
            commands = {
                "rungs --version": ([BINARY, "--version"], env),
                "list (warm index)": ([BINARY, "list"], env),
                "list --person P": ([BINARY, "list", "--person", person], env),
                "progress --person P": ([BINARY, "progress", "--person", person], env),
                "gap --person P": ([BINARY, "gap", "--person", person], env),
                "stat-only floor (all cores)": ([STAT_FLOOR, data], env),
            }
            # An older build may not read the same ladder's statements as
            # complete: only the commands that do not care are compared.
            compared = ["list (warm index)", "list --person P"]
            if options.baseline:
                for name in compared:
                    args = [options.baseline] + commands[name][0][1:]
                    commands[name + " [baseline]"] = (args, env)
            # Warm the page cache and the index (the baseline's too).
            for name, (args, each_env) in commands.items():
                if name.startswith("list (warm"):
                    timed(args, each_env)
            times = rounds(commands, runs)
            version = times["rungs --version"]
            for name, each in times.items():
                memory = peak_mib(commands[name][0], env) if name != "stat-only floor (all cores)" else float("nan")
                rows.append((size, name, statistics.median(each), median_ratio(each, version), memory))
            if options.baseline:
                for name in compared:
                    ratio = median_ratio(times[name], times[name + " [baseline]"])
                    rows.append((size, name + " / baseline", float("nan"), ratio, float("nan")))
            launch, answer = measure_assess(env, data, person, runs)
            version_ms = statistics.median(version)
            rows.append((size, "assess launch (pty, first screen)", launch, launch / version_ms, float("nan")))
            rows.append((size, "assess one answer (key to next, saved)", answer, answer / version_ms, float("nan")))
            # The cold build and its floor, a round each in turn.
            index = cache
            cold = {
                "parse-only floor (all cores)": ([FLOOR, data], env),
                "cold index build (list, no index)": ([BINARY, "list"], env),
            }
            wipe = lambda name: shutil.rmtree(index, ignore_errors=True) if name.startswith("cold") else None
            cold_times = rounds(cold, options.cold_runs, before=wipe)
            for name, each in cold_times.items():
                rows.append((size, name, statistics.median(each), statistics.median(each) / version_ms, float("nan")))
            ratio = median_ratio(times["list (warm index)"], times["stat-only floor (all cores)"])
            rows.append((size, "list (warm) / stat-only floor", float("nan"), ratio, float("nan")))
            ratio = median_ratio(
                cold_times["cold index build (list, no index)"], cold_times["parse-only floor (all cores)"]
            )
            rows.append((size, "cold build / parse-only floor", float("nan"), ratio, float("nan")))
        print(f"{'assessments':>11}  {'command':<40} {'median ms':>10} {'x version':>10} {'peak MiB':>9}")
        for size, name, ms, ratio, mib in rows:
            print(f"{size:>11}  {name:<40} {ms:>10.1f} {ratio:>10.2f} {mib:>9.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
