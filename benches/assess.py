#!/usr/bin/env python3
"""Measures the interactive assessment as a person meets it.

    python3 benches/assess.py

- time from launching `rungs assess` in a pseudo-terminal to the first
  statement on screen (median of 25 launches, release build);
- keystrokes to rate one statement with no evidence;
- the size of the assessment file after a full Senior Platform Engineer to
  Lead Software Engineer walk, with and without evidence.
"""

import json
import os
import pty
import select
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")


def wait_for(fd, needle, seen):
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            raise RuntimeError(f"waited for {needle!r}; saw {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    return seen[seen.index(needle) + len(needle):]


def first_screen(env, rate=False):
    """Milliseconds from launch to the first statement's progress counter;
    with `rate`, also the keys it takes to reach the second statement
    when rating the first with no evidence."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BINARY, [BINARY, "assess", "--person", "Ada", "--role", "SPE", "--to", "LSE", "--new", "--full"], env)
    try:
        seen = wait_for(fd, b"1/164", b"")
        elapsed = (time.perf_counter() - start) * 1000
        keys = 0
        if rate:
            # The rating key, then whatever the evidence prompt needs to be
            # left empty, until the second statement is on screen.
            os.write(fd, b"2")
            keys += 1
            seen = wait_for(fd, b"Evidence", seen)
            os.write(fd, b"\r")
            keys += 1
            seen = wait_for(fd, b"2/164", seen)
        return elapsed, keys
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def file_sizes(env, work):
    """Bytes of a full SPE to LSE assessment, with and without evidence."""
    ids = []
    for code in ("SPE", "LSE"):
        out = subprocess.run([BINARY, "show", code, "--format", "json"], env=env, check=True, capture_output=True)
        ids.extend(s["id"] for s in json.loads(out.stdout)["statements"])
    sizes = {}
    for label, evidence in (("no evidence", ""), ("evidence on every statement (60 characters)", "x" * 60)):
        answers = os.path.join(work, "answers.toml")
        with open(answers, "w", encoding="utf-8") as handle:
            handle.write('person = "Ada"\nrole = "SPE"\nto = "LSE"\n[ratings]\n')
            for statement in ids:
                extra = f', evidence = "{evidence}"' if evidence else ""
                handle.write(f'"{statement}" = {{ rating = 2{extra} }}\n')
        data = os.path.join(work, "sizes-" + str(len(sizes)))
        subprocess.run(
            [BINARY, "assess", "--answers", answers], env=dict(env, RUNGS_DATA_DIR=data), check=True, capture_output=True
        )
        # One assessment, in its person's folder (or, from older
        # releases, directly in assessments/).
        files = [
            os.path.join(root, name)
            for root, _, names in os.walk(os.path.join(data, "assessments"))
            for name in names
            if name.endswith(".toml")
        ]
        (path,) = files
        sizes[label] = os.path.getsize(path)
    return len(ids), sizes


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="rungs-assess-bench-")
    try:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": work,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "RUNGS_DATA_DIR": os.path.join(work, "data"),
        }
        times = [first_screen(env)[0] for _ in range(25)]
        print(f"launch to first statement on screen: median {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}, 25 launches)")
        _, keys = first_screen(env, rate=True)
        print(f"keystrokes to rate one statement with no evidence: {keys} (the rating key, then Enter to leave evidence empty)")
        count, sizes = file_sizes(env, work)
        for label, size in sizes.items():
            print(f"assessment file, full SPE to LSE walk ({count} statements), {label}: {size:,} bytes")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
